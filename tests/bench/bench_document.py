# Copyright 2026 bizreg
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Documents: the register list and its search, against OCA DMS (issue 15).

A: ``DEPARTMENTS`` departments of ``USERS`` document authors each (an
employee each), four categories (a public policy category, two internal
ones, a confidential one; owner departments spread), ``DOCUMENTS``
documents across the departments (mostly published, one in ten draft, one
in twenty archived; a tenth in the confidential category) with three
versions each (published: one superseded, one published, one draft; draft
documents: cancelled, under review, draft), the versions' files a few
shared ``dms.file`` rows (one per word, the list reads no content).  One
document with its three versions is made through the ORM per category, the
rest are SQL clones of those (``INSERT ... SELECT generate_series`` as
bench_project.clone does, the row of the document's category cloned), the
stored computed columns (department, number, state, current version,
publication and retention dates) set consistently by SQL.  Titles carry one
of ``WORDS`` (a pseudo-random one per document).

Measured as a department author (a non-admin internal user with an employee
in the first department: the record rules apply), medians of ``ROUNDS``
rounds after a warm-up, at ``DOCUMENTS / 10`` and at ``DOCUMENTS``
documents (the queries must be the same):

- the register list: ``web_search_read`` of ``bizreg.document`` with the
  fields of the default list view, the register menu's action domain (and
  its default filters), the view's default order, 80 rows, the web client's
  count limit;
- the register's search: the same with the domain the search box makes of
  ``WORD`` on the search view's first field (title/number), and on the
  versions' files when the search view offers such a field.

B: a dms storage, a root directory and an access group giving the B user
(a dms user) read access, ``DOCUMENTS`` ``dms.file`` rows in that directory
(SQL clones of one ORM file, tiny content, the same word distribution in
the names): Files list (``dms.action_dms_file``'s domain, the default list
view's fields, its default order, 80 rows) and dms's search on the name
with the same word, as that user, at the same two sizes.

Besides the figures: the query log of one list call and the
``EXPLAIN ANALYZE`` of its slowest statement on each side (``*_slowest``).
"""

import base64
import os
import statistics
import time

from bench_project import _list_spec
from benchlib import clone, columns, measure, query_log
from lxml import etree

from odoo import Command, fields
from odoo.tools import SQL
from odoo.tools.safe_eval import safe_eval

DOCUMENTS = int(os.environ.get("BIZREG_BENCH_DOC_DOCUMENTS", "100000"))
DEPARTMENTS = int(os.environ.get("BIZREG_BENCH_DOC_DEPARTMENTS", "5"))
USERS = int(os.environ.get("BIZREG_BENCH_DOC_USERS", "4"))  # per department
ROUNDS = 5
LIST_LIMIT = 80
COUNT_LIMIT = 10001  # the web client's (10,000 + 1)
WORDS = (
    "procurement",
    "warehouse",
    "onboarding",
    "quality",
    "calibration",
    "invoice",
    "travel",
    "security",
    "inventory",
    "maintenance",
    "recruitment",
    "training",
    "contract",
    "archive",
    "budget",
    "complaint",
    "shipment",
    "supplier",
    "payroll",
    "audit",
    "meeting",
    "marketing",
    "research",
    "release",
    "incident",
    "backup",
    "firmware",
    "packaging",
    "hazard",
    "vehicle",
    "expense",
    "pricing",
    "tender",
    "license",
    "handover",
    "emergency",
    "cleaning",
    "visitor",
    "printing",
    "disposal",
)
WORD = "calibration"  # the searched word: one title in len(WORDS)
PDF = (
    b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n"
    b"2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj\n"
    b"3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 200 200]>>endobj\n"
    b"trailer<</Root 1 0 R>>\n%%EOF\n"
)
# the categories: (name, code, confidentiality, is_policy, retention years,
# owner department index or None, documents per 10)
CATEGORIES = (
    ("Bench policies", "BPOL", "public", True, 10, None, 2),
    ("Bench procedures", "BPRC", "internal", False, 5, 0, 4),
    ("Bench work instructions", "BWI", "internal", False, 3, 1, 3),
    ("Bench confidential plans", "BCNF", "confidential", False, 5, 2, 1),
)
assert sum(c[-1] for c in CATEGORIES) == 10
assert sum(WORD in w for w in WORDS) == 1


def _hash(expr, salt, modulo):
    """SQL: a pseudo-random number in 0 .. ``modulo`` - 1 of ``expr``."""
    return SQL(
        "mod(abs(hashint4((%s)::int + %s)::bigint), %s)::int", expr, salt * 7919, modulo
    )


def _title(n, prefix):
    """SQL: the title of row number ``n``: one of WORDS, pseudo-random."""
    return SQL(
        "%s || ' ' || (%s::varchar[])[1 + %s] || ' no. ' || %s",
        prefix,
        list(WORDS),
        _hash(n, 1, len(WORDS)),
        n,
    )


def _analyze(cr, *tables):
    """The statistics of ``tables``, then of the whole database: the state
    autovacuum keeps a live database in (a fresh bench database has tables
    never analyzed, e.g. hr_department, and the planner then guesses; the
    register rules' ``child_of`` leaf went from 0.1 ms to 110 ms so)."""
    for table in tables:
        cr.execute(SQL("ANALYZE %s", SQL.identifier(table)))
    cr.execute("ANALYZE")


def _sizes():
    """The two sizes measured: a tenth, then all (multiples of 10)."""
    total = max(100, DOCUMENTS - DOCUMENTS % 100)
    return total // 10, total


# ---------------------------------------------------------------- views


def _default_views(Model):
    views = Model.get_views([(False, "list"), (False, "search")])["views"]
    return etree.fromstring(views["list"]["arch"]), etree.fromstring(
        views["search"]["arch"]
    )


def _eval(text, env, word=None):
    ctx = {
        "uid": env.uid,
        "context_today": lambda: fields.Date.context_today(env.user),
        "allowed_company_ids": env.companies.ids,
        "context": dict(env.context),
    }
    if word is not None:
        ctx["self"] = word
    return safe_eval(text or "[]", ctx) if isinstance(text, str) else (text or [])


def _action_domain(env, action, search_arch):
    """The action's domain and the domains of its default filters
    (``search_default_<filter>`` of the action's context)."""
    domain = list(_eval(action.domain, env))
    context = _eval(action.context or "{}", env)
    filters = []
    for key, value in (context or {}).items():
        if not key.startswith("search_default_") or not value:
            continue
        name = key[len("search_default_") :]
        node = search_arch.find(f".//filter[@name='{name}']")
        if node is not None and node.get("domain"):
            filters.append(name)
            domain += _eval(node.get("domain"), env)
    return domain, filters


def _field_domain(node, word, env):
    """The domain the search box makes of ``word`` on a search view field."""
    if node.get("filter_domain"):
        return list(_eval(node.get("filter_domain"), env, word))
    return [(node.get("name"), node.get("operator") or "ilike", word)]


def _search_fields(search_arch):
    """The search view's first field (the default search: title/number) and
    the first field searching the versions' files, if there is one."""
    nodes = search_arch.findall(".//field")
    main = nodes[0] if nodes else None
    files = None
    for node in nodes[1:]:
        text = f"{node.get('name')} {node.get('filter_domain') or ''}"
        if "version" in text or "file" in text:
            files = node
            break
    return main, files


class ListCall:
    """``web_search_read`` of a model as the web client sends it for its
    default list view (fields, default order, 80 rows, count limit)."""

    def __init__(self, env, model, action, user):
        self.env = env
        self.Model = env(user=user.id)[model].with_context(bin_size=True)
        list_arch, search_arch = _default_views(self.Model)
        self.spec = _list_spec(self.Model, list_arch)
        self.order = list_arch.get("default_order") or None
        self.domain, self.filters = _action_domain(self.Model.env, action, search_arch)
        self.main, self.files = _search_fields(search_arch)

    def search_domain(self, node, word):
        return self.domain + _field_domain(node, word, self.Model.env)

    def __call__(self, domain):
        return self.Model.web_search_read(
            domain,
            self.spec,
            order=self.order,
            limit=LIST_LIMIT,
            count_limit=COUNT_LIMIT,
        )

    def figures(self, domain, prefix):
        self(domain)  # warm-up
        runs = sorted(
            (measure(self.env, lambda: self(domain)) for _round in range(ROUNDS)),
            key=lambda r: r[0],
        )
        seconds, queries, result = runs[len(runs) // 2]
        return {
            f"{prefix}_ms": round(statistics.median(r[0] for r in runs) * 1000, 1),
            f"{prefix}_queries": queries,
            f"{prefix}_rows": len(result["records"]),
            f"{prefix}_length": result["length"],
        }

    def describe(self, prefix):
        return {
            f"{prefix}_fields": sorted(self.spec),
            f"{prefix}_order": self.order,
            f"{prefix}_domain": repr(self.domain),
            f"{prefix}_default_filters": self.filters,
            f"{prefix}_search_field": self.main is not None and self.main.get("name"),
            f"{prefix}_file_search_field": self.files is not None
            and self.files.get("name"),
        }

    def measure_all(self, prefix, size):
        """The list, the search and the file search at one size."""
        out = self.figures(self.domain, f"{prefix}_list_{size}")
        if self.main is not None:
            out.update(
                self.figures(
                    self.search_domain(self.main, WORD), f"{prefix}_search_{size}"
                )
            )
        if self.files is not None:
            out.update(
                self.figures(
                    self.search_domain(self.files, WORD),
                    f"{prefix}_file_search_{size}",
                )
            )
        return out


def slowest(env, func, top=3):
    """The ``top`` slowest statements of ``func()`` with the ``EXPLAIN
    ANALYZE`` of the slowest: ``{"statements": [...], "explain": [...]}``."""
    cr = env.cr
    seen = []
    original = cr.execute

    def execute(query, params=None, log_exceptions=True):
        start = time.perf_counter()
        try:
            return original(query, params, log_exceptions)
        finally:
            seen.append((time.perf_counter() - start, query, params))

    env.flush_all()
    env.invalidate_all()
    cr.execute = execute
    try:
        func()
    finally:
        del cr.execute
    out = {
        "sequence": [
            f"{sec * 1000:.1f} ms: "
            + (q.code if isinstance(q, SQL) else str(q))[:300].replace("\n", " ")
            for sec, q, _p in seen
        ]
    }
    seen.sort(key=lambda r: r[0], reverse=True)
    out |= {
        "statements": [
            f"{sec * 1000:.1f} ms: {cr.mogrify(q, p).decode()[:1500]}"
            if not isinstance(q, SQL)
            else f"{sec * 1000:.1f} ms: {cr.mogrify(q.code, q.params).decode()[:1500]}"
            for sec, q, p in seen[:top]
        ]
    }
    if seen:
        _sec, query, params = seen[0]
        if isinstance(query, SQL):
            query, params = query.code, query.params
        if query.lstrip().upper().startswith("SELECT"):
            cr.execute(f"EXPLAIN (ANALYZE, BUFFERS) {query}", params)
            out["explain"] = [row[0] for row in cr.fetchall()]
    env.invalidate_all()
    return out


# ---------------------------------------------------------------- A


def _people(env):
    """``DEPARTMENTS`` departments of ``USERS`` document authors each (with
    an employee); returns ``(departments, users_by_department)``."""
    Users = env["res.users"].with_context(
        no_reset_password=True, mail_create_nolog=True
    )
    groups = env.ref("base.group_user") | env.ref(
        "bizreg_document.group_bizreg_document_user"
    )
    departments = env["hr.department"].create(
        [{"name": f"Bench documents {d}"} for d in range(DEPARTMENTS)]
    )
    users = []
    for d, department in enumerate(departments):
        mine = Users.create(
            [
                {
                    "name": f"Bench author {d}-{i}",
                    "login": f"bench_doc_{d}_{i}",
                    "groups_id": [Command.set(groups.ids)],
                }
                for i in range(USERS)
            ]
        )
        employees = env["hr.employee"].create(
            [
                {"name": u.name, "user_id": u.id, "department_id": department.id}
                for u in mine
            ]
        )
        department.manager_id = employees[0]
        users.append(mine)
    return departments, users


def _categories(env, departments):
    Category = env["bizreg.document.category"]
    cats = Category
    for name, code, conf, policy, years, dept, _share in CATEGORIES:
        cats |= Category.create(
            {
                "name": name,
                "code": code,
                "confidentiality": conf,
                "is_policy": policy,
                "retention_years": years,
                "department_id": departments[dept].id if dept is not None else False,
            }
        )
    return cats


def _bench_directory(env, name):
    """A dms storage and its root directory (database storage)."""
    storage = env["dms.storage"].create({"name": name, "save_type": "database"})
    return storage, env["dms.directory"].create(
        {"name": name, "is_root_directory": True, "storage_id": storage.id}
    )


def _shared_files(env, categories):
    """One dms file per word (the versions' files), in the first category's
    directory when categories have one, else in a bench directory."""
    directory = (
        categories[:1].directory_id if "directory_id" in categories._fields else None
    )
    if not directory:
        _storage, directory = _bench_directory(env, "Bench versions")
    files = env["dms.file"].create(
        [
            {
                "name": f"{word} specification.pdf",
                "directory_id": directory.id,
                "content": base64.b64encode(PDF),
            }
            for word in WORDS
        ]
    )
    return files


def _templates(env, categories, author):
    """Per category: one document with three versions, through the ORM."""
    Document = env["bizreg.document"].with_user(author).sudo()
    templates = []
    for cat in categories:
        doc = Document.create(
            {
                "name": f"Bench template {cat.code}",
                "category_id": cat.id,
                "confidentiality": cat.confidentiality,
                "user_id": author.id,
            }
        )
        versions = env["bizreg.document.version"]
        for k in range(3):
            if hasattr(doc, "add_version"):
                doc.add_version(
                    base64.b64encode(PDF + str(k).encode()).decode(),
                    f"template {k}.pdf",
                    "Bench",
                )
                versions = doc.version_ids.sorted("id")
            else:
                versions |= env["bizreg.document.version"].create(
                    {"document_id": doc.id, "version": k + 1}
                )
        templates.append((doc, versions.sorted("id")[:3]))
    env.flush_all()
    return templates


def _classes():
    """The category index of each residue of n mod 10 (``CATEGORIES`` shares)."""
    out = []
    for index, cat in enumerate(CATEGORIES):
        out += [index] * cat[-1]
    return out


def generate_documents(env, setup, offset, count):
    """Documents ``offset + 1 .. offset + count`` with three versions each;
    returns the new document ids."""
    cr = env.cr
    categories, templates, users, files = (
        setup["categories"],
        setup["templates"],
        setup["users"],
        setup["files"],
    )
    now = fields.Datetime.now().replace(microsecond=0)
    n = SQL("(g + %s)", offset)
    classes = _classes()
    cls = SQL("(%s::int[])[1 + mod(%s, 10)]", classes, n)  # 0-based category
    doc_tmpl = [doc.id for doc, _versions in templates]
    user_ids = [u.id for dept in users for u in dept]
    dept_ids = [
        dept_users.employee_ids[:1].department_id.id
        for dept_users in users
        for _u in dept_users
    ]
    # the first reviewer of a version: the manager of the author's department
    # (the first author of each department; none for the manager himself)
    reviewers = [
        dept_users[0].id if user != dept_users[0] else None
        for dept_users in users
        for user in dept_users
    ]
    u = SQL("(1 + %s)", _hash(n, 2, len(user_ids)))
    st = _hash(n, 3, 20)
    state = SQL(
        "CASE WHEN %s < 2 THEN 'draft' WHEN %s = 2 THEN 'archived' "
        "ELSE 'published' END",
        st,
        st,
    )
    published = SQL("(%s) != 'draft'", state)
    date_published = SQL(
        "CASE WHEN %s THEN %s::timestamp - make_interval(days => %s, hours => %s) END",
        published,
        now,
        _hash(n, 4, 2000),
        _hash(n, 5, 24),
    )
    years = SQL(
        "(%s::int[])[1 + %s]", [c[4] for c in CATEGORIES], cls
    )  # retention years
    owner_dept = [
        setup["departments"][c[5]].id if c[5] is not None else None for c in CATEGORIES
    ]
    # the owner department: the category's if it has one, else the author's
    # (the contract's _bizreg_department_source override), see setup
    if setup["dept_from_category"]:
        department = SQL(
            "COALESCE((%s::int[])[1 + %s], (%s::int[])[%s])",
            owner_dept,
            cls,
            dept_ids,
            u,
        )
    else:
        department = SQL("(%s::int[])[%s]", dept_ids, u)
    codes = [c[1] for c in CATEGORIES]
    conf = SQL(
        "CASE WHEN (%s::varchar[])[1 + %s] = 'internal' AND %s = 0 "
        "THEN 'confidential' ELSE (%s::varchar[])[1 + %s] END",
        [c[2] for c in CATEGORIES],
        cls,
        _hash(n, 6, 50),  # a few internal documents raised to confidential
        [c[2] for c in CATEGORIES],
        cls,
    )
    cols = columns(cr, "bizreg_document")
    overrides = {
        "name": _title(n, SQL("'Bench'")),
        "category_id": SQL("(%s::int[])[1 + %s]", categories.ids, cls),
        "confidentiality": conf,
        "state": state,
        "user_id": SQL("(%s::int[])[%s]", user_ids, u),
        "department_id": department,
        "bizreg_number": SQL(
            "CASE WHEN %s THEN (%s::varchar[])[1 + %s] || '-' "
            "|| lpad(%s::text, 7, '0') END",
            published,
            codes,
            cls,
            n,
        ),
        "date_published": date_published,
        "retention_date": SQL(
            "CASE WHEN %s AND %s > 0 THEN (%s + make_interval(years => %s))::date END",
            published,
            years,
            date_published,
            years,
        ),
        "current_version_id": SQL("NULL"),
        "create_date": SQL("%s::timestamp", now),
        "write_date": SQL("%s::timestamp", now),
        "message_main_attachment_id": SQL("NULL"),
    }
    select = [overrides.get(col, SQL.identifier("src", col)) for col in cols]
    cr.execute(
        SQL(
            "INSERT INTO bizreg_document (%s) SELECT %s "
            "FROM generate_series(1, %s) AS g "
            "JOIN bizreg_document AS src ON src.id = (%s::int[])[1 + %s] "
            "ORDER BY g RETURNING id",
            SQL(", ").join(SQL.identifier(col) for col in cols),
            SQL(", ").join(select),
            count,
            doc_tmpl,
            cls,
        )
    )
    doc_ids = [row[0] for row in cr.fetchall()]
    # the versions: k = 1 superseded / cancelled, 2 published / under review,
    # 3 draft; each cloned from the version k of its category's template
    doc = SQL("(%s::int[])[g]", doc_ids)
    vcols = columns(cr, "bizreg_document_version")
    for k in (1, 2, 3):
        tmpl = [versions[k - 1].id for _doc, versions in templates]
        vstate = {
            1: SQL("CASE WHEN %s THEN 'superseded' ELSE 'cancel' END", published),
            2: SQL("CASE WHEN %s THEN 'published' ELSE 'review' END", published),
            3: SQL("'draft'"),
        }[k]
        file_index = SQL("(1 + %s)", _hash(n, 1, len(WORDS)))  # the title's word
        voverrides = {
            "document_id": doc,
            "version": SQL("%s", k),
            "state": vstate,
            "user_id": SQL("(%s::int[])[%s]", user_ids, u),
            "department_id": department,
            "dms_file_id": SQL("(%s::int[])[%s]", files.ids, file_index),
            "checksum": SQL(
                "encode(sha256(('bench ' || %s || ' ' || %s)::bytea), 'hex')", n, k
            ),
            "filename": SQL(
                "(%s::varchar[])[%s] || ' specification.pdf'", list(WORDS), file_index
            ),
            "file_size": SQL("%s", len(PDF)),
            "reviewer_user_id": SQL("(%s::int[])[%s]", reviewers, u),
            "date_published": {
                1: SQL("%s - interval '30 days'", date_published),
                2: date_published,
                3: SQL("NULL"),
            }[k],
            "create_date": SQL("%s::timestamp", now),
            "write_date": SQL("%s::timestamp", now),
            "message_main_attachment_id": SQL("NULL"),
        }
        select = [voverrides.get(col, SQL.identifier("src", col)) for col in vcols]
        cr.execute(
            SQL(
                "INSERT INTO bizreg_document_version (%s) SELECT %s "
                "FROM generate_series(1, %s) AS g "
                "JOIN bizreg_document_version AS src ON src.id = (%s::int[])[1 + %s] "
                "ORDER BY g",
                SQL(", ").join(SQL.identifier(col) for col in vcols),
                SQL(", ").join(select),
                count,
                tmpl,
                cls,
            )
        )
    cr.execute(
        """
        UPDATE bizreg_document d SET current_version_id = v.id
          FROM bizreg_document_version v
         WHERE v.document_id = d.id AND v.version = 2 AND d.state != 'draft'
           AND d.id = ANY(%s)
        """,
        [doc_ids],
    )
    _analyze(cr, "bizreg_document", "bizreg_document_version")
    env.invalidate_all()
    return doc_ids


def _setup_a(env):
    departments, users = _people(env)
    categories = _categories(env, departments)
    author = users[0][0]
    templates = _templates(env, categories, author)
    files = _shared_files(env, categories)
    # whether the owner department comes from the category (checked on the
    # template of the category that has one)
    doc, category = templates[2][0], categories[2]
    setup = {
        "departments": departments,
        "users": users,
        "categories": categories,
        "templates": templates,
        "files": files,
        "dept_from_category": doc.department_id == category.department_id
        and category.department_id != author.employee_ids[:1].department_id,
    }
    return setup


def _check_stored(env, model, ids, fnames):
    """Recompute the stored computed ``fnames`` of a sample of the cloned
    rows through the ORM: the fields whose SQL value differs, with counts."""
    records = env[model].browse(ids)
    before = {(rec.id, f): rec[f] for rec in records for f in fnames}
    for fname in fnames:
        env.add_to_compute(records._fields[fname], records)
    records._recompute_recordset(fnames)
    wrong = {}
    for rec in records:
        for fname in fnames:
            if rec[fname] != before[rec.id, fname]:
                wrong[fname] = wrong.get(fname, 0) + 1
    env.invalidate_all()
    return wrong


def _stats(env):
    env.cr.execute(
        """
        SELECT d.state, d.confidentiality, count(*)
          FROM bizreg_document d GROUP BY 1, 2 ORDER BY 1, 2
        """
    )
    return [list(row) for row in env.cr.fetchall()]


def _register_action(env):
    menu = env.ref("bizreg_document.bizreg_document_menu_register")
    action = menu.action
    if not action and menu.child_id:
        action = menu.child_id.sorted("sequence")[:1].action
    if (
        action
        and action._name == "ir.actions.act_window"
        and (action.res_model == "bizreg.document")
    ):
        return action
    return env["ir.actions.act_window"].search(
        [("res_model", "=", "bizreg.document")], limit=1, order="id"
    )


def run_a(env):
    env = env(context=dict(env.context, tracking_disable=True, mail_notrack=True))
    first, total = _sizes()
    setup = _setup_a(env)
    # the measured user: an author of the first department (not a controller)
    user = setup["users"][0][1]
    out = {
        "documents": total,
        "documents_small": first,
        "versions": 3 * total,
        "departments": DEPARTMENTS,
        "user": user.login,
        "user_groups": sorted(
            g.full_name for g in user.groups_id if "Document" in (g.full_name or "")
        ),
        "word": WORD,
        "dept_from_category": setup["dept_from_category"],
    }
    generate_documents(env, setup, 0, first)
    call = ListCall(env, "bizreg.document", _register_action(env), user)
    out.update(call.describe("register"))
    out.update(call.measure_all("register", "small"))
    generate_documents(env, setup, first, total - first)
    out.update(call.measure_all("register", "full"))
    # what the user sees, and where the time goes
    out["register_query_log"] = query_log(env, lambda: call(call.domain))
    out["register_list_slowest"] = slowest(env, lambda: call(call.domain))
    if call.main is not None:
        domain = call.search_domain(call.main, WORD)
        out["register_search_slowest"] = slowest(env, lambda: call(domain))
    # the SQL-made rows as the ORM computes them (a sample)
    env.cr.execute("SELECT id FROM bizreg_document ORDER BY id DESC LIMIT 60")
    sample = [row[0] for row in env.cr.fetchall()]
    doc_fields = [
        f
        for f in ("department_id", "confidentiality", "retention_date")
        if f in env["bizreg.document"]._fields
    ]
    out["stored_mismatch_documents"] = _check_stored(
        env, "bizreg.document", sample, doc_fields
    )
    versions = env["bizreg.document.version"].search([("document_id", "in", sample)])
    version_fields = [
        f
        for f in ("department_id", "category_id", "reviewer_user_id")
        if f in versions._fields and versions._fields[f].store
    ]
    out["stored_mismatch_versions"] = _check_stored(
        env, "bizreg.document.version", versions.ids, version_fields
    )
    out["states"] = _stats(env)
    # the same list as the superuser (no record rule): the rules' share
    sudo_call = ListCall(env, "bizreg.document", _register_action(env), env.user)
    out.update(sudo_call.figures(sudo_call.domain, "register_list_superuser"))
    return out


# ---------------------------------------------------------------- B


def _setup_b(env):
    user = (
        env["res.users"]
        .with_context(no_reset_password=True, mail_create_nolog=True)
        .create(
            {
                "name": "Bench dms user",
                "login": "bench_dms_user",
                "groups_id": [
                    Command.set(
                        (env.ref("base.group_user") | env.ref("dms.group_dms_user")).ids
                    )
                ],
            }
        )
    )
    group = env["dms.access.group"].create(
        {
            "name": "Bench readers",
            "perm_create": False,
            "perm_write": False,
            "perm_unlink": False,
            "explicit_user_ids": [Command.set(user.ids)],
        }
    )
    storage = env["dms.storage"].create(
        {"name": "Bench storage", "save_type": "database"}
    )
    directory = env["dms.directory"].create(
        {
            "name": "Bench documents",
            "is_root_directory": True,
            "storage_id": storage.id,
            "group_ids": [Command.set(group.ids)],
        }
    )
    template = env["dms.file"].create(
        {
            "name": "Bench template.pdf",
            "directory_id": directory.id,
            "content": base64.b64encode(PDF),
        }
    )
    env.flush_all()
    return user, template


def generate_files(env, template, offset, count):
    now = fields.Datetime.now().replace(microsecond=0)
    n = SQL("(g + %s)", offset)
    clone(
        env.cr,
        "dms_file",
        template.id,
        count,
        {
            "name": SQL("%s || '.pdf'", _title(n, SQL("'Bench'"))),
            "access_token": SQL("NULL"),
            "create_date": SQL("%s::timestamp", now),
            "write_date": SQL("%s::timestamp - make_interval(mins => %s)", now, n),
            "message_main_attachment_id": SQL("NULL"),
        },
    )
    _analyze(env.cr, "dms_file")
    env.invalidate_all()


def run_b(env):
    env = env(context=dict(env.context, tracking_disable=True, mail_notrack=True))
    first, total = _sizes()
    user, template = _setup_b(env)
    out = {"files": total, "files_small": first, "word": WORD, "user": user.login}
    # the template is file number 0 (its name has no word)
    generate_files(env, template, 0, first - 1)
    call = ListCall(env, "dms.file", env.ref("dms.action_dms_file"), user)
    out.update(call.describe("dms"))
    out.update(call.measure_all("dms", "small"))
    generate_files(env, template, first - 1, total - first)
    out.update(call.measure_all("dms", "full"))
    out["dms_query_log"] = query_log(env, lambda: call(call.domain))
    out["dms_list_slowest"] = slowest(env, lambda: call(call.domain))
    domain = call.search_domain(call.main, WORD)
    out["dms_search_slowest"] = slowest(env, lambda: call(domain))
    return out
