"""Fixtures and factories of the document-register probes
(``test_probe_document*.py``): fresh controlled documents of 王芳
(``sc_user``, Marketing author) reviewed by 马俊 (``sc_manager``, Marketing
Department manager), borrowings, disposals, and the few direct database
writes that let time pass (a return date in the past)."""

import base64
import datetime
import os
import secrets
import sys
import uuid
from pathlib import Path

import pytest
from probes import Api, unique

DOC = "bizreg.document"
VERSION = "bizreg.document.version"
CATEGORY = "bizreg.document.category"
BORROWING = "bizreg.document.borrowing"
LOG = "bizreg.document.access.log"
DISPOSAL = "bizreg.document.disposal"
ACK = "bizreg.document.acknowledgement"
DMS_FILE = "dms.file"

DOC_WATCH = (
    "name",
    "state",
    "category_id",
    "confidentiality",
    "current_version_id",
    "date_published",
    "bizreg_number",
    "version_ids",
    "user_id",
    "department_id",
)
VERSION_WATCH = (
    "state",
    "version",
    "dms_file_id",
    "checksum",
    "filename",
    "document_id",
    "validation_status",
    "review_ids",
)
BORROWING_WATCH = (
    "state",
    "date_due",
    "document_id",
    "medium",
    "user_id",
    "date_lent",
    "lent_by",
    "date_returned",
)
DISPOSAL_WATCH = (
    "state",
    "action",
    "document_id",
    "date_done",
    "done_by_id",
    "record_number",
    "record_title",
    "record_versions",
    "record_approvers",
)
LOG_WATCH = ("document_id", "version_id", "user_id", "action", "create_date")
ACK_WATCH = ("state", "user_id", "date_acknowledged", "version_id")

AUTHOR = "sc_user"  # 王芳, Marketing, Documents: Author
MANAGER = "sc_manager"  # 马俊, Marketing Department manager
STRANGER = "xs_user"  # 张伟, Sales
STRANGER2 = "yg_user"  # 林晓东, Sales
OTHER_MANAGER = "xs_manager"  # 李娜, Sales manager, Documents: Author
CONTROLLER = "regulation_admin"  # 何建华, document controller

REPO = Path(__file__).resolve().parents[2]


def pdf(marker):
    """A valid one-page PDF (with its cross-reference table) carrying
    ``marker`` in a comment, to recognise leaked bytes."""
    objects = [
        b"<</Type/Catalog/Pages 2 0 R>>",
        b"<</Type/Pages/Kids[3 0 R]/Count 1>>",
        b"<</Type/Page/Parent 2 0 R/MediaBox[0 0 595 842]>>",
    ]
    out = b"%PDF-1.4\n% " + marker.encode() + b"\n"
    offsets = []
    for number, body in enumerate(objects, 1):
        offsets.append(len(out))
        out += b"%d 0 obj" % number + body + b"endobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    out += b"trailer<</Size %d/Root 1 0 R>>\nstartxref\n%d\n%%%%EOF\n" % (
        len(objects) + 1,
        xref,
    )
    return out


def b64(data):
    return base64.b64encode(data).decode()


def now(hours=0):
    """UTC in Odoo's datetime format, ``hours`` from now."""
    moment = datetime.datetime.now(datetime.UTC) + datetime.timedelta(hours=hours)
    return moment.strftime("%Y-%m-%d %H:%M:%S")


def ids(value):
    return [value] if isinstance(value, int) else list(value)


def watch(model, records, fields):
    return [(model, ids(records), fields)]


def check(condition, message):
    assert condition, message


# ----------------------------------------------------------------------
# Serving files
# ----------------------------------------------------------------------
def served(response, marker=None):
    """The route answered with a PDF (the file's bytes, maybe watermarked)."""
    status, body = response
    return status == 200 and (
        body.startswith("%PDF") or (marker is not None and marker in body)
    )


def assert_not_served(response, marker, who, what):
    status, body = response
    assert not served(response, marker), f"{who} got the bytes of {what} ({status})"
    assert marker not in body, f"{who} got the content of {what} ({status})"


# ----------------------------------------------------------------------
# Fixtures
# ----------------------------------------------------------------------
@pytest.fixture(scope="session")
def sql(odoo_server):
    """Run one SQL statement in the suite's database (``(query, params)`` →
    rows).  Only used to let time pass, and to find the attachment holding
    a dms file's bytes (which admin may not read)."""
    sys.path.insert(0, str(REPO / "tools"))
    from bizreg_tool import odoo_env, pg

    odoo = odoo_env.find_odoo(python=os.environ.get("BIZREG_PYTHON"))
    host = os.environ.get("BIZREG_DB_HOST")
    if host:
        server = pg.DbServer(
            host=host,
            port=os.environ.get("BIZREG_DB_PORT") or None,
            user=os.environ.get("BIZREG_DB_USER") or None,
        )
    else:
        server = pg.database_server()

    def run(query, params=()):
        [rows] = server.query(odoo, odoo_server.db, (query, list(params)))
        return rows

    try:
        yield run
    finally:
        server.release()


@pytest.fixture(scope="session")
def colleague(probe_client):
    """Login of a Marketing employee without any document group."""
    admin = Api(probe_client)
    login = f"doc_colleague_{secrets.token_hex(4)}"
    uid = admin.create(
        "res.users",
        {
            "name": f"Colleague {login}",
            "login": login,
            "password": login,
            "groups_id": [(6, 0, [admin.ref("base.group_user")])],
        },
    )
    admin.create(
        "hr.employee",
        {
            "name": f"Colleague {login}",
            "user_id": uid,
            "department_id": admin.ref("bizreg_base.hr_department_marketing"),
        },
    )
    return login


@pytest.fixture(scope="session")
def outsider(probe_client):
    """Login of a portal user (no employee, no department)."""
    admin = Api(probe_client)
    login = f"doc_portal_{secrets.token_hex(4)}"
    partner = admin.create(
        "res.partner", {"name": f"Portal {login}", "email": f"{login}@example.com"}
    )
    admin.create(
        "res.users",
        {
            "login": login,
            "password": login,
            "partner_id": partner,
            "groups_id": [(6, 0, [admin.ref("base.group_portal")])],
        },
    )
    return login


@pytest.fixture
def docs(api, sql):
    return Docs(api, sql)


# ----------------------------------------------------------------------
# Factories
# ----------------------------------------------------------------------
class Docs:
    """Documents of 王芳 (sc_user) in Marketing categories made for the run
    (internal and confidential; readers asked to acknowledge), versions she
    uploads and submits, approved (and so published) by 马俊 (sc_manager);
    borrowings by other employees; disposals by the controller."""

    def __init__(self, api, sql):
        self.api = api
        self.sql = sql

    # categories (created once per run by admin) -------------------------
    def category(self, confidentiality="internal"):
        api = self.api

        def compute():
            return api.create(
                CATEGORY,
                {
                    "name": unique(f"Probe {confidentiality}"),
                    "code": "PRB" + secrets.token_hex(3).upper(),
                    "department_id": api.ref("bizreg_base.hr_department_marketing"),
                    "confidentiality": confidentiality,
                    "retention_years": 3,
                    "require_acknowledgement": True,
                },
            )

        return api._cached(("doc_category", confidentiality), compute)

    # documents and versions ---------------------------------------------
    def document(self, confidentiality="internal", login=AUTHOR, **vals):
        vals = {
            "name": unique("probe document"),
            "category_id": self.category(confidentiality),
            **vals,
        }
        return self.api.create(DOC, vals, login=login)

    def upload(self, doc, marker=None, login=AUTHOR):
        """A new version with a fresh file (Upload New Version): (version,
        marker)."""
        marker = marker or uuid.uuid4().hex
        self.api.call(
            DOC, "add_version", [doc], b64(pdf(marker)), f"{marker}.pdf", login=login
        )
        vid = self.api.search(VERSION, [("document_id", "=", doc)], order="id desc")[0]
        assert self.api.get(VERSION, vid, "state") == "draft"
        return vid, marker

    def submit(self, vid, login=AUTHOR):
        self.api.call(VERSION, "action_submit", [vid], login=login)

    def draft(self, confidentiality="internal"):
        """(document, draft version, marker)."""
        doc = self.document(confidentiality)
        vid, marker = self.upload(doc)
        return doc, vid, marker

    def under_review(self, confidentiality="internal"):
        doc, vid, marker = self.draft(confidentiality)
        self.submit(vid)
        assert self.api.get(VERSION, vid, "state") == "review"
        return doc, vid, marker

    def published(self, confidentiality="internal"):
        """Approved by the Marketing manager, and so published."""
        doc, vid, marker = self.under_review(confidentiality)
        self.api.review(VERSION, vid, MANAGER)
        assert self.api.get(VERSION, vid, "state") == "published"
        assert self.api.get(DOC, doc, "state") == "published"
        assert self.api.get(DOC, doc, "current_version_id")[0] == vid
        return doc, vid, marker

    def stage(self, name, confidentiality="internal"):
        return getattr(self, name)(confidentiality)

    # the file ----------------------------------------------------------------
    def fetch(self, vid, login, mode="download"):
        return self.api.session(login).http(f"/bizreg_document/version/{vid}/{mode}")

    def dms_file(self, vid):
        value = self.api.get(VERSION, vid, "dms_file_id")
        assert value, f"version {vid} has no file"
        return value[0]

    def dms_row(self, dms_id):
        """The dms file as stored (SQL: no user, admin included, reads the
        files of the register through the ORM)."""
        return self.sql(
            "SELECT name, checksum, directory_id, active, size FROM dms_file"
            " WHERE id = %s",
            [dms_id],
        )

    def attachments_of(self, dms_id):
        """The ir.attachment rows holding the dms file's bytes (found in SQL:
        no user, admin included, reads them through the ORM)."""
        rows = self.sql(
            "SELECT id FROM ir_attachment WHERE res_model = 'dms.file' AND res_id = %s",
            [dms_id],
        )
        return [row[0] for row in rows]

    # borrowing ----------------------------------------------------------------
    def borrowing(self, doc, login=STRANGER, medium="electronic", hours=48, **kw):
        vals = {
            "document_id": doc,
            "medium": medium,
            "purpose": "Probe: prepare the quarterly review",
            "date_due": now(hours),
        }
        return self.api.create(BORROWING, vals, login=login, **kw)

    def borrowing_submitted(self, doc, login=STRANGER, **kw):
        bid = self.borrowing(doc, login=login, **kw)
        self.api.call(BORROWING, "action_submit", [bid], login=login)
        return bid

    def borrowing_approved(self, doc, login=STRANGER, **kw):
        bid = self.borrowing_submitted(doc, login=login, **kw)
        if self.api.get(BORROWING, bid, "state") == "review":
            self.api.review(BORROWING, bid, MANAGER)
        return bid

    def borrowing_lent(self, doc, login=STRANGER, **kw):
        """Submitted, approved by the owning manager (confidential), and
        handed over by the controller (paper) or started (electronic)."""
        bid = self.borrowing_approved(doc, login=login, **kw)
        if self.api.get(BORROWING, bid, "state") == "approved":
            self.api.call(BORROWING, "action_hand_over", [bid], login=CONTROLLER)
        assert self.api.get(BORROWING, bid, "state") == "lent"
        return bid

    def lapse(self, bid):
        """Let the return date pass (no cron runs in the suite)."""
        self.sql(
            "UPDATE bizreg_document_borrowing SET date_due = "
            "(now() at time zone 'UTC') - interval '1 hour' WHERE id = %s",
            [bid],
        )

    # disposal -----------------------------------------------------------------
    def disposal(self, doc, action="destroy"):
        return self.api.create(
            DISPOSAL,
            {"document_id": doc, "action": action, "reason": "Probe: retention over"},
            login=CONTROLLER,
        )

    def destruction_approved(self, doc):
        api = self.api
        did = self.disposal(doc)
        api.call(DISPOSAL, "action_submit_destruction", [did], login=CONTROLLER)
        for login in (MANAGER, "director"):
            if api.get(DISPOSAL, did, "state") == "review":
                api.review(DISPOSAL, did, login)
        assert api.get(DISPOSAL, did, "state") == "approved"
        return did

    def destroyed(self, confidentiality="confidential"):
        doc, vid, marker = self.published(confidentiality)
        did = self.destruction_approved(doc)
        self.api.call(DISPOSAL, "action_destroy", [did], login=CONTROLLER)
        assert self.api.get(DOC, doc, "state") == "destroyed"
        return doc, vid, marker, did
