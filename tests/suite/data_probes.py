"""Fixtures and factories of the data-management probes (``test_probe_data.py``,
bizreg_data): users of their own with Odoo's export feature (with and without
the right *Data: Export confidential data*), portal users of two partner
companies, data-sharing agreements taken through their real flow (drafted by
李娜 ``xs_user``, Data Steward of Sales, countersigned by the data owner's
manager and Legal, signed), an access review campaign of the probes' own,
restore drills and backups (the engine's records, put in the database
directly: running the engine takes minutes), and the export log."""

import datetime
import os
import secrets
import sys
from pathlib import Path

import pytest
from probes import Api, unique

REPO = Path(__file__).resolve().parents[2]

AGREEMENT = "bizreg.data.sharing.agreement"
LOG = "bizreg.data.export.log"
REVIEW = "bizreg.data.access.review"
LINE = "bizreg.data.access.review.line"
BACKUP = "bizreg.data.backup"
COPY = "bizreg.data.backup.copy"
DRILL = "bizreg.data.drill"
CHECK = "bizreg.data.drill.check"
DEST = "bizreg.data.destination"
POLICY = "bizreg.data.backup.policy"
AUDIT_LOG = "auditlog.log"
AUDIT_LINE = "auditlog.log.line"
AUDIT_RULE = "auditlog.rule"

EXPORT_GROUP = "bizreg_data.group_bizreg_data_export"
DATA_ADMIN = "regulation_admin"  # the demo's Data Administrator
STEWARD = "xs_user"  # 张伟, Data Steward of Sales (demo)
LEGAL = "legal"

AGREEMENT_WATCH = (
    "state",
    "validation_status",
    "bizreg_number",
    "bizreg_approved_digest",
    "signed_date",
    "signed_by_id",
    "purpose",
    "partner_id",
    "date_start",
    "date_end",
    "dataset_model_ids",
    "review_ids",
)
LOG_WATCH = (
    "date",
    "user_id",
    "partner_id",
    "model",
    "field_names",
    "record_count",
    "classification",
    "sensitive_fields",
    "result",
    "refusal_reason",
    "mass_export",
    "operation",
    "agreement_id",
)
LINE_WATCH = (
    "review_id",
    "user_id",
    "group_id",
    "decider_id",
    "decision",
    "decided_by_id",
    "decided_date",
    "note",
)
REVIEW_WATCH = (
    "state",
    "started_date",
    "started_by_id",
    "closed_date",
    "date_from",
    "date_to",
    "date_deadline",
    "line_ids",
)
DRILL_WATCH = (
    "state",
    "rto_seconds",
    "rpo_hours",
    "checks_passed",
    "checks_total",
    "check_ids",
    "signed_by_id",
    "signed_date",
    "error",
    "backup_id",
    "scratch_dropped",
)
CHECK_WATCH = ("drill_id", "name", "expected", "found", "passed", "sequence")
BACKUP_WATCH = (
    "state",
    "checksum",
    "dump_sha256",
    "size_mb",
    "backup_date",
    "row_count",
    "copy_ids",
    "error",
    "offsite_ok",
)
AUDIT_LOG_WATCH = ("name", "model_id", "res_id", "user_id", "method", "line_ids")
AUDIT_LINE_WATCH = ("log_id", "field_id", "old_value", "new_value")
AUDIT_RULE_WATCH = ("state", "model_id", "log_write", "log_create", "log_unlink")


def check(condition, message):
    assert condition, message
    return True


# ----------------------------------------------------------------------
# Fixtures
# ----------------------------------------------------------------------
@pytest.fixture(scope="session")
def data_sql(odoo_server):
    """One SQL statement in the suite's database (``(query, params)`` →
    rows): only to let time pass (an agreement past its end) and to put the
    engine's records (drills, backups) in place."""
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


def _user(admin, prefix, groups, department=None, share=False):
    login = f"{prefix}_{secrets.token_hex(4)}"
    uid = admin.create(
        "res.users",
        {
            "name": f"{prefix.replace('_', ' ').title()} {login[-8:]}",
            "login": login,
            "password": login,
            "email": f"{login}@example.com",
            "groups_id": [(6, 0, [admin.ref(g) for g in groups])],
        },
    )
    if department and not share:
        admin.create(
            "hr.employee",
            {
                "name": f"Employee {login}",
                "user_id": uid,
                "department_id": admin.ref(department),
            },
        )
    return login


@pytest.fixture(scope="session")
def exporters(probe_client):
    """Logins of users who have Odoo's export feature (``base.group_allow_export``):

    - ``plain``: an employee of Sales;
    - ``manager``: an area manager of Marketing without the export right;
    - ``hr``: an HR officer (reads the employee files) without the export right;
    - ``exporter``: an employee of Sales with *Data: Export confidential data*.
    """
    admin = Api(probe_client)
    allow = "base.group_allow_export"
    return {
        "plain": _user(
            admin,
            "dp_plain",
            ["base.group_user", allow],
            "bizreg_base.hr_department_sale",
        ),
        "manager": _user(
            admin,
            "dp_manager",
            ["bizreg_base.group_bizreg_area_manager", allow],
            "bizreg_base.hr_department_marketing",
        ),
        "hr": _user(
            admin, "dp_hr", ["hr.group_hr_user", allow], "bizreg_base.hr_department_hr"
        ),
        "exporter": _user(
            admin,
            "dp_exporter",
            ["base.group_user", allow, EXPORT_GROUP],
            "bizreg_base.hr_department_sale",
        ),
    }


@pytest.fixture
def portal(api):
    """A factory of partner companies, each with a contact who is a portal
    user with Odoo's export feature: ``portal()`` → ``(company, contact,
    login)``."""

    def make():
        tag = secrets.token_hex(4)
        company = api.create(
            "res.partner",
            {
                "name": f"DP Logistics {tag}",
                "is_company": True,
                "vat": f"91310000{tag.upper()}X",
                "email": f"office-{tag}@dp-logistics.example.com",
            },
        )
        login = f"dp_portal_{tag}"
        contact = api.create(
            "res.partner",
            {
                "name": f"DP Clerk {tag}",
                "parent_id": company,
                "email": f"{login}@dp-logistics.example.com",
                "phone": "+86 21 5555 0101",
            },
        )
        groups = [api.ref("base.group_portal"), api.ref("base.group_allow_export")]
        api.create(
            "res.users",
            {
                "login": login,
                "password": login,
                "partner_id": contact,
                "groups_id": [(6, 0, groups)],
            },
        )
        return company, contact, login

    return make


@pytest.fixture
def sharing(api):
    return Sharing(api)


@pytest.fixture
def exports(api):
    return Exports(api)


@pytest.fixture(scope="module")
def own_review(probe_client):
    """An access review campaign of the probes' own, started by the Data
    Administrator (a line for each regulated right of each employee)."""
    admin = Api(probe_client)
    today = datetime.date.today()
    rid = admin.create(
        REVIEW,
        {
            "name": unique("Probe access review"),
            "date_from": str(today.replace(day=1)),
            "date_to": str(today),
            "date_deadline": str(today + datetime.timedelta(days=30)),
        },
        login=DATA_ADMIN,
    )
    admin.call(REVIEW, "action_start", [rid], login=DATA_ADMIN)
    return rid


@pytest.fixture
def engine_records(api, data_sql):
    """Drills and backups put in place for one probe, deleted after it."""
    records = EngineRecords(api, data_sql)
    yield records
    if records.drills:
        data_sql("DELETE FROM bizreg_data_drill WHERE id = ANY(%s)", (records.drills,))
    if records.backups:
        data_sql(
            "DELETE FROM bizreg_data_backup WHERE id = ANY(%s)", (records.backups,)
        )


# ----------------------------------------------------------------------
# Factories
# ----------------------------------------------------------------------
class Exports:
    """Exports and their log lines (read as the Auditor)."""

    def __init__(self, api):
        self.api = api

    def last_id(self):
        ids = self.api.call(
            LOG, "search", [], limit=1, order="id desc", login="auditor"
        )
        return ids[0] if ids else 0

    def since(self, last, login, model=None):
        domain = [("id", ">", last), ("user_id", "=", self.api.uid(login))]
        if model:
            domain.append(("model", "=", model))
        ids = self.api.call(LOG, "search", domain, login="auditor")
        return self.api.call(LOG, "read", ids, list(LOG_WATCH), login="auditor")

    def export(self, model, ids, paths, login, via="web"):
        return self.api.call(model, "export_data", ids, paths, login=login, via=via)

    def any_log(self):
        last = self.last_id()
        assert last, "the export log is empty"
        return last


class Sharing:
    """Data-sharing agreements drafted by 张伟 (``xs_user``, Data Steward of
    Sales) and taken through the real flow."""

    def __init__(self, api):
        self.api = api

    def vals(self, partner, **vals):
        today = datetime.date.today()
        return {
            "name": unique("DS probe"),
            "partner_id": partner,
            "purpose": "Deliveries of the BZ-200 controllers.",
            "dataset_model_ids": [(6, 0, [self.api.ref("base.model_res_partner")])],
            "dataset_description": "Consignee names, addresses and phones.",
            "partner_rights": "Use for deliveries only.",
            "partner_duties": "Keep confidential; delete at the end.",
            "legal_basis": "Sales contracts (delivery clause).",
            "retention": "90 days after delivery",
            "security_measures": "Encrypted SFTP.",
            "date_start": str(today - datetime.timedelta(days=30)),
            "date_end": str(today + datetime.timedelta(days=60)),
            **vals,
        }

    def draft(self, partner, login=STEWARD, context=None, **vals):
        return self.api.create(
            AGREEMENT, self.vals(partner, **vals), login=login, context=context
        )

    def submitted(self, partner, login=STEWARD, **vals):
        aid = self.draft(partner, login=login, **vals)
        self.api.call(AGREEMENT, "action_submit", [aid], login=login)
        assert self.state(aid) == "to_approve"
        return aid

    def manager_login(self, aid):
        manager = self.api.get(AGREEMENT, aid, "manager_user_id")
        assert manager, "the agreement has no data owner manager"
        return self.api.get("res.users", manager[0], "login")

    def approve(self, aid):
        for login in (self.manager_login(aid), LEGAL):
            self.api.review(AGREEMENT, aid, login)

    def approved(self, partner, login=STEWARD, **vals):
        aid = self.submitted(partner, login=login, **vals)
        self.approve(aid)
        assert self.state(aid) == "approved"
        return aid

    def signed(self, partner, login=STEWARD, **vals):
        aid = self.approved(partner, login=login, **vals)
        self.api.call(AGREEMENT, "action_sign", [aid], login=login)
        assert self.state(aid) == "active"
        return aid

    def state(self, aid):
        return self.api.get(AGREEMENT, aid, "state")

    def watch(self, *aids):
        return [(AGREEMENT, list(aids), AGREEMENT_WATCH)]


class EngineRecords:
    """Restore drills and backups as the engine leaves them (direct rows:
    the engine runs for minutes), each with a unique name."""

    def __init__(self, api, sql):
        self.api = api
        self.sql = sql
        self.drills = []
        self.backups = []

    def policy(self):
        return self.api.ref("bizreg_data.bizreg_data_backup_policy_demo_daily")

    def company(self):
        return self.api.ref("base.main_company")

    def backup(self, state="done"):
        name = unique("probe backup")
        [[bid]] = self.sql(
            "INSERT INTO bizreg_data_backup (name, policy_id, company_id, state, "
            "start_date, end_date, backup_date, size_mb, checksum, dump_sha256, "
            "row_count, create_uid, write_uid, create_date, write_date) "
            "VALUES (%s, %s, %s, %s, now() - interval '1 hour', now(), "
            "now() - interval '1 hour', 12.5, %s, %s, 4200, 1, 1, now(), now()) "
            "RETURNING id",
            (name, self.policy(), self.company(), state, "a" * 64, "b" * 64),
        )
        self.backups.append(bid)
        return bid

    def drill(self, state="failed", backup=None):
        name = unique("probe drill")
        [[did]] = self.sql(
            "INSERT INTO bizreg_data_drill (name, policy_id, company_id, backup_id, "
            "state, start_date, end_date, rto_seconds, rpo_hours, checks_passed, "
            "checks_total, error, create_uid, write_uid, create_date, write_date) "
            "VALUES (%s, %s, %s, %s, %s, now() - interval '1 hour', now(), 600, 20, "
            "1, 2, %s, 1, 1, now(), now()) RETURNING id",
            (
                name,
                self.policy(),
                self.company(),
                backup,
                state,
                "row counts differ" if state == "failed" else None,
            ),
        )
        self.sql(
            "INSERT INTO bizreg_data_drill_check (drill_id, company_id, sequence, "
            "name, expected, found, passed, create_uid, write_uid, create_date, "
            "write_date) VALUES "
            "(%s, %s, 1, 'checksum', 'aaaa', 'aaaa', true, 1, 1, now(), now()), "
            "(%s, %s, 2, 'row_counts', '4200', '4100', false, 1, 1, now(), now())",
            (did, self.company(), did, self.company()),
        )
        self.drills.append(did)
        return did

    def checks(self, did):
        return self.api.get(DRILL, did, "check_ids")
