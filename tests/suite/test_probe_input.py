"""Adversarial probes: wrong-type and out-of-range input on bizreg models and
bizreg fields.

Text in a number, a float for an integer, an unknown selection value: the
answer is a translated ValidationError/UserError (``odoo.exceptions.*``),
never a Python or database error, and nothing is stored.
"""

import random

import pytest
from probes import refused_as_input_error, unique


def _order(api, sale):
    return sale.order()


def _ticket(api, desk):
    return desk.ticket()


def _negotiation(api):
    oid = api.create(
        "crm.lead", {"name": unique("opportunity"), "type": "lead"}, login="xs_user"
    )
    return api.create(
        "bizreg.sale.negotiation",
        {"lead_id": oid, "proposed_price": 10.0},
        login="xs_user",
    )


def _visit(api):
    return api.create(
        "bizreg.return.visit",
        {"partner_id": api.ref("bizreg_helpdesk.res_partner_customer_b")},
        login="kf_user",
    )


def _delegation(api):
    year = random.randint(2200, 2999)
    return api.create(
        "bizreg.approval.delegation",
        {
            "substitute_id": api.uid("xs_user2"),
            "date_from": f"{year}-01-01 00:00:00",
            "date_to": f"{year}-01-02 00:00:00",
        },
        login="xs_manager",
    )


def _lead(api):
    return api.create(
        "crm.lead", {"name": unique("lead"), "type": "lead"}, login="xs_user"
    )


def _score(api):
    lead = _lead(api)
    return api.get("crm.lead", lead, "bizreg_score_ids")[0]


def _rule(api):
    """A fresh rule (a category of execution issues), not the contracts' one."""
    model = api.search("ir.model", [("model", "=", "bizreg.sale.order.issue")])[0]
    return api.create(
        "bizreg.numbering.rule",
        {
            "name": unique("rule"),
            "code": "PR",
            "model_id": model,
            "category_key": unique("c"),
        },
    )


def _department(api):
    return api.create("hr.department", {"name": unique("dept")})


# (record maker, model, login, field, bad value, readable id)
BAD_INPUT = [
    (
        "order",
        "sale.order",
        "xs_user",
        "bizreg_satisfaction",
        "excellent",
        "text_in_order_satisfaction",
    ),
    (
        "order",
        "sale.order",
        "xs_user",
        "bizreg_satisfaction",
        3.7,
        "float_in_order_satisfaction",
    ),
    (
        "order",
        "sale.order",
        "xs_user",
        "bizreg_planned_delivery_date",
        "next week",
        "text_in_order_planned_delivery",
    ),
    (
        "order",
        "sale.order",
        "xs_user",
        "bizreg_execution_state",
        "finished",
        "unknown_order_execution_state",
    ),
    (
        "ticket",
        "helpdesk.ticket",
        "kf_user",
        "bizreg_severity",
        "catastrophic",
        "unknown_ticket_severity",
    ),
    (
        "ticket",
        "helpdesk.ticket",
        "kf_user",
        "bizreg_call_duration",
        "long",
        "text_in_ticket_call_duration",
    ),
    (
        "ticket",
        "helpdesk.ticket",
        "kf_user",
        "bizreg_satisfaction",
        "9",
        "unknown_ticket_satisfaction",
    ),
    (
        "ticket",
        "helpdesk.ticket",
        "kf_user",
        "bizreg_received_date",
        "yesterday",
        "text_in_ticket_received_date",
    ),
    (
        "negotiation",
        "bizreg.sale.negotiation",
        "xs_user",
        "proposed_price",
        "cheap",
        "text_in_negotiation_price",
    ),
    (
        "negotiation",
        "bizreg.sale.negotiation",
        "xs_user",
        "outcome",
        "won",
        "unknown_negotiation_outcome",
    ),
    (
        "negotiation",
        "bizreg.sale.negotiation",
        "xs_user",
        "proposed_price",
        -5.0,
        "negative_negotiation_price",
    ),
    (
        "visit",
        "bizreg.return.visit",
        "kf_user",
        "satisfaction",
        "9",
        "unknown_visit_satisfaction",
    ),
    (
        "visit",
        "bizreg.return.visit",
        "kf_user",
        "method",
        "pigeon",
        "unknown_visit_method",
    ),
    (
        "delegation",
        "bizreg.approval.delegation",
        "xs_manager",
        "date_to",
        "tomorrow",
        "text_in_delegation_end",
    ),
    (
        "lead",
        "crm.lead",
        "xs_user",
        "bizreg_first_contact_date",
        "yesterday",
        "text_in_lead_first_contact",
    ),
    (
        "score",
        "bizreg.sale.lead.score",
        "xs_user",
        "rating",
        "9",
        "unknown_lead_score_rating",
    ),
    (
        "rule",
        "bizreg.numbering.rule",
        "admin",
        "padding",
        "four",
        "text_in_numbering_padding",
    ),
    (
        "rule",
        "bizreg.numbering.rule",
        "admin",
        "padding",
        2.5,
        "float_in_numbering_padding",
    ),
    (
        "rule",
        "bizreg.numbering.rule",
        "admin",
        "reset_period",
        "weekly",
        "unknown_numbering_reset_period",
    ),
    (
        "department",
        "hr.department",
        "admin",
        "bizreg_code",
        "X Y",
        "space_in_department_code",
    ),
]
MAKERS = {
    "order": lambda api, sale, desk: _order(api, sale),
    "ticket": lambda api, sale, desk: _ticket(api, desk),
    "negotiation": lambda api, sale, desk: _negotiation(api),
    "visit": lambda api, sale, desk: _visit(api),
    "delegation": lambda api, sale, desk: _delegation(api),
    "lead": lambda api, sale, desk: _lead(api),
    "score": lambda api, sale, desk: _score(api),
    "rule": lambda api, sale, desk: _rule(api),
    "department": lambda api, sale, desk: _department(api),
}


@pytest.mark.parametrize(
    "maker,model,login,field,value",
    [pytest.param(*row[:5], id=row[5]) for row in BAD_INPUT],
)
def test_wrong_type_input_gets_a_validation_error(
    api, sale, desk, maker, model, login, field, value
):
    rid = MAKERS[maker](api, sale, desk)
    refused_as_input_error(
        api,
        [(model, rid, (field,))],
        api.write,
        model,
        rid,
        {field: value},
        login=login,
    )


BAD_CREATE = [
    (
        "bizreg.appraisal.cycle",
        {"cycle_type": "monthly", "year": "twenty", "period": 1},
        "text_in_cycle_year",
    ),
    (
        "bizreg.appraisal.cycle",
        {"cycle_type": "monthly", "year": 2300, "period": 1.5},
        "float_in_cycle_month",
    ),
    (
        "bizreg.appraisal.cycle",
        {"cycle_type": "weekly", "year": 2300, "period": 1},
        "unknown_cycle_type",
    ),
    (
        "bizreg.appraisal.cycle",
        {"cycle_type": "monthly", "year": 2300, "period": 13},
        "month_13_in_cycle",
    ),
]


@pytest.mark.parametrize(
    "model,vals", [pytest.param(m, v, id=i) for m, v, i in BAD_CREATE]
)
def test_wrong_type_input_on_create_gets_a_validation_error(api, model, vals):
    before = api.search(model, [])
    refused_as_input_error(
        api, [], api.create, model, dict(vals, department_ids=[(6, 0, [])])
    )
    assert api.search(model, []) == before
