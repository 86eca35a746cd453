"""Adversarial probes: data management (bizreg_data).

Exports of confidential or secret data need the right *Data: Export
confidential data* (a partner's portal user: an active data-sharing
agreement of his company covering the model) and every export is logged in
a log nobody but the superuser changes; models and fields are classified
by the Data Administrator only; data-sharing agreements (``DS-…``) are
countersigned by the data owner's manager and Legal before they are signed
and changed after signing only by amendment; the audit trail (OCA auditlog)
is changed by nobody; backups and restore drills are the engine's records,
signed off by a Data Administrator, their secrets kept from everyone but the
system administrator; access reviews are decided by the manager of the
user's department (never by the user himself) and closed for good.

Each attack runs as a demo role (or a user of the probes' own with Odoo's
export feature, or a partner's portal user) over JSON-RPC (``call_kw`` or
``execute_kw``) and is re-read as admin (the Auditor where admin has no read
access); each probe also proves its fixture by the legitimate route.
Roles: see ``data_probes.py``; ``regulation_admin`` (何建华) is the demo's
Data Administrator, ``director`` the Director, ``auditor`` the Auditor,
``legal`` Legal, ``xs_user`` (张伟) Data Steward of Sales, ``xs_manager`` the
Sales manager, ``kf_manager`` the Customer Service manager.
"""

import datetime
import secrets

import pytest
from bizreg_rpc import RpcError
from data_probes import (
    AGREEMENT,
    AUDIT_LINE,
    AUDIT_LINE_WATCH,
    AUDIT_LOG,
    AUDIT_LOG_WATCH,
    AUDIT_RULE,
    AUDIT_RULE_WATCH,
    BACKUP,
    BACKUP_WATCH,
    CHECK,
    CHECK_WATCH,
    DATA_ADMIN,
    DEST,
    DRILL,
    DRILL_WATCH,
    LINE,
    LINE_WATCH,
    LOG,
    LOG_WATCH,
    POLICY,
    REVIEW,
    REVIEW_WATCH,
    STEWARD,
    _user,
    check,
)
from probes import (
    Api,
    default_key_refused_or_ignored,
    none_readable,
    refused,
    refused_method,
    refused_or,
    refused_record_write,
    refused_unchanged,
    refused_write,
    unique,
)

# fixtures: data_sql, exporters, portal, sharing, exports, own_review,
# engine_records
pytest_plugins = ["data_probes"]

VIAS = ("web", "ext")


def _refused_export_logged(api, exports, model, ids, paths, login, via="web"):
    """The export is refused (an Odoo AccessError) and a refused log line of
    ``login`` for ``model`` is written (in a transaction of its own)."""
    last = exports.last_id()
    err = refused(exports.export, model, ids, paths, login, via=via)
    assert err.name == "odoo.exceptions.AccessError", f"{err.name}: {err.message}"
    logs = exports.since(last, login, model)
    assert logs, f"the refused export of {model} {paths} by {login} is not logged"
    assert [log["result"] for log in logs] == ["refused"], logs
    assert logs[0]["refusal_reason"], logs
    return logs[0]


def _allowed_export_logged(api, exports, model, ids, paths, login, via="web"):
    last = exports.last_id()
    result = exports.export(model, ids, paths, login, via=via)
    assert len(result["datas"]) >= len(ids), result
    logs = exports.since(last, login, model)
    assert [log["result"] for log in logs] == ["allowed"], logs
    return result, logs[0]


# ----------------------------------------------------------------------
# Exports of confidential data without the right
# ----------------------------------------------------------------------
def _export_target(api, portal, target):
    """``(model, ids)`` of an export case: records every internal user reads."""
    company, contact, user = portal
    return {
        "company": ("res.partner", [company]),
        "contact": ("res.partner", [contact]),
        "users": ("res.users", [api.uid("xs_user"), api.uid("kf_user"), user]),
        "employees": ("hr.employee", [api.employee("xs_user")]),
    }[target]


EXPORT_CASES = [
    # (name, target, paths)
    ("partner_vat", "company", ["name", "vat"]),
    ("partner_email", "contact", ["name", "email"]),
    ("partner_phone", "contact", ["name", "phone"]),
    ("parent_email", "contact", ["name", "parent_id/email"]),
    ("company_child_phones", "company", ["name", "child_ids/phone"]),
    ("user_login", "users", ["name", "login"]),
    ("user_partner_email", "users", ["name", "partner_id/email"]),
    ("user_employee_file", "users", ["name", "employee_ids/name"]),
    ("employee_file", "employees", ["name"]),
]


@pytest.fixture(scope="module")
def shared_portal(probe_client):
    """The exported records: a partner company and its contact, and an
    internal user with a phone: ``(company, contact, user id)``."""
    admin = Api(probe_client)
    tag = secrets.token_hex(4)
    company = admin.create(
        "res.partner",
        {
            "name": f"DP Export Target {tag}",
            "is_company": True,
            "vat": f"91310000{tag.upper()}Y",
        },
    )
    contact = admin.create(
        "res.partner",
        {
            "name": f"DP Export Contact {tag}",
            "parent_id": company,
            "email": f"contact-{tag}@dp-target.example.com",
            "phone": "+86 21 5555 0199",
        },
    )
    login = _user(admin, "dp_target", ["base.group_user"])
    uid = admin.uid(login)
    admin.write("res.users", uid, {"phone": "+86 21 5555 0177"})
    return company, contact, uid


@pytest.fixture(scope="module")
def access_rights(probe_client):
    """Login of an administrator of Odoo's access rights (``base.group_erp_manager``:
    creates and writes models and fields) who is not a Data Administrator."""
    return _user(
        Api(probe_client),
        "dp_access_rights",
        ["base.group_user", "base.group_erp_manager"],
    )


@pytest.mark.parametrize("via", VIAS)
@pytest.mark.parametrize("role", ("plain", "manager"))
@pytest.mark.parametrize(
    "case,target,paths", [pytest.param(*row, id=row[0]) for row in EXPORT_CASES]
)
def test_export_confidential_without_right(
    api, exports, exporters, shared_portal, case, target, paths, role, via
):
    model, ids = _export_target(api, shared_portal, target)
    if case == "employee_file":
        role = {"plain": "plain", "manager": "hr"}[role]  # the HR officer reads them
    login = exporters[role]
    # the legitimate route: a user with the export right exports it, logged
    _result, log = _allowed_export_logged(
        api, exports, model, ids, paths, exporters["exporter"], via=via
    )
    assert log["classification"] in ("confidential", "secret"), log
    assert log["sensitive_fields"], log
    # the same export without the right: refused and logged
    log = _refused_export_logged(api, exports, model, ids, paths, login, via=via)
    assert log["classification"] in ("confidential", "secret"), log
    assert log["record_count"] == len(ids), log


@pytest.mark.parametrize("via", VIAS)
def test_export_internal_data_allowed_and_logged(api, exports, exporters, via):
    """The fixture of the probes above: internal data exports freely (logged)."""
    ids = api.call(
        "res.partner", "search", [("is_company", "=", True)], limit=3, login="admin"
    )
    _result, log = _allowed_export_logged(
        api, exports, "res.partner", ids, ["name", "city"], exporters["plain"], via=via
    )
    assert log["classification"] == "internal", log
    assert not log["mass_export"], log


# Derived copies of classified values: the classification of a (model, field)
# must not be skipped by exporting the same value under another name.
DERIVED_CASES = [
    ("res.users", "users", "email", "the users' e-mail (res.partner.email)"),
    ("res.users", "users", "phone", "the users' phone (res.partner.phone)"),
    ("res.partner", "contact", "email_formatted", "the formatted e-mail"),
    ("res.partner", "contact", "email_normalized", "the normalized e-mail"),
]


@pytest.mark.parametrize(
    "model,target,path,what",
    [pytest.param(*row, id=f"{row[0]}.{row[2]}") for row in DERIVED_CASES],
)
def test_export_derived_confidential_field_without_right(
    api, exports, exporters, shared_portal, model, target, path, what
):
    _model, ids = _export_target(api, shared_portal, target)
    values = api.read(model, ids, [path])
    assert any(row[path] for row in values), f"no {path} to export"
    _refused_export_logged(api, exports, model, ids, ["name", path], exporters["plain"])


@pytest.mark.parametrize("login", ("xs_user", "xs_manager", "kf_user"))
def test_demo_user_without_export_feature_exports_email(
    api, exports, shared_portal, login
):
    """Demo users lack Odoo's export feature: refused by Odoo itself."""
    _company, contact, _ = shared_portal
    assert api.call("res.partner", "read", [contact], ["email"], login=login)
    refused(exports.export, "res.partner", [contact], ["name", "email"], login)


def test_demo_user_refused_export_is_logged(api, exports, shared_portal):
    """Every export is logged, refused ones too (DESCRIPTION): also the one
    Odoo refuses to a user without its export feature."""
    _company, contact, _ = shared_portal
    last = exports.last_id()
    refused(exports.export, "res.partner", [contact], ["name", "email"], "xs_user")
    assert exports.since(last, "xs_user"), "the refused export is not logged"


# ----------------------------------------------------------------------
# The export log: written by the application only
# ----------------------------------------------------------------------
LOG_ROLES = ("regulation_admin", "auditor", "director", "admin")


def _a_log_line(api, exports, exporters):
    """A fresh allowed log line of a confidential export (legitimate route)."""
    _r, log = _allowed_export_logged(
        api,
        exports,
        "res.users",
        [api.uid("xs_user")],
        ["name", "login"],
        exporters["exporter"],
    )
    return log["id"]


@pytest.mark.parametrize("via", VIAS)
@pytest.mark.parametrize("login", LOG_ROLES)
def test_export_log_written(api, exports, exporters, login, via):
    lid = _a_log_line(api, exports, exporters)
    for vals in (
        {"result": "refused"},
        {"mass_export": True, "record_count": 99999},
        {"user_id": api.uid("kf_user")},
    ):
        refused_record_write(api, LOG, [lid], LOG_WATCH, vals, login=login, via=via)


@pytest.mark.parametrize("login", LOG_ROLES)
def test_export_log_deleted(api, exports, exporters, login):
    lid = _a_log_line(api, exports, exporters)
    refused_method(api, [(LOG, [lid], LOG_WATCH)], LOG, "unlink", lid, login=login)
    assert api.read(LOG, lid, ["id"]), "the log line is gone"


@pytest.mark.parametrize("login", LOG_ROLES)
def test_export_log_forged(api, exports, login):
    last = exports.last_id()
    refused(
        api.create,
        LOG,
        {
            "user_id": api.uid("kf_user"),
            "company_id": api.ref("base.main_company"),
            "model": "res.partner",
            "result": "allowed",
            "record_count": 1,
        },
        login=login,
    )
    assert exports.last_id() == last, "a log line was created"


@pytest.fixture
def mass_threshold(api):
    """The mass-export threshold lowered to 2 records for one probe."""
    key = "bizreg_data.export_mass_threshold"
    before = api.call("ir.config_parameter", "get_param", key)
    api.call("ir.config_parameter", "set_param", key, "2")
    yield 2
    api.call("ir.config_parameter", "set_param", key, before or "1000")


def test_export_above_threshold_flagged(api, exports, exporters, mass_threshold):
    ids = api.call(
        "res.partner", "search", [("is_company", "=", True)], limit=3, login="admin"
    )
    assert len(ids) == 3
    # at the threshold: not flagged (the legitimate export)
    _r, log = _allowed_export_logged(
        api, exports, "res.partner", ids[:2], ["name"], exporters["plain"]
    )
    assert not log["mass_export"], log
    # above it: flagged, and the Auditor has an activity on the log line
    _r, log = _allowed_export_logged(
        api, exports, "res.partner", ids, ["name"], exporters["plain"]
    )
    assert log["mass_export"], f"an export above the threshold is not flagged: {log}"
    activities = api.call(
        "mail.activity",
        "search_read",
        [("res_model", "=", LOG), ("res_id", "=", log["id"])],
        ["user_id"],
        login="auditor",
    )
    assert api.uid("auditor") in [a["user_id"][0] for a in activities], activities
    # the plain exporter cannot raise the threshold back
    refused(
        api.call,
        "ir.config_parameter",
        "set_param",
        "bizreg_data.export_mass_threshold",
        "100000",
        login=exporters["plain"],
    )
    assert (
        api.call(
            "ir.config_parameter", "get_param", "bizreg_data.export_mass_threshold"
        )
        == "2"
    )


@pytest.fixture
def read_threshold(api):
    """The mass-read threshold lowered to 2 records for one probe."""
    key = "bizreg_data.read_mass_threshold"
    before = api.call("ir.config_parameter", "get_param", key)
    api.call("ir.config_parameter", "set_param", key, "2")
    yield 2
    api.call("ir.config_parameter", "set_param", key, before or "500")


MASS_READS = [
    pytest.param("search_read", "web", id="search_read_web"),
    pytest.param("search_read", "ext", id="search_read_execute_kw"),
    pytest.param("web_search_read", "web", id="web_client_list"),
    pytest.param("read", "ext", id="read_execute_kw"),
]


@pytest.mark.parametrize("method,via", MASS_READS)
def test_mass_read_flagged_to_auditor(
    api, exports, exporters, read_threshold, method, via
):
    """A read of more confidential records in one call than the threshold,
    by any read route, leaves a log line the Auditor reads and an activity
    of his; under it, nothing."""
    login = exporters["plain"]
    ids = api.call(
        "res.partner", "search", [("email", "!=", False)], limit=3, login=login
    )
    assert len(ids) == 3

    def read(some):
        if method == "read":
            return api.call(
                "res.partner", "read", some, ["name", "email"], login=login, via=via
            )
        if method == "web_search_read":
            return api.call(
                "res.partner",
                "web_search_read",
                [("id", "in", some)],
                {"name": {}, "email": {}},
                login=login,
                via=via,
            )
        return api.call(
            "res.partner",
            "search_read",
            [("id", "in", some)],
            ["name", "email"],
            login=login,
            via=via,
        )

    last = exports.last_id()
    read(ids[:2])
    assert not exports.since(last, login), "a read at the threshold was flagged"
    read(ids)
    logs = exports.since(last, login, "res.partner")
    assert [
        (log["operation"], log["mass_export"], log["record_count"]) for log in logs
    ] == [("read", True, 3)], logs
    activities = api.call(
        "mail.activity",
        "search_read",
        [("res_model", "=", LOG), ("res_id", "=", logs[0]["id"])],
        ["user_id"],
        login="auditor",
    )
    assert api.uid("auditor") in [a["user_id"][0] for a in activities], activities
    # the reader cannot remove the trace of his read
    refused(api.call, LOG, "unlink", [logs[0]["id"]], login=login)


# ----------------------------------------------------------------------
# Classification: the Data Administrator only
# ----------------------------------------------------------------------
CLASSIFIERS = (
    "xs_user",
    "xs_manager",
    "auditor",
    "legal",
    "hr_officer",
    "access_rights",
)


def _field_id(api, model, name):
    return api.call(
        "ir.model.fields", "search", [("model", "=", model), ("name", "=", name)]
    )[0]


@pytest.mark.parametrize("via", VIAS)
@pytest.mark.parametrize("login", CLASSIFIERS)
def test_classification_of_model_written(api, access_rights, login, via):
    login = access_rights if login == "access_rights" else login
    mid = api.ref("hr.model_hr_employee")
    assert api.get("ir.model", mid, "bizreg_classification") == "confidential"
    refused_record_write(
        api,
        "ir.model",
        [mid],
        ["bizreg_classification"],
        {"bizreg_classification": "public"},
        login=login,
        via=via,
    )


@pytest.mark.parametrize("via", VIAS)
@pytest.mark.parametrize("login", CLASSIFIERS)
def test_classification_of_field_written(api, access_rights, login, via):
    login = access_rights if login == "access_rights" else login
    fid = _field_id(api, "res.partner", "email")
    assert api.get("ir.model.fields", fid, "bizreg_classification") == "confidential"
    refused_record_write(
        api,
        "ir.model.fields",
        [fid],
        ["bizreg_classification"],
        {"bizreg_classification": "public"},
        login=login,
        via=via,
    )


def test_classification_by_data_admin_takes_effect(api, exports, exporters):
    """The legitimate route: the Data Administrator classifies a field; every
    worker refuses its export at once; he sets it back."""
    fid = _field_id(api, "res.partner", "website")
    ids = api.call("res.partner", "search", [("website", "!=", False)], limit=1)
    ids = ids or api.call("res.partner", "search", [], limit=1)
    api.write(
        "ir.model.fields", fid, {"bizreg_classification": "secret"}, login=DATA_ADMIN
    )
    try:
        for _attempt in range(4):  # both workers
            _refused_export_logged(
                api, exports, "res.partner", ids, ["website"], exporters["plain"]
            )
    finally:
        api.write(
            "ir.model.fields",
            fid,
            {"bizreg_classification": "internal"},
            login=DATA_ADMIN,
        )
    assert api.get("ir.model.fields", fid, "bizreg_classification") == "internal"


@pytest.mark.parametrize(
    "model,vals",
    [
        pytest.param(
            "ir.model.fields",
            {"bizreg_classification": "public", "field_description": "Probe"},
            id="field_and_label",
        ),
        pytest.param(
            "ir.model.fields", {"help": "probe", "readonly": True}, id="field_meta"
        ),
        pytest.param(
            "ir.model",
            {"bizreg_classification": "public", "name": "Probe"},
            id="model_and_name",
        ),
    ],
)
def test_data_admin_writes_metadata_beyond_classification(api, model, vals):
    rid = (
        _field_id(api, "res.partner", "email")
        if model == "ir.model.fields"
        else api.ref("hr.model_hr_employee")
    )
    fields = [
        "bizreg_classification",
        *[k for k in vals if k != "bizreg_classification"],
    ]
    refused_record_write(api, model, [rid], fields, vals, login=DATA_ADMIN)


def _drop_probe_fields(api):
    ids = api.call(
        "ir.model.fields",
        "search",
        [
            ("state", "=", "manual"),
            "|",
            ("name", "=like", "x_dprobe_%"),
            ("name", "=", "x_probe_f14381e5c4"),
        ],
    )
    if ids:
        api.call("ir.model.fields", "unlink", ids)


@pytest.mark.parametrize("login", ("xs_user", "auditor", "access_rights"))
def test_classified_field_created(api, access_rights, login):
    """A new field with a classification (or a ``default_`` key for it),
    created by whoever is not the Data Administrator: refused, or the field
    is classified by default (internal)."""
    login = access_rights if login == "access_rights" else login
    mid = api.ref("base.model_res_partner")
    try:
        for level in ("public", "secret"):
            for vals, context in (
                ({"bizreg_classification": level}, None),
                ({}, {"default_bizreg_classification": level}),
            ):
                name = f"x_dprobe_{secrets.token_hex(5)}"
                refused_or(
                    lambda name=name, vals=vals, context=context: api.create(
                        "ir.model.fields",
                        {
                            "name": name,
                            "model_id": mid,
                            "ttype": "char",
                            "field_description": "Probe",
                            **vals,
                        },
                        login=login,
                        context=context,
                    ),
                    lambda fid, level=level: check(
                        api.get("ir.model.fields", fid, "bizreg_classification")
                        == "internal",
                        f"{login} created a field classified {level}",
                    ),
                )
    finally:
        _drop_probe_fields(api)


def test_classification_default_key_on_other_create(api, exporters):
    """A ``default_bizreg_classification`` key on the create of an ordinary
    record classifies nothing."""
    fid = _field_id(api, "res.partner", "email")
    pid = api.create(
        "res.partner",
        {"name": unique("DP default key")},
        login="admin",
        context={"default_bizreg_classification": "public"},
    )
    assert pid
    assert api.get("ir.model.fields", fid, "bizreg_classification") == "confidential"
    assert (
        api.get("ir.model", api.ref("hr.model_hr_employee"), "bizreg_classification")
        == "confidential"
    )


# ----------------------------------------------------------------------
# Data-sharing agreements
# ----------------------------------------------------------------------
def test_agreement_signed_before_approval(api, sharing, portal):
    company, _c, _l = portal()
    draft = sharing.draft(company)
    refused_method(
        api, sharing.watch(draft), AGREEMENT, "action_sign", draft, login=STEWARD
    )
    api.call(AGREEMENT, "action_submit", [draft], login=STEWARD)
    for login in (STEWARD, sharing.manager_login(draft), DATA_ADMIN):
        refused_method(
            api, sharing.watch(draft), AGREEMENT, "action_sign", draft, login=login
        )
    # the legitimate route: countersigned, then signed
    sharing.approve(draft)
    api.call(AGREEMENT, "action_sign", [draft], login=STEWARD)
    assert sharing.state(draft) == "active"


AGREEMENT_FORGED = [
    ("state_active", {"state": "active"}),
    ("state_approved", {"state": "approved"}),
    ("number", {"bizreg_number": "DS-2026-9999"}),
    ("digest", {"bizreg_approved_digest": "0" * 64}),
    ("signed_date", {"signed_date": "2026-01-01"}),
    ("validation_status", {"validation_status": "validated"}),
]


@pytest.mark.parametrize("via", VIAS)
@pytest.mark.parametrize("vals", [pytest.param(v, id=k) for k, v in AGREEMENT_FORGED])
@pytest.mark.parametrize("stage", ("draft", "to_approve"))
def test_agreement_engine_fields_written(api, sharing, portal, stage, vals, via):
    company, _c, _l = portal()
    aid = sharing.draft(company) if stage == "draft" else sharing.submitted(company)
    for login in (STEWARD, "xs_manager"):
        refused_write(
            api, sharing.watch(aid), AGREEMENT, [aid], vals, login=login, via=via
        )


@pytest.mark.parametrize(
    "field,value",
    [
        ("state", "active"),
        ("bizreg_number", "DS-2026-0001"),
        ("signed_by_id", None),
        ("bizreg_approved_digest", "0" * 64),
        ("validation_status", "validated"),
    ],
)
def test_agreement_default_key_on_create(api, sharing, portal, field, value):
    company, _c, _l = portal()
    if value is None:
        value = api.uid(STEWARD)

    def create(context):
        return sharing.draft(company, context=context)

    default_key_refused_or_ignored(api, AGREEMENT, create, field, value)
    if field == "signed_by_id":
        # many2one reads as [id, name]
        rid = create({})
        assert not api.get(AGREEMENT, rid, "signed_by_id")


def test_agreement_approved_by_requester(api, sharing, portal, probe_client):
    """A Data Steward who is also Legal submits his own agreement: he is not
    its Legal reviewer."""
    company, _c, _l = portal()
    login = _user(
        Api(probe_client),
        "dp_steward_legal",
        [
            "base.group_user",
            "bizreg_data.group_bizreg_data_user",
            "bizreg_base.group_bizreg_legal",
        ],
        "bizreg_base.hr_department_sale",
    )
    aid = sharing.submitted(company, login=login)
    watch = sharing.watch(aid) + [
        ("tier.review", api.get(AGREEMENT, aid, "review_ids"), ["status"])
    ]
    refused_method(api, watch, AGREEMENT, "validate_tier", aid, login=login)
    for other in (STEWARD, "kf_manager", "sc_user"):
        refused_method(api, watch, AGREEMENT, "validate_tier", aid, login=other)
    assert sharing.state(aid) == "to_approve"


def test_agreement_terms_changed_after_approval(api, sharing, portal):
    company, _c, _l = portal()
    aid = sharing.approved(company)

    def back_to_review(_result):
        assert sharing.state(aid) == "to_approve", sharing.state(aid)
        status = api.get(AGREEMENT, aid, "validation_status")
        assert status != "validated", status

    for login, vals in ((STEWARD, {"purpose": "Deliveries and marketing mailings."}),):
        refused_or(
            lambda login=login, vals=vals: api.write(AGREEMENT, aid, vals, login=login),
            back_to_review,
        )
    refused_method(
        api, sharing.watch(aid), AGREEMENT, "action_sign", aid, login=STEWARD
    )
    # re-approved, it signs (the legitimate route)
    sharing.approve(aid)
    api.call(AGREEMENT, "action_sign", [aid], login=STEWARD)
    assert sharing.state(aid) == "active"


def test_agreement_terms_changed_by_manager_after_approval(api, sharing, portal):
    company, _c, _l = portal()
    aid = sharing.approved(company)
    manager = sharing.manager_login(aid)
    other = api.ref("base.model_res_users")
    refused_or(
        lambda: api.write(
            AGREEMENT, aid, {"dataset_model_ids": [(4, other)]}, login=manager
        ),
        lambda _r: check(
            sharing.state(aid) == "to_approve",
            "the datasets changed after approval and the agreement stays approved",
        ),
    )
    refused_method(
        api, sharing.watch(aid), AGREEMENT, "action_sign", aid, login=STEWARD
    )


SIGNED_CHANGES = [
    ("purpose", {"purpose": "Deliveries and marketing."}),
    ("date_end", {"date_end": "2099-12-31"}),
    ("datasets", {"dataset_model_ids": [(4, 0)]}),  # res.users, filled in below
    ("partner", {"partner_id": None}),
    ("duties", {"partner_duties": "None."}),
]


@pytest.mark.parametrize("login", (STEWARD, "xs_manager", DATA_ADMIN))
@pytest.mark.parametrize("change", [pytest.param(v, id=k) for k, v in SIGNED_CHANGES])
def test_agreement_terms_changed_after_signing(api, sharing, portal, change, login):
    company, _c, _l = portal()
    aid = sharing.signed(company)
    vals = dict(change)
    if "dataset_model_ids" in vals:
        vals = {"dataset_model_ids": [(4, api.ref("base.model_res_users"))]}
    if "partner_id" in vals:
        vals = {"partner_id": portal()[0]}
    refused_write(api, sharing.watch(aid), AGREEMENT, [aid], vals, login=login)
    assert sharing.state(aid) == "active"


@pytest.mark.parametrize("method", ("action_cancel", "action_draft", "action_submit"))
def test_agreement_signed_reset(api, sharing, portal, method):
    company, _c, _l = portal()
    aid = sharing.signed(company)
    refused_method(api, sharing.watch(aid), AGREEMENT, method, aid, login=STEWARD)


# ----------------------------------------------------------------------
# Partners' exports under agreements
# ----------------------------------------------------------------------
def test_portal_exports_without_agreement(api, exports, portal):
    _company, contact, login = portal()
    # his own non-classified data exports freely (the legitimate route)
    _allowed_export_logged(api, exports, "res.partner", [contact], ["name"], login)
    for via in VIAS:
        log = _refused_export_logged(
            api, exports, "res.partner", [contact], ["name", "email"], login, via=via
        )
        assert log["partner_id"], log
        assert not log["agreement_id"], log


def test_portal_exports_under_agreement_lifecycle(
    api, exports, sharing, portal, data_sql
):
    company, contact, login = portal()
    paths = ["name", "email", "phone"]
    aid = sharing.approved(company)
    # approved but not signed: refused
    _refused_export_logged(api, exports, "res.partner", [contact], paths, login)
    api.call(AGREEMENT, "action_sign", [aid], login=STEWARD)
    # signed: allowed, under the agreement (the legitimate route)
    result, log = _allowed_export_logged(
        api, exports, "res.partner", [contact], paths, login
    )
    assert log["agreement_id"] and log["agreement_id"][0] == aid, log
    assert result["datas"][0][1].endswith("@dp-logistics.example.com"), result
    # past its end date: refused
    yesterday = datetime.date.today() - datetime.timedelta(days=2)
    data_sql(
        "UPDATE bizreg_data_sharing_agreement SET date_end = %s WHERE id = %s",
        (str(yesterday), aid),
    )
    _refused_export_logged(api, exports, "res.partner", [contact], paths, login)


def test_portal_exports_under_expired_agreement(
    api, exports, sharing, portal, data_sql
):
    company, contact, login = portal()
    aid = sharing.signed(company)
    _allowed_export_logged(api, exports, "res.partner", [contact], ["email"], login)
    data_sql(
        "UPDATE bizreg_data_sharing_agreement SET state = 'expired' WHERE id = %s",
        (aid,),
    )
    _refused_export_logged(api, exports, "res.partner", [contact], ["email"], login)


def test_portal_exports_under_other_partners_agreement(api, exports, sharing, portal):
    other_company, other_contact, other_login = portal()
    sharing.signed(other_company)
    _allowed_export_logged(
        api, exports, "res.partner", [other_contact], ["email"], other_login
    )
    _company, contact, login = portal()
    _refused_export_logged(api, exports, "res.partner", [contact], ["email"], login)


def test_portal_exports_model_outside_agreement(api, exports, sharing, portal):
    company, _contact, login = portal()
    sharing.signed(company)
    uid = api.uid(login)
    _refused_export_logged(api, exports, "res.users", [uid], ["name", "login"], login)


def test_portal_exports_related_model_outside_agreement(api, exports, sharing, portal):
    """The agreement covers contacts: a path into the users (their login)
    reaches a model it does not cover."""
    company, contact, login = portal()
    sharing.signed(company)
    _refused_export_logged(
        api, exports, "res.partner", [contact], ["name", "user_ids/login"], login
    )


# ----------------------------------------------------------------------
# The audit trail
# ----------------------------------------------------------------------
@pytest.fixture(scope="module")
def audit_entry(probe_client):
    """An audit log entry with lines: a contact changed by admin."""
    admin = Api(probe_client)
    pid = admin.create("res.partner", {"name": unique("DP audited")})
    admin.write("res.partner", pid, {"phone": "+86 21 5555 0123"})
    logs = admin.call(
        AUDIT_LOG,
        "search",
        [("res_id", "=", pid), ("model_id.model", "=", "res.partner")],
        login="auditor",
    )
    assert logs, "changing a contact wrote no audit log (rule not subscribed?)"
    lines = admin.call(AUDIT_LINE, "search", [("log_id", "in", logs)], login="auditor")
    assert lines, "the audit log has no lines"
    return logs[-1], lines[-1], pid


AUDIT_ROLES = ("auditor", "regulation_admin", "director", "admin", "xs_user")


@pytest.mark.parametrize("login", AUDIT_ROLES)
def test_audit_log_edited(api, audit_entry, login):
    log, line, pid = audit_entry
    watch = [
        (AUDIT_LOG, [log], AUDIT_LOG_WATCH),
        (AUDIT_LINE, [line], AUDIT_LINE_WATCH),
    ]
    refused_write(api, watch, AUDIT_LOG, [log], {"res_id": pid + 100000}, login=login)
    refused_write(
        api, watch, AUDIT_LOG, [log], {"user_id": api.uid("kf_user")}, login=login
    )
    refused_write(api, watch, AUDIT_LINE, [line], {"new_value": "forged"}, login=login)
    refused_method(api, watch, AUDIT_LINE, "unlink", line, login=login)
    refused_method(api, watch, AUDIT_LOG, "unlink", log, login=login)


@pytest.mark.parametrize("login", AUDIT_ROLES)
def test_audit_log_forged(api, audit_entry, login):
    log, _line, pid = audit_entry
    before = api.call(AUDIT_LOG, "search_count", [], login="auditor")
    refused(
        api.create,
        AUDIT_LOG,
        {
            "name": "forged",
            "model_id": api.ref("base.model_res_partner"),
            "res_id": pid,
            "user_id": api.uid("kf_user"),
            "method": "write",
        },
        login=login,
    )
    refused(
        api.create,
        AUDIT_LINE,
        {
            "log_id": log,
            "field_id": _field_id(api, "res.partner", "phone"),
            "old_value": "x",
            "new_value": "y",
        },
        login=login,
    )
    assert api.call(AUDIT_LOG, "search_count", [], login="auditor") == before


def _partner_rule(api):
    ids = api.call(
        AUDIT_RULE,
        "search",
        [("model_id", "=", api.ref("base.model_res_partner"))],
        login=DATA_ADMIN,
    )
    assert ids, "no audit rule on the contacts"
    assert api.get(AUDIT_RULE, ids[0], "state") == "subscribed"
    return ids[0]


SENSITIVE_MODELS = (
    "res.groups",
    "res.partner",
    "hr.employee",
    "sale.order",
    "helpdesk.ticket",
    "agreement",
    "bizreg.appraisal",
)


def test_sensitive_models_audited(api, appraisal):
    """Access rights, customer data, employees, contracts, complaints,
    partner agreements and appraisals have a subscribed audit rule in the
    whole suite; the appraisals a cycle creates are in the trail, one entry
    each, with who created them."""
    rules = api.call(
        AUDIT_RULE,
        "search_read",
        [("model_id.model", "in", list(SENSITIVE_MODELS))],
        ["model_id", "state", "log_type"],
        login=DATA_ADMIN,
    )
    models = {api.get("ir.model", r["model_id"][0], "model") for r in rules}
    assert models == set(SENSITIVE_MODELS)
    assert {(r["state"], r["log_type"]) for r in rules} == {("subscribed", "fast")}
    cycle = appraisal.cycle(state="draft")
    ids = api.search("bizreg.appraisal", [("cycle_id", "=", cycle)])
    assert ids
    logs = api.call(
        AUDIT_LOG,
        "search_read",
        [
            ("model_id.model", "=", "bizreg.appraisal"),
            ("res_id", "in", ids),
            ("method", "=", "create"),
        ],
        ["res_id", "user_id", "line_ids"],
        login="auditor",
    )
    assert sorted(log["res_id"] for log in logs) == sorted(ids)
    assert {log["user_id"][0] for log in logs} == {api.uid("admin")}
    assert all(log["line_ids"] for log in logs)


@pytest.mark.parametrize("login", ("auditor", "xs_manager", "legal", "hr_officer"))
def test_audit_rule_dropped(api, login):
    rid = _partner_rule(api)
    watch = [(AUDIT_RULE, [rid], AUDIT_RULE_WATCH)]
    refused_method(api, watch, AUDIT_RULE, "unsubscribe", rid, login=login)
    refused_method(api, watch, AUDIT_RULE, "unlink", rid, login=login)
    refused_write(api, watch, AUDIT_RULE, [rid], {"state": "draft"}, login=login)
    refused_write(api, watch, AUDIT_RULE, [rid], {"log_write": False}, login=login)


# ----------------------------------------------------------------------
# Backups and restore drills: the engine's records
# ----------------------------------------------------------------------
@pytest.mark.parametrize("login", (DATA_ADMIN, "director", "auditor", "xs_user"))
def test_drill_and_backup_forged(api, engine_records, login):
    policy = engine_records.policy()
    company = engine_records.company()
    before = {
        DRILL: api.call(DRILL, "search_count", [], login="auditor"),
        BACKUP: api.call(BACKUP, "search_count", [], login="auditor"),
    }
    refused(
        api.create,
        DRILL,
        {
            "policy_id": policy,
            "company_id": company,
            "state": "passed",
            "rto_seconds": 60,
            "checks_passed": 5,
            "checks_total": 5,
        },
        login=login,
    )
    refused(
        api.create,
        BACKUP,
        {"policy_id": policy, "company_id": company, "state": "done"},
        login=login,
    )
    assert {
        DRILL: api.call(DRILL, "search_count", [], login="auditor"),
        BACKUP: api.call(BACKUP, "search_count", [], login="auditor"),
    } == before


DRILL_FORGED = [
    ("state", {"state": "passed"}),
    ("rto", {"rto_seconds": 30.0}),
    ("rpo", {"rpo_hours": 0.5}),
    ("checks", {"checks_passed": 2}),
    ("signed_by", {"signed_by_id": None}),
    ("signed_date", {"signed_date": "2026-01-01 00:00:00"}),
    ("error", {"error": False}),
    ("check_lines", {"check_ids": [(5, 0, 0)]}),
]


@pytest.mark.parametrize("login", (DATA_ADMIN, "director"))
@pytest.mark.parametrize("vals", [pytest.param(v, id=k) for k, v in DRILL_FORGED])
def test_drill_result_written(api, engine_records, vals, login):
    did = engine_records.drill("failed")
    if "signed_by_id" in vals:
        vals = {"signed_by_id": api.uid(login)}
    watch = [
        (DRILL, [did], DRILL_WATCH),
        (CHECK, engine_records.checks(did), CHECK_WATCH),
    ]
    refused_write(api, watch, DRILL, [did], vals, login=login)
    # the legitimate route: the Data Administrator adds a note
    api.write(DRILL, did, {"note": "Row counts: see the log."}, login=login)


@pytest.mark.parametrize("login", (DATA_ADMIN, "director", "auditor"))
def test_drill_check_lines_forged(api, engine_records, login):
    did = engine_records.drill("failed")
    checks = engine_records.checks(did)
    failed = [
        row["id"] for row in api.read(CHECK, checks, ["passed"]) if not row["passed"]
    ]
    watch = [(DRILL, [did], DRILL_WATCH), (CHECK, checks, CHECK_WATCH)]
    refused_write(api, watch, CHECK, failed, {"passed": True}, login=login)
    refused_write(api, watch, CHECK, failed, {"found": "4200"}, login=login)
    refused_method(api, watch, CHECK, "unlink", failed, login=login)
    refused_unchanged(
        api,
        watch,
        api.create,
        CHECK,
        {"drill_id": did, "name": "registry", "passed": True},
        login=login,
    )


@pytest.mark.parametrize("login", ("auditor", "xs_user", "legal", "xs_manager"))
def test_drill_signed_off_by_non_data_admin(api, engine_records, login):
    did = engine_records.drill("passed")
    watch = [(DRILL, [did], DRILL_WATCH)]
    refused_method(api, watch, DRILL, "action_sign_off", did, login=login)
    # the legitimate route: the Data Administrator signs it off, once
    api.call(DRILL, "action_sign_off", [did], login=DATA_ADMIN)
    assert api.get(DRILL, did, "signed_by_id")[0] == api.uid(DATA_ADMIN)
    refused_method(api, watch, DRILL, "action_sign_off", did, login="director")


@pytest.mark.parametrize("login", (DATA_ADMIN, "director"))
def test_backup_result_written(api, engine_records, login):
    bid = engine_records.backup("failed")
    watch = [(BACKUP, [bid], BACKUP_WATCH)]
    for vals in (
        {"state": "done"},
        {"checksum": "c" * 64},
        {"error": False},
        {"size_mb": 900.0},
        {"backup_date": "2026-01-01 00:00:00"},
    ):
        refused_write(api, watch, BACKUP, [bid], vals, login=login)
    api.write(BACKUP, bid, {"note": "Checked the share."}, login=login)


@pytest.mark.parametrize("login", ("xs_user", "sc_user", "kf_manager", "legal"))
def test_backup_records_read_by_employee(api, engine_records, login):
    bid = engine_records.backup("done")
    did = engine_records.drill("passed", backup=bid)
    # the legitimate route: the Data Administrator reads them
    assert api.call(DRILL, "read", [did], ["state"], login=DATA_ADMIN)
    for model, rid, fields in (
        (BACKUP, bid, ["state", "checksum"]),
        (DRILL, did, ["state", "rto_seconds"]),
        (DEST, api.ref("bizreg_data.bizreg_data_destination_demo_offsite"), ["path"]),
        (POLICY, engine_records.policy(), ["name"]),
    ):
        refused(api.call, model, "read", [rid], fields, login=login)
        none_readable(api, model, [], fields, login, f"the {model} records")


@pytest.fixture
def s3_destination(api):
    secret = f"S3SECRET{unique('k').split()[1]}"
    did = api.create(
        DEST,
        {
            "name": unique("DP bucket"),
            "kind": "s3",
            "bucket": "dp-probe-bucket",
            "access_key": "AKIAPROBE",
            "new_secret_key": secret,
            "offsite": True,
        },
        login=DATA_ADMIN,
    )
    yield did, secret
    api.call(DEST, "unlink", [did], login=DATA_ADMIN)


@pytest.mark.parametrize("login", (DATA_ADMIN, "director", "auditor"))
def test_destination_secret_read(api, s3_destination, login):
    did, secret = s3_destination
    # the legitimate route: stored (the system administrator reads it)
    assert api.get(DEST, did, "secret_key") == secret
    assert api.call(DEST, "read", [did], ["secret_set"], login=login)[0]["secret_set"]
    refused(api.call, DEST, "read", [did], ["secret_key"], login=login)
    refused_or(
        lambda: api.call(
            DEST, "search_read", [("secret_key", "=", secret)], ["name"], login=login
        ),
        lambda rows: check(not rows, f"{login} finds the destination by its secret"),
    )
    rows = api.call(DEST, "read", [did], ["new_secret_key"], login=login)
    assert secret not in str(rows), f"{login} reads the secret: {rows}"
    refused(api.call, DEST, "export_data", [did], ["secret_key"], login=login)


@pytest.mark.parametrize("login", (DATA_ADMIN, "director", "auditor", "xs_user"))
def test_backup_key_read(api, login):
    key = "bizreg_data.backup_key"
    assert api.call("ir.config_parameter", "get_param", key), "no backup key"
    refused(api.call, "ir.config_parameter", "get_param", key, login=login)
    none_readable(
        api,
        "ir.config_parameter",
        [("key", "=", key)],
        ["value"],
        login,
        "the backup key",
    )


@pytest.mark.parametrize("method", ("action_backup_now", "action_drill_now"))
@pytest.mark.parametrize("login", ("xs_user", "auditor", "legal", "xs_manager"))
def test_backup_started_by_non_data_admin(api, engine_records, method, login):
    pid = engine_records.policy()
    watch = [(POLICY, [pid], ["last_attempt_date", "backup_count", "drill_count"])]
    refused_method(api, watch, POLICY, method, pid, login=login)


# ----------------------------------------------------------------------
# Access reviews
# ----------------------------------------------------------------------
def _lines(api, rid, login, **kw):
    domain = [("review_id", "=", rid), ("user_id", "=", api.uid(login))]
    domain += [(k, "=", v) for k, v in kw.items()]
    ids = api.search(LINE, domain)
    assert ids, f"no line of {login} in review {rid}"
    return ids


def _pending(api, rid, login):
    return _lines(api, rid, login, decision="pending")


def test_review_line_decided_by_other_department(api, own_review):
    lines = _pending(api, own_review, "xs_user2")
    decider = api.get(LINE, lines[0], "decider_id")
    assert decider and decider[0] == api.uid("xs_manager"), decider
    watch = [(LINE, lines, LINE_WATCH)]
    for login in ("kf_manager", "sc_manager", "legal", "auditor"):
        for method in ("action_confirm", "action_revoke"):
            refused_method(api, watch, LINE, method, lines[:1], login=login)
    # the legitimate route: his manager confirms it, once
    api.call(LINE, "action_confirm", lines[:1], login="xs_manager")
    assert api.get(LINE, lines[0], "decision") == "confirmed"
    watch = [(LINE, lines[:1], LINE_WATCH)]
    refused_method(api, watch, LINE, "action_revoke", lines[:1], login="xs_manager")


@pytest.mark.parametrize("login", ("xs_user", "xs_manager", "kf_manager"))
def test_review_own_line_decided(api, own_review, login):
    lines = _pending(api, own_review, login)
    watch = [(LINE, lines, LINE_WATCH)]
    for method in ("action_confirm", "action_revoke"):
        refused_method(api, watch, LINE, method, lines, login=login)


LINE_FORGED = [
    ("decision", {"decision": "confirmed"}),
    ("decided_by", {"decided_by_id": None}),
    ("decided_date", {"decided_date": "2026-01-01 00:00:00"}),
    ("decider", {"decider_id": None}),
    ("group", {"group_id": None}),
    ("user", {"user_id": None}),
]


@pytest.mark.parametrize("via", VIAS)
@pytest.mark.parametrize("vals", [pytest.param(v, id=k) for k, v in LINE_FORGED])
def test_review_line_stamps_written(api, own_review, vals, via):
    lines = _pending(api, own_review, "xs_user")
    key = next(iter(vals))
    if vals[key] is None:
        vals = {
            "decided_by_id": api.uid("xs_manager"),
            "decider_id": api.uid("xs_manager"),
            "group_id": api.ref("base.group_user"),
            "user_id": api.uid("xs_manager"),
        }
        vals = {key: vals[key]}
    refused_record_write(
        api, LINE, lines[:1], LINE_WATCH, vals, login="xs_manager", via=via
    )


@pytest.mark.parametrize("login", ("xs_manager", "xs_user", "director"))
def test_review_line_default_keys_on_create(api, own_review, login):
    group = api.ref("bizreg_data.group_bizreg_data_export")
    before = api.call(
        LINE, "search_count", [("review_id", "=", own_review)], login="auditor"
    )
    refused_or(
        lambda: api.create(
            LINE,
            {
                "review_id": own_review,
                "user_id": api.uid("xs_user"),
                "group_id": group,
                "decider_id": api.uid("xs_manager"),
            },
            login=login,
            context={
                "default_decision": "confirmed",
                "default_decided_by_id": api.uid("xs_manager"),
            },
        ),
        lambda rid: check(
            api.get(LINE, rid, "decision") == "pending",
            f"{login} created a line decided already",
        ),
    )
    if login != "director":
        after = api.call(
            LINE, "search_count", [("review_id", "=", own_review)], login="auditor"
        )
        assert after == before, f"{login} added a line to the review"


def test_review_started_lines_removed(api, own_review):
    lines = _pending(api, own_review, "kf_user")
    watch = [(LINE, lines, LINE_WATCH), (REVIEW, [own_review], REVIEW_WATCH)]
    for login in (DATA_ADMIN, "xs_manager", "kf_manager"):
        refused_method(api, watch, LINE, "unlink", lines, login=login)
    refused_method(api, watch, REVIEW, "unlink", own_review, login=DATA_ADMIN)
    refused_write(
        api, watch, REVIEW, [own_review], {"date_from": "2020-01-01"}, login=DATA_ADMIN
    )
    refused_write(
        api, watch, REVIEW, [own_review], {"state": "draft"}, login=DATA_ADMIN
    )


@pytest.fixture(scope="module")
def closed_review(probe_client):
    """An access review of the probes' own, every right confirmed (the Data
    Administrator and the Director) and closed."""
    admin = Api(probe_client)
    today = datetime.date.today()
    rid = admin.create(
        REVIEW,
        {
            "name": unique("Probe closed access review"),
            "date_from": str(today.replace(day=1)),
            "date_to": str(today),
            "date_deadline": str(today + datetime.timedelta(days=30)),
        },
        login=DATA_ADMIN,
    )
    admin.call(REVIEW, "action_start", [rid], login=DATA_ADMIN)
    for login in (DATA_ADMIN, "director"):
        ids = admin.search(
            LINE,
            [
                ("review_id", "=", rid),
                ("decision", "=", "pending"),
                ("user_id", "!=", admin.uid(login)),
            ],
        )
        if ids:
            admin.call(LINE, "action_confirm", ids, login=login)
    admin.call(REVIEW, "action_close", [rid], login=DATA_ADMIN)
    assert admin.get(REVIEW, rid, "state") == "closed"
    return rid


@pytest.mark.parametrize("login", (DATA_ADMIN, "director"))
def test_closed_review_reopened(api, closed_review, login):
    lines = api.search(LINE, [("review_id", "=", closed_review)])
    watch = [(REVIEW, [closed_review], REVIEW_WATCH), (LINE, lines, LINE_WATCH)]
    refused_method(api, watch, REVIEW, "action_start", closed_review, login=login)
    refused_method(api, watch, REVIEW, "action_close", closed_review, login=login)
    for vals in (
        {"state": "running"},
        {"state": "draft"},
        {"closed_date": False},
        {"date_to": "2099-12-31"},
    ):
        refused_write(api, watch, REVIEW, [closed_review], vals, login=login)
    refused_method(api, watch, LINE, "action_revoke", lines[:1], login=login)


def test_closed_review_line_decided_by_manager(api, closed_review):
    lines = _lines(api, closed_review, "xs_user")
    watch = [(LINE, lines, LINE_WATCH)]
    refused_method(api, watch, LINE, "action_revoke", lines, login="xs_manager")
    refused_write(api, watch, LINE, lines, {"decision": "revoked"}, login="xs_manager")


@pytest.mark.parametrize("login", ("xs_user", "xs_manager", "auditor"))
def test_review_started_by_non_data_admin(api, login):
    """A campaign is created and started by the Data Administrator only."""
    today = datetime.date.today()
    vals = {
        "name": unique("Forged access review"),
        "date_from": str(today.replace(day=1)),
        "date_to": str(today),
        "date_deadline": str(today + datetime.timedelta(days=30)),
    }
    refused(api.create, REVIEW, vals, login=login)
    rid = api.create(REVIEW, vals, login=DATA_ADMIN)
    try:
        refused_method(
            api,
            [(REVIEW, [rid], REVIEW_WATCH)],
            REVIEW,
            "action_start",
            rid,
            login=login,
        )
    finally:
        api.call(REVIEW, "unlink", [rid], login=DATA_ADMIN)


def test_probe_rpc_error_shape(api):
    """The probes' helper sees Odoo's refusals as such (sanity)."""
    with pytest.raises(RpcError) as err:
        api.call(LOG, "unlink", [0], login="xs_user")
    assert err.value.name.startswith("odoo.exceptions.")
