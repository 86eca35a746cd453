"""Adversarial probes: what the rules depend on (departments, employees,
groups), configuration (numbering rules, voided numbers, bottom lines,
four-eyes rules, pending changes) and record rules across departments.
"""

import pytest
from probes import (
    cases,
    refused,
    refused_method,
    refused_or,
    refused_record_write,
    unique,
)

# ----------------------------------------------------------------------
# Department structure
# ----------------------------------------------------------------------
DEPARTMENT_WATCH = (
    "parent_id",
    "manager_id",
    "bizreg_code",
    "bizreg_area_id",
    "name",
    "active",
)
DEPARTMENT_WRITES = [
    ("xs_manager", "service", "parent_id", "sale"),
    ("xs_manager", "service", "manager_id", "xs_manager"),
    ("xs_manager", "service", "bizreg_code", "XS"),
    ("xs_manager", "service", "bizreg_area_id", "sale"),
    ("xs_manager", "sale", "parent_id", "service"),
    ("xs_manager", "service", "active", False),
    ("kf_user", "sale", "parent_id", "service"),
    ("kf_user", "service", "manager_id", "kf_user"),
    ("kf_user", "sale", "bizreg_code", "KF"),
    ("auditor", "rnd", "parent_id", "project"),
    ("director", "rnd", "bizreg_code", "XS"),
]


def _department_value(api, field, value):
    if field == "parent_id":
        return api.ref(f"bizreg_base.hr_department_{value}")
    if field == "manager_id":
        return api.employee(value)
    if field == "bizreg_area_id":
        return api.ref(f"bizreg_base.bizreg_area_{value}")
    return value


@pytest.mark.parametrize(
    "login,department,field,value",
    cases(DEPARTMENT_WRITES, "{0}_writes_{1}_department_{2}"),
)
def test_non_hr_user_cannot_change_department_structure(
    api, login, department, field, value
):
    did = api.ref(f"bizreg_base.hr_department_{department}")
    vals = {field: _department_value(api, field, value)}
    refused_record_write(api, "hr.department", did, DEPARTMENT_WATCH, vals, login=login)


def test_sales_manager_cannot_create_department_under_service(api):
    before = api.search("hr.department", [])
    refused(
        api.create,
        "hr.department",
        {
            "name": unique("dept"),
            "parent_id": api.ref("bizreg_base.hr_department_service"),
        },
        login="xs_manager",
    )
    assert api.search("hr.department", []) == before


EMPLOYEE_WRITES = [
    pytest.param(
        "xs_manager",
        "kf_user",
        "department_id",
        "sale",
        id="sales_manager_moves_service_agent_to_sales",
    ),
    pytest.param(
        "xs_user",
        "xs_user",
        "department_id",
        "service",
        id="salesperson_moves_himself_to_service",
    ),
    pytest.param(
        "xs_user",
        "xs_user",
        "parent_id",
        "xs_user2",
        id="salesperson_changes_his_own_manager",
    ),
    pytest.param(
        "kf_manager",
        "xs_user",
        "department_id",
        "service",
        id="service_manager_pulls_salesperson_into_service",
    ),
]


@pytest.mark.parametrize("login,target,field,value", EMPLOYEE_WRITES)
def test_non_hr_user_cannot_move_employees(api, login, target, field, value):
    eid = api.employee(target)
    value = (
        api.ref(f"bizreg_base.hr_department_{value}")
        if field == "department_id"
        else api.employee(value)
    )
    refused_record_write(
        api,
        "hr.employee",
        eid,
        ("department_id", "parent_id", "user_id"),
        {field: value},
        login=login,
    )


@pytest.mark.parametrize(
    "login,group",
    [
        pytest.param(
            "xs_manager",
            "bizreg_base.group_bizreg_director",
            id="sales_manager_adds_himself_to_director_group",
        ),
        pytest.param(
            "xs_user",
            "bizreg_base.group_bizreg_legal",
            id="salesperson_adds_himself_to_legal_group",
        ),
        pytest.param(
            "auditor",
            "bizreg_base.group_bizreg_admin",
            id="auditor_adds_himself_to_regulation_admin_group",
        ),
        pytest.param(
            "kf_user", "hr.group_hr_user", id="agent_adds_himself_to_hr_officers"
        ),
    ],
)
def test_user_cannot_add_himself_to_a_group(api, login, group):
    uid = api.uid(login)
    vals = {"groups_id": [(4, api.ref(group))]}
    refused_record_write(api, "res.users", uid, ("groups_id",), vals, login=login)


# ----------------------------------------------------------------------
# Configuration records
# ----------------------------------------------------------------------
CONFIG_WRITES = [
    (
        "bizreg_sale.numbering_rule_sale_contract",
        "bizreg.numbering.rule",
        {"pattern": "{seq}"},
        "sales_manager_rewrites_contract_numbering_pattern",
    ),
    (
        "bizreg_sale.numbering_rule_sale_contract",
        "bizreg.numbering.rule",
        {"reset_period": "month"},
        "sales_manager_resets_contract_numbering_period",
    ),
    (
        "bizreg_sale.numbering_rule_sale_contract",
        "bizreg.numbering.rule",
        {"active": False},
        "sales_manager_disables_contract_numbering_rule",
    ),
    (
        "bizreg_sale.bottom_line_default",
        "bizreg.sale.bottom.line",
        {"max_discount": 100.0},
        "sales_manager_raises_bottom_line_discount",
    ),
    (
        "bizreg_sale.bottom_line_default",
        "bizreg.sale.bottom.line",
        {"active": False},
        "sales_manager_disables_bottom_line",
    ),
    (
        "bizreg_base.four_eyes_rule_partner_vat",
        "bizreg.four.eyes.rule",
        {"active": False},
        "sales_manager_disables_four_eyes_rule",
    ),
    (
        "bizreg_base.four_eyes_rule_partner_vat",
        "bizreg.four.eyes.rule",
        {"confirm_group_id": "sale_user"},
        "sales_manager_reroutes_four_eyes_confirmation",
    ),
    (
        "bizreg_base.four_eyes_rule_partner_vat",
        "bizreg.four.eyes.rule",
        {"field_ids": [(5, 0, 0)]},
        "sales_manager_empties_four_eyes_fields",
    ),
]


@pytest.mark.parametrize(
    "xmlid,model,vals", [pytest.param(x, m, v, id=i) for x, m, v, i in CONFIG_WRITES]
)
def test_sales_manager_cannot_change_configuration(api, xmlid, model, vals):
    rid = api.ref(xmlid)
    if vals.get("confirm_group_id") == "sale_user":
        vals = {"confirm_group_id": api.ref("bizreg_sale.group_bizreg_sale_user")}
    refused_record_write(
        api,
        model,
        rid,
        list(vals),
        vals,
        login="xs_manager",
        context={"active_test": False},
    )


def test_salesperson_cannot_move_the_contract_counter(api):
    rule = api.ref("bizreg_sale.numbering_rule_sale_contract")
    counters = api.search("bizreg.numbering.counter", [("rule_id", "=", rule)])
    assert counters
    refused_record_write(
        api,
        "bizreg.numbering.counter",
        counters[0],
        ("next_serial",),
        {"next_serial": 1},
        login="xs_user",
    )


def test_salesperson_cannot_forge_a_voided_number(api):
    rule = api.ref("bizreg_sale.numbering_rule_sale_contract")
    before = api.search("bizreg.numbering.void", [])
    refused(
        api.create,
        "bizreg.numbering.void",
        {"name": unique("SC"), "rule_id": rule, "reason": "forged"},
        login="xs_user",
    )
    assert api.search("bizreg.numbering.void", []) == before


def test_regulation_admin_cannot_delete_a_voided_number(api, sale):
    oid = sale.submitted()
    api.call("sale.order", "action_cancel", [oid], login="xs_user")
    number = api.get("sale.order", oid, "bizreg_number")
    voids = api.search("bizreg.numbering.void", [("name", "=", number)])
    assert voids
    refused_method(
        api,
        [("bizreg.numbering.void", voids, ("name", "rule_id"))],
        "bizreg.numbering.void",
        "unlink",
        voids,
    )


# ----------------------------------------------------------------------
# Four-eyes: important data waits for a second person
# ----------------------------------------------------------------------
def _vat():
    """A tax ID no other partner has: bizreg_data refuses a duplicate one,
    and the suite may run twice on one database."""
    return unique("CN").replace(" ", "")


def _partner(api):
    """A salesperson's new customer: ``(partner, its tax ID)``."""
    vat = _vat()
    pid = api.create(
        "res.partner", {"name": unique("customer"), "vat": vat}, login="xs_user"
    )
    return pid, vat


def _pending(api, pid):
    return api.search(
        "bizreg.pending.change",
        [
            ("res_model", "=", "res.partner"),
            ("res_id", "=", pid),
            ("state", "=", "pending"),
        ],
    )


def _changed_vat(api):
    """A salesperson's customer whose tax ID change waits:
    ``(partner, pending changes, old tax ID, new tax ID)``."""
    pid, old = _partner(api)
    new = _vat()
    api.write("res.partner", pid, {"vat": new}, login="xs_user")
    return pid, _pending(api, pid), old, new


def test_salesperson_tax_id_change_waits_for_confirmation(api):
    pid, change, old, _new = _changed_vat(api)
    assert api.get("res.partner", pid, "vat") == old
    assert change


def _confirmation_refused(api, login):
    pid, change, _old, _new = _changed_vat(api)
    watch = [
        ("res.partner", pid, ("vat",)),
        ("bizreg.pending.change", change, ("state",)),
    ]
    refused_method(
        api, watch, "bizreg.pending.change", "action_confirm", change, login=login
    )


def test_author_cannot_confirm_his_own_change(api):
    _confirmation_refused(api, "xs_user")


def test_non_confirmer_cannot_confirm_a_change(api):
    _confirmation_refused(api, "xs_user2")


def test_finance_confirms_a_change_as_non_admin(api):
    pid, change, _old, new = _changed_vat(api)
    api.call("bizreg.pending.change", "action_confirm", change, login="finance")
    assert api.get("res.partner", pid, "vat") == new
    assert api.get("bizreg.pending.change", change[0], "state") == "applied"


PENDING_ATTACKS = [
    pytest.param(
        {"state": "applied"}, id="requester_writes_pending_change_state_applied"
    ),
    pytest.param(
        {"new_value_json": '"CN999"'}, id="requester_rewrites_pending_change_value"
    ),
    pytest.param(
        {"requested_by": "finance"}, id="requester_rewrites_pending_change_author"
    ),
]


@pytest.mark.parametrize("vals", PENDING_ATTACKS)
def test_requester_cannot_write_pending_change(api, vals):
    _pid, change, _old, _new = _changed_vat(api)
    vals = {k: api.uid(v) if k == "requested_by" else v for k, v in vals.items()}
    refused_record_write(
        api,
        "bizreg.pending.change",
        change,
        ("state", "new_value_json", "requested_by"),
        vals,
        login="xs_user",
    )


def test_salesperson_cannot_create_an_applied_change(api):
    pid, vat = _partner(api)
    rule = api.ref("bizreg_base.four_eyes_rule_partner_vat")
    field = api.search(
        "ir.model.fields", [("model", "=", "res.partner"), ("name", "=", "vat")]
    )
    refused(
        api.create,
        "bizreg.pending.change",
        {
            "rule_id": rule,
            "res_model": "res.partner",
            "res_id": pid,
            "field_id": field[0],
            "new_value_json": f'"{_vat()}"',
            "state": "applied",
            "requested_by": api.uid("finance"),
            "request_date": "2020-01-01 00:00:00",
        },
        login="xs_user",
    )
    assert api.get("res.partner", pid, "vat") == vat


def test_four_eyes_cannot_be_skipped_with_context_keys(api):
    pid, vat = _partner(api)

    def write():
        return api.write(
            "res.partner",
            pid,
            {"vat": _vat()},
            login="xs_user",
            context={
                "bizreg_four_eyes": False,
                "install_mode": True,
                "tracking_disable": True,
            },
        )

    refused_or(write)
    assert api.get("res.partner", pid, "vat") == vat


def test_portal_customer_tax_id_change_waits_for_confirmation(api, portal_login):
    """The portal's account page writes as superuser: the rule still holds."""
    partner = api.partner(portal_login)
    api.write("res.partner", partner, {"vat": False})
    session = api.session(portal_login)
    status, page = session.http("/my/account")
    assert status == 200
    token = page.split('name="csrf_token" value="')[1].split('"')[0]
    form = {
        "csrf_token": token,
        "name": "Portal customer",
        "email": f"{portal_login}@customer.example.com",
        "phone": "123",
        "street": "1 Road",
        "city": "Suzhou",
        "country_id": str(api.search("res.country", [("code", "=", "CN")])[0]),
        "vat": "CN-PORTAL-1",
        "zipcode": "215000",
    }
    session.http("/my/account", form)
    assert api.get("res.partner", partner, "vat") in (False, ""), (
        "the portal changed the tax ID without a second confirmation"
    )


# ----------------------------------------------------------------------
# Record rules across departments
# ----------------------------------------------------------------------
OTHERS = {
    "sale_order_of_colleague": ("sale.order", "bizreg_sale.demo_order_dongfang"),
    "lead_of_colleague": ("crm.lead", "bizreg_sale.demo_lead_exhibition"),
    "complaint": ("helpdesk.ticket", "bizreg_helpdesk.helpdesk_ticket_complaint_demo"),
    "sale_order": ("sale.order", "bizreg_sale.demo_order_huaxin"),
    "negotiation": ("bizreg.sale.negotiation", "bizreg_sale.demo_negotiation_huaxin_1"),
}
CROSS_READS = [
    ("xs_user", "sale_order_of_colleague"),
    ("xs_user", "lead_of_colleague"),
    ("xs_user", "complaint"),
    ("kf_manager", "sale_order"),
    ("kf_user", "sale_order"),
    ("sc_manager", "sale_order"),
    ("yf_manager", "complaint"),
    ("xm_manager", "negotiation"),
    ("legal", "lead_of_colleague"),
]
READ_METHODS = ("read", "search", "read_group", "name_search")


def _visible(api, login, model, rid, method):
    if method == "read":
        api.call(model, "read", [rid], ["display_name"], login=login)
        return True
    if method == "search":
        return rid in api.call(model, "search", [("id", "=", rid)], login=login)
    if method == "read_group":
        groups = api.call(
            model, "read_group", [("id", "=", rid)], ["id:count"], [], login=login
        )
        return bool(groups and groups[0].get("__count", groups[0].get("id", 0)))
    name = api.get(model, rid, "display_name")
    found = api.call(model, "name_search", name=name[:20], limit=50, login=login)
    return rid in [row[0] for row in found]


@pytest.mark.parametrize(
    "login,target,method",
    [
        pytest.param(login, target, method, id=f"{login}_{method}_{target}")
        for login, target in CROSS_READS
        for method in READ_METHODS
    ],
)
def test_record_rules_hide_other_departments(api, login, target, method):
    model, xmlid = OTHERS[target]
    rid = api.ref(xmlid)
    refused_or(
        lambda: _visible(api, login, model, rid, method),
        lambda seen: (
            pytest.fail(f"{login} sees {model} {rid} with {method}") if seen else None
        ),
    )
