"""Adversarial probes: reading the document register (bizreg_document).

Controlled documents are written in versions (one file each, kept in OCA
``dms`` where no ordinary user reads it), reviewed before they are published
(the approval is bound to the file's SHA-256), read by the departments,
roles and confidentiality levels allowed, and lent: an electronic borrowing
is a time-limited grant that ends by itself at its return date.  File
content reaches users only through ``/bizreg_document/version/<id>/<mode>``,
which checks access, logs every access to a confidential document and
stamps the reader's name.  Here: unpublished or borrowed-out documents read
by others, expired grants, and approvals surviving a file change.

Each attack runs as a demo role over JSON-RPC (or HTTP with the role's
session) and is re-read as admin (the Auditor where admin has no read
access); each probe also proves its fixture by the legitimate route.
Roles: see ``document_probes.py`` (王芳 ``sc_user`` author, 马俊
``sc_manager`` Marketing manager, a Marketing colleague without document
group, 张伟 ``xs_user``/林晓东 ``yg_user``/李娜 ``xs_manager`` of Sales,
何建华 ``regulation_admin`` controller, a portal user).
"""

import pytest
from document_probes import (
    AUTHOR,
    CONTROLLER,
    DMS_FILE,
    DOC,
    DOC_WATCH,
    MANAGER,
    OTHER_MANAGER,
    STRANGER,
    STRANGER2,
    VERSION,
    VERSION_WATCH,
    assert_not_served,
    b64,
    check,
    pdf,
    served,
    watch,
)
from probes import (
    default_key_refused_or_ignored,
    none_readable,
    refused,
    refused_method,
    refused_or,
    refused_record_write,
    refused_unchanged,
    unique,
)

# fixtures: docs, sql, colleague, outsider
pytest_plugins = ["document_probes"]

READERS = ("colleague", "stranger", "outsider")


def _login(who, colleague, outsider):
    return {"colleague": colleague, "stranger": STRANGER, "outsider": outsider}[who]


def _orm_unreadable(api, doc, vid, login, what):
    """Every ORM route to the document and its version is closed to ``login``."""
    title = api.get(DOC, doc, "name")
    refused(api.call, DOC, "read", [doc], ["name"], login=login)
    refused(api.call, VERSION, "read", [vid], ["state", "checksum"], login=login)
    none_readable(api, DOC, [("id", "=", doc)], ["name"], login, what)
    none_readable(api, VERSION, [("id", "=", vid)], ["checksum"], login, what)
    none_readable(api, VERSION, [("document_id", "=", doc)], ["filename"], login, what)
    refused_or(
        lambda: api.call(DOC, "name_search", title, login=login),
        lambda rows: check(not rows, f"{login} finds {what} by name_search"),
    )
    refused_or(
        lambda: api.call(
            DOC, "read_group", [("name", "=", title)], ["name"], ["name"], login=login
        ),
        lambda groups: check(
            not any(g.get("name") == title for g in groups),
            f"{login} reads the title of {what} by read_group",
        ),
    )
    refused(
        api.call,
        DOC,
        "web_read",
        [doc],
        specification={
            "name": {},
            "version_ids": {"fields": {"checksum": {}, "filename": {}}},
            "current_version_id": {"fields": {"display_name": {}}},
        },
        login=login,
    )
    refused(api.call, DOC, "export_data", [doc], ["name"], login=login)
    refused(api.call, VERSION, "export_data", [vid], ["checksum"], login=login)
    for model, rid in ((DOC, doc), (VERSION, vid)):
        none_readable(
            api,
            "mail.message",
            [("model", "=", model), ("res_id", "=", rid)],
            ["body"],
            login,
            f"the messages of {what}",
        )


def _file_unreachable(api, docs, vid, marker, login, what):
    """No route serves the file's bytes to ``login``."""
    dms_id = docs.dms_file(vid)
    refused(api.call, DMS_FILE, "read", [dms_id], ["name", "content"], login=login)
    none_readable(
        api, DMS_FILE, [("id", "=", dms_id)], ["content"], login, f"the file of {what}"
    )
    session = api.session(login)
    attachments = docs.attachments_of(dms_id)
    assert attachments, "the dms file keeps its bytes in no attachment"
    for att in attachments:
        refused(api.call, "ir.attachment", "read", [att], ["datas"], login=login)
        assert_not_served(session.http(f"/web/content/{att}"), marker, login, what)
    for path in (
        f"/web/content/{DMS_FILE}/{dms_id}/content",
        f"/web/content/{DMS_FILE}/{dms_id}/content_file",
        f"/my/dms/file/{dms_id}/download",
    ):
        assert_not_served(session.http(path), marker, login, f"{what} at {path}")
    for mode in ("download", "preview"):
        assert_not_served(docs.fetch(vid, login, mode), marker, login, what)


# ----------------------------------------------------------------------
# Unpublished drafts and versions under review
# ----------------------------------------------------------------------
@pytest.mark.parametrize("stage", ("draft", "under_review"))
@pytest.mark.parametrize("who", READERS)
def test_unpublished_read_through_orm(api, docs, stage, who, colleague, outsider):
    doc, vid, _marker = docs.stage(stage)
    assert api.call(DOC, "read", [doc], ["name"], login=AUTHOR)
    assert api.call(VERSION, "read", [vid], ["checksum"], login=AUTHOR)
    login = _login(who, colleague, outsider)
    _orm_unreadable(api, doc, vid, login, f"a {stage} document")


@pytest.mark.parametrize("stage", ("draft", "under_review"))
@pytest.mark.parametrize("who", READERS)
def test_unpublished_file_fetched(api, docs, stage, who, colleague, outsider):
    _doc, vid, marker = docs.stage(stage)
    assert served(docs.fetch(vid, AUTHOR), marker), "the author cannot download"
    login = _login(who, colleague, outsider)
    _file_unreachable(api, docs, vid, marker, login, f"a {stage} version")


def test_reviewer_reads_version_under_review(api, docs):
    _doc, vid, marker = docs.under_review()
    assert api.call(VERSION, "read", [vid], ["checksum"], login=MANAGER)
    assert served(docs.fetch(vid, MANAGER, "preview"), marker)
    assert_not_served(docs.fetch(vid, OTHER_MANAGER), marker, OTHER_MANAGER, "a review")
    refused(api.call, VERSION, "read", [vid], ["checksum"], login=OTHER_MANAGER)


def test_next_draft_of_published_document(api, docs, colleague):
    """A published document is read; its next version, a draft, is not."""
    doc, vid, marker = docs.published()
    vid2, marker2 = docs.upload(doc)
    for login in (colleague, STRANGER):
        assert served(docs.fetch(vid, login), marker), f"{login} cannot read it"
        refused(api.call, VERSION, "read", [vid2], ["checksum"], login=login)
        none_readable(
            api,
            VERSION,
            [("document_id", "=", doc), ("state", "=", "draft")],
            ["checksum"],
            login,
            "the next draft",
        )
        _no_draft_in_web_read(api, doc, vid2, login)
        assert_not_served(docs.fetch(vid2, login), marker2, login, "the next draft")


def _no_draft_in_web_read(api, doc, draft, login):
    def no_draft(rows):
        seen = [v["id"] for row in rows for v in row.get("version_ids", [])]
        assert draft not in seen, f"{login} reads the draft through version_ids"

    refused_or(
        lambda: api.call(
            DOC,
            "web_read",
            [doc],
            specification={"version_ids": {"fields": {"checksum": {}}}},
            login=login,
        ),
        no_draft,
    )


def test_borrowing_draft_reveals_unpublished_title(api, docs):
    """A draft borrowing of a document one may not read must not reveal it
    (its title, number, category through related fields)."""
    doc, _vid, _marker = docs.under_review("confidential")
    title = api.get(DOC, doc, "name")

    def hidden(bid):
        row = api.call(
            "bizreg.document.borrowing",
            "read",
            [bid],
            ["document_id", "document_title", "document_number"],
            login=STRANGER,
        )[0]
        assert title not in str(row), f"{STRANGER} reads {title!r}: {row}"

    refused_or(lambda: docs.borrowing(doc), hidden)


# ----------------------------------------------------------------------
# Confidential documents: other departments, borrowers
# ----------------------------------------------------------------------
def test_confidential_read_by_other_department(api, docs, colleague, outsider):
    doc, vid, marker = docs.published("confidential")
    assert served(docs.fetch(vid, colleague), marker), "Marketing cannot read it"
    for login in (STRANGER, OTHER_MANAGER, outsider):
        _orm_unreadable(api, doc, vid, login, "a confidential document")
        _file_unreachable(api, docs, vid, marker, login, "a confidential document")


def test_confidential_borrower_before_approval(api, docs):
    doc, vid, marker = docs.published("confidential")
    bid = docs.borrowing_submitted(doc)
    assert api.get("bizreg.document.borrowing", bid, "state") == "review"
    _orm_unreadable(api, doc, vid, STRANGER, "a document not yet lent")
    _file_unreachable(api, docs, vid, marker, STRANGER, "a document not yet lent")


def test_confidential_paper_borrowing_grants_no_file(api, docs):
    """A paper copy lent is not an electronic grant."""
    doc, vid, marker = docs.published("confidential")
    docs.borrowing_lent(doc, medium="paper")
    _file_unreachable(api, docs, vid, marker, STRANGER, "a document lent on paper")


def test_lent_document_read_by_borrowers_colleagues(api, docs):
    """Lent to 张伟: his Sales colleagues and manager still read nothing."""
    doc, vid, marker = docs.published("confidential")
    docs.borrowing_lent(doc)
    assert served(docs.fetch(vid, STRANGER), marker), "the borrower cannot read it"
    for login in (STRANGER2, OTHER_MANAGER):
        _orm_unreadable(api, doc, vid, login, "a document lent to a colleague")
        _file_unreachable(api, docs, vid, marker, login, "a document lent to another")


def test_confidential_returned_grant(api, docs):
    doc, vid, marker = docs.published("confidential")
    bid = docs.borrowing_lent(doc)
    assert served(docs.fetch(vid, STRANGER), marker)
    api.call("bizreg.document.borrowing", "action_return", [bid], login=STRANGER)
    assert api.get("bizreg.document.borrowing", bid, "state") == "returned"
    _orm_unreadable(api, doc, vid, STRANGER, "a returned document")
    _file_unreachable(api, docs, vid, marker, STRANGER, "a returned document")


def test_expired_grant_at_the_route(api, docs):
    """Past its return date, the grant ends at the point of use (no cron
    runs in the suite), and stays ended."""
    doc, vid, marker = docs.published("confidential")
    bid = docs.borrowing_lent(doc)
    assert served(docs.fetch(vid, STRANGER, "preview"), marker)
    docs.lapse(bid)
    for mode in ("download", "preview"):
        assert_not_served(docs.fetch(vid, STRANGER, mode), marker, STRANGER, mode)
    assert api.get("bizreg.document.borrowing", bid, "state") == "expired"
    _orm_unreadable(api, doc, vid, STRANGER, "an expired loan")


def test_expired_grant_through_orm(api, docs):
    """Past its return date, before any cron or download: the register
    entry, its versions and its chatter are closed too."""
    doc, vid, marker = docs.published("confidential")
    bid = docs.borrowing_lent(doc)
    assert api.call(DOC, "read", [doc], ["name"], login=STRANGER)
    docs.lapse(bid)
    _orm_unreadable(api, doc, vid, STRANGER, "an expired loan")


def test_borrower_uploads_to_borrowed_document(api, docs):
    """李娜 (an author of Sales) borrows a Marketing document: she reads it,
    she does not write a version of it."""
    doc, vid, marker = docs.published("confidential")
    docs.borrowing_lent(doc, login=OTHER_MANAGER)
    assert served(docs.fetch(vid, OTHER_MANAGER), marker)
    refused_unchanged(
        api,
        watch(DOC, doc, DOC_WATCH),
        api.call,
        DOC,
        "add_version",
        [doc],
        b64(pdf("forged")),
        "forged.pdf",
        login=OTHER_MANAGER,
    )
    refused_record_write(
        api, DOC, doc, DOC_WATCH, {"name": "renamed"}, login=OTHER_MANAGER
    )


# ----------------------------------------------------------------------
# Approval surviving a file change
# ----------------------------------------------------------------------
@pytest.mark.parametrize("stage", ("draft", "under_review", "published"))
def test_author_swaps_file_of_version(api, docs, stage):
    doc, vid, _marker = docs.stage(stage)
    _doc2, vid2, _marker2 = docs.draft("confidential")
    other = docs.dms_file(vid2)
    seen = watch(VERSION, vid, VERSION_WATCH) + watch(DOC, doc, DOC_WATCH)
    for vals in (
        {"dms_file_id": other},
        {"checksum": "0" * 64},
        {"filename": "other.pdf"},
        {"version": 99},
    ):
        refused_unchanged(api, seen, api.write, VERSION, vid, vals, login=AUTHOR)
    refused_unchanged(
        api, seen, api.write, VERSION, vid, {"dms_file_id": other}, login=CONTROLLER
    )


@pytest.mark.parametrize("login", (AUTHOR, MANAGER, CONTROLLER, "director"))
def test_dms_file_of_published_version_written(api, docs, login):
    doc, vid, _marker = docs.published()
    dms_id = docs.dms_file(vid)
    seen = watch(VERSION, vid, VERSION_WATCH) + watch(DOC, doc, DOC_WATCH)
    before = docs.dms_row(dms_id)
    forged = b64(pdf("forged " + unique()))
    for vals in ({"content": forged}, {"name": "renamed.pdf"}, {"active": False}):
        refused_unchanged(api, seen, api.write, DMS_FILE, dms_id, vals, login=login)
    refused_unchanged(api, seen, api.call, DMS_FILE, "unlink", [dms_id], login=login)
    assert docs.dms_row(dms_id) == before, "the approved file changed"


def test_dms_manager_rewrites_published_file(api, docs, colleague):
    """admin is a DMS Manager (OCA dms gives him the group): rewriting a
    published version's file there is refused, or the route stops serving
    it as the approved version."""
    doc, vid, marker = docs.published()
    dms_id = docs.dms_file(vid)
    forged_marker = "forged" + unique().replace(" ", "")

    def not_served_as_approved(_result):
        response = docs.fetch(vid, colleague)
        status, body = response
        assert forged_marker not in body, (
            "a file changed after approval is served as the approved version"
        )
        assert api.get(VERSION, vid, "state") == "published"

    refused_or(
        lambda: api.write(DMS_FILE, dms_id, {"content": b64(pdf(forged_marker))}),
        not_served_as_approved,
    )


def test_attachment_of_published_file_written(api, docs):
    _doc, vid, _marker = docs.published()
    attachments = docs.attachments_of(docs.dms_file(vid))
    assert attachments, "the dms file keeps its bytes in no attachment"
    query = "SELECT checksum, file_size, res_id FROM ir_attachment WHERE id = ANY(%s)"
    before = docs.sql(query, [attachments])
    for login in (AUTHOR, CONTROLLER):
        refused(
            api.write,
            "ir.attachment",
            attachments,
            {"datas": b64(pdf("forged"))},
            login=login,
        )
        refused(api.call, "ir.attachment", "unlink", attachments, login=login)
    assert docs.sql(query, [attachments]) == before


def test_new_upload_while_under_review(api, docs):
    doc, vid, _marker = docs.under_review()
    seen = watch(VERSION, vid, VERSION_WATCH) + watch(DOC, doc, DOC_WATCH)
    refused_unchanged(
        api,
        seen,
        api.call,
        DOC,
        "add_version",
        [doc],
        b64(pdf(unique())),
        "new.pdf",
        login=AUTHOR,
    )


@pytest.mark.parametrize(
    "model,field,value",
    [
        (VERSION, "state", "published"),
        (VERSION, "state", "approved"),
        (VERSION, "date_published", "2020-01-01 00:00:00"),
        (DOC, "state", "published"),
        (DOC, "state", "archived"),
        (DOC, "date_published", "2020-01-01 00:00:00"),
        (DOC, "bizreg_number", "POL-FAKE-0001"),
    ],
)
def test_author_writes_engine_field_of_draft(api, docs, model, field, value):
    doc, vid, _marker = docs.draft()
    rid, fields = (vid, VERSION_WATCH) if model == VERSION else (doc, DOC_WATCH)
    refused_record_write(api, model, rid, fields, {field: value}, login=AUTHOR)


def test_current_version_set_to_a_draft(api, docs):
    doc, vid, _marker = docs.published()
    vid2, _marker2 = docs.upload(doc)
    seen = watch(DOC, doc, DOC_WATCH) + watch(VERSION, [vid, vid2], VERSION_WATCH)
    for login in (AUTHOR, CONTROLLER):
        for vals in (
            {"current_version_id": vid2},
            {"version_ids": [(2, vid)]},
            {"version_ids": [(3, vid)]},
            {"version_ids": [(1, vid, {"state": "superseded"})]},
        ):
            refused_unchanged(api, seen, api.write, DOC, doc, vals, login=login)


@pytest.mark.parametrize(
    "field,value", [("state", "published"), ("date_published", "2020-01-01 00:00:00")]
)
def test_default_keys_on_document_create(api, docs, field, value):
    def create(context):
        return api.create(
            DOC,
            {"name": unique("probe default"), "category_id": docs.category()},
            login=AUTHOR,
            context=context,
        )

    default_key_refused_or_ignored(api, DOC, create, field, value)


@pytest.mark.parametrize(
    "field,value",
    [
        ("state", "published"),
        ("state", "approved"),
        ("checksum", "0" * 64),
        ("version", 42),
        ("date_published", "2020-01-01 00:00:00"),
    ],
)
def test_default_keys_on_upload(api, docs, field, value):
    doc = docs.document()

    def create(context):
        api.call(
            DOC,
            "add_version",
            [doc],
            b64(pdf(unique())),
            "default.pdf",
            login=AUTHOR,
            context=context,
        )
        return api.search(VERSION, [("document_id", "=", doc)], order="id desc")[0]

    default_key_refused_or_ignored(api, VERSION, create, field, value)


def test_unreviewed_upload_served_as_published(api, docs, colleague):
    """A new file uploaded to a published document with a default_state
    key is not served to the readers without review."""
    doc, vid, marker = docs.published()
    assert served(docs.fetch(vid, colleague), marker)
    marker2 = "unreviewed" + unique().replace(" ", "")
    refused_or(
        lambda: api.call(
            DOC,
            "add_version",
            [doc],
            b64(pdf(marker2)),
            "unreviewed.pdf",
            login=AUTHOR,
            context={"default_state": "published"},
        )
    )
    newest = api.search(VERSION, [("document_id", "=", doc)], order="id desc")[0]
    if newest != vid:
        for login in (colleague, STRANGER):
            assert_not_served(
                docs.fetch(newest, login), marker2, login, "an unreviewed upload"
            )


@pytest.mark.parametrize("field", ("reviewer_user_id", "user_id"))
def test_reviewer_chosen_by_context_key(api, docs, field):
    """The author names an accomplice through a default_* key of the
    upload: 李娜 (Sales manager) as the reviewer, or 张伟 (Sales) as the
    version's author (whose department manager, 李娜, would review it)."""
    doc = docs.document()
    accomplice = api.uid(OTHER_MANAGER if field == "reviewer_user_id" else STRANGER)
    if refused_or(
        lambda: api.call(
            DOC,
            "add_version",
            [doc],
            b64(pdf(unique())),
            "default.pdf",
            login=AUTHOR,
            context={f"default_{field}": accomplice},
        )
    ):
        assert not api.search(VERSION, [("document_id", "=", doc)])
        return
    vid = api.search(VERSION, [("document_id", "=", doc)], order="id desc")[0]
    stored = api.get(VERSION, vid, field)
    assert not stored or stored[0] != accomplice, f"default_{field} was stored"
    refused_or(lambda: docs.submit(vid))
    refused_method(
        api,
        watch(VERSION, vid, VERSION_WATCH),
        VERSION,
        "validate_tier",
        vid,
        login=OTHER_MANAGER,
    )


def test_version_created_directly(api, docs):
    doc, vid, _marker = docs.published()
    before = api.search(VERSION, [("document_id", "=", doc)])
    refused(
        api.create,
        VERSION,
        {
            "document_id": doc,
            "dms_file_id": docs.dms_file(vid),
            "checksum": api.get(VERSION, vid, "checksum"),
        },
        login=AUTHOR,
    )
    assert api.search(VERSION, [("document_id", "=", doc)]) == before


def test_copy_of_published_version(api, docs):
    doc, vid, _marker = docs.published()
    before = api.search(VERSION, [("document_id", "=", doc)])

    def not_approved(new_id):
        row = api.read(VERSION, new_id, ["state", "validation_status", "dms_file_id"])
        assert row[0]["state"] == "draft", f"the copy is {row[0]['state']}"
        assert row[0]["validation_status"] != "validated", "the copy carries approval"

    for login in (AUTHOR, CONTROLLER):
        refused_or(
            lambda login=login: api.call(VERSION, "copy", [vid], login=login),
            lambda new: not_approved(new[0] if isinstance(new, list) else new),
        )
    assert api.get(DOC, doc, "current_version_id")[0] == vid
    assert len(api.search(VERSION, [("document_id", "=", doc)])) >= len(before)


def test_copy_of_published_document(api, docs):
    doc, _vid, _marker = docs.published()

    def not_published(new):
        new = new[0] if isinstance(new, list) else new
        row = api.read(DOC, new, ["state", "current_version_id", "date_published"])
        assert row[0]["state"] == "draft" and not row[0]["current_version_id"], row
        assert not row[0]["date_published"], row

    refused_or(lambda: api.call(DOC, "copy", [doc], login=AUTHOR), not_published)


def test_approve_own_or_foreign_version(api, docs):
    _doc, vid, _marker = docs.under_review()
    seen = watch(VERSION, vid, VERSION_WATCH)
    for login in (AUTHOR, STRANGER, OTHER_MANAGER, "auditor"):
        refused_method(api, seen, VERSION, "validate_tier", vid, login=login)
    refused_unchanged(
        api, seen, api.write, VERSION, vid, {"state": "approved"}, login=MANAGER
    )


def test_manager_approves_own_version(api, docs):
    doc = docs.document(login=MANAGER)
    vid, _marker = docs.upload(doc, login=MANAGER)

    def not_self(_result):
        refused_method(
            api,
            watch(VERSION, vid, VERSION_WATCH),
            VERSION,
            "validate_tier",
            vid,
            login=MANAGER,
        )

    refused_or(lambda: docs.submit(vid, login=MANAGER), not_self)


def test_unlink_published_version_or_document(api, docs):
    doc, vid, _marker = docs.published()
    seen = watch(VERSION, vid, VERSION_WATCH) + watch(DOC, doc, DOC_WATCH)
    for login in (AUTHOR, CONTROLLER, "director"):
        refused_method(api, seen, VERSION, "unlink", vid, login=login)
        refused_method(api, seen, DOC, "unlink", doc, login=login)


def test_confidentiality_lowered_after_publication(api, docs):
    """Raised above its category's level and published, a document is not
    opened to everyone by its author lowering it again."""
    api_doc = api.create(
        DOC,
        {
            "name": unique("probe raised"),
            "category_id": docs.category("internal"),
            "confidentiality": "confidential",
        },
        login=AUTHOR,
    )
    vid, marker = docs.upload(api_doc)
    docs.submit(vid)
    api.review(VERSION, vid, MANAGER)
    assert api.get(DOC, api_doc, "state") == "published"

    def still_closed(_result):
        assert api.get(DOC, api_doc, "confidentiality") == "confidential" or (
            api.get(VERSION, vid, "state") != "published"
        ), "the author lowered a published document's confidentiality"

    refused_or(
        lambda: api.write(DOC, api_doc, {"confidentiality": "internal"}, login=AUTHOR),
        still_closed,
    )
