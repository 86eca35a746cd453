"""Adversarial probes: lead screening (crm.lead), negotiation rounds and the
bottom line behind the contract review.

An unqualified lead becomes an opportunity only with a Sales Manager's
recorded override; scores and the override are written by the server.
"""

import pytest
from probes import (
    cases,
    default_key_refused_or_ignored,
    refused,
    refused_or,
    refused_record_write,
    refused_unchanged,
    unique,
)

LEAD_WATCH = (
    "type",
    "bizreg_score",
    "bizreg_qualified",
    "bizreg_screening_override",
    "bizreg_override_reason",
    "bizreg_override_user_id",
    "bizreg_override_date",
    "user_id",
    "bizreg_department_id",
)


def _lead(api, login="xs_user"):
    """An unqualified lead (every criterion rated 0)."""
    return api.create(
        "crm.lead",
        {"name": unique("lead"), "type": "lead", "partner_name": unique("prospect")},
        login=login,
    )


LEAD_WRITES = [
    ("bizreg_screening_override", True),
    ("bizreg_override_reason", "good feeling"),
    ("bizreg_override_user_id", "xs_manager"),
    ("bizreg_override_date", "2000-01-01 00:00:00"),
    ("bizreg_score", 95.0),
    ("bizreg_qualified", True),
    ("bizreg_department_id", "service"),
]


@pytest.mark.parametrize(
    "field,value",
    cases(LEAD_WRITES, "salesperson_writes_lead_{0}"),
)
def test_salesperson_cannot_write_screening_fields(api, field, value):
    lid = _lead(api)
    if field.endswith("user_id"):
        value = api.uid(value)
    if field == "bizreg_department_id":
        value = api.ref("bizreg_base.hr_department_service")
    refused_record_write(
        api, "crm.lead", lid, LEAD_WATCH, {field: value}, login="xs_user"
    )


LEAD_DEFAULT_KEYS = [
    ("bizreg_screening_override", True),
    ("bizreg_override_reason", "default reason"),
    ("bizreg_qualified", True),
    ("bizreg_score", 95.0),
]


@pytest.mark.parametrize(
    "field,value",
    cases(LEAD_DEFAULT_KEYS, "salesperson_creates_lead_with_default_{0}"),
)
def test_lead_default_context_key_is_refused_or_ignored(api, field, value):
    default_key_refused_or_ignored(
        api,
        "crm.lead",
        lambda context: api.create(
            "crm.lead",
            {"name": unique("lead"), "type": "lead"},
            login="xs_user",
            context=context,
        ),
        field,
        value,
    )


CONVERSIONS = [
    pytest.param("write", id="salesperson_converts_unqualified_lead_by_write"),
    pytest.param(
        "convert_opportunity", id="salesperson_converts_unqualified_lead_by_method"
    ),
    pytest.param("wizard", id="salesperson_converts_unqualified_lead_with_wizard"),
    pytest.param("override", id="salesperson_overrides_screening_with_wizard"),
    pytest.param(
        "default_override", id="salesperson_converts_with_default_override_key"
    ),
]


def test_unqualified_lead_cannot_become_opportunity_default_type(api):
    def check(lid):
        lead = api.read("crm.lead", lid, ["type", "bizreg_qualified"])[0]
        assert lead["type"] == "lead" or lead["bizreg_qualified"], (
            "unqualified opportunity"
        )

    refused_or(
        lambda: api.create(
            "crm.lead",
            {"name": unique("lead")},
            login="xs_user",
            context={"default_type": "opportunity"},
        ),
        check,
    )


@pytest.mark.parametrize("route", CONVERSIONS)
def test_unqualified_lead_cannot_become_opportunity(api, route):
    lid = _lead(api)

    def attack():
        if route == "write":
            api.write("crm.lead", lid, {"type": "opportunity"}, login="xs_user")
        elif route == "convert_opportunity":
            api.call("crm.lead", "convert_opportunity", [lid], False, login="xs_user")
        elif route == "default_override":
            api.write(
                "crm.lead",
                lid,
                {"type": "opportunity"},
                login="xs_user",
                context={"default_bizreg_screening_override": True},
            )
        elif route == "wizard":
            api.wizard(
                "crm.lead2opportunity.partner",
                {"name": "convert", "action": "nothing", "lead_id": lid},
                "action_apply",
                login="xs_user",
                context={
                    "active_model": "crm.lead",
                    "active_id": lid,
                    "active_ids": [lid],
                },
            )
        else:
            api.wizard(
                "bizreg.sale.screening.override.wizard",
                {"lead_id": lid, "reason": "trust me"},
                "action_override",
                login="xs_user",
            )

    refused_unchanged(api, [("crm.lead", lid, LEAD_WATCH)], attack)


def test_salesperson_cannot_reassign_colleagues_lead_to_himself(api):
    lid = api.ref("bizreg_sale.demo_lead_exhibition")
    refused_record_write(
        api,
        "crm.lead",
        lid,
        LEAD_WATCH,
        {"user_id": api.uid("xs_user")},
        login="xs_user",
    )


# ----------------------------------------------------------------------
# Negotiation rounds
# ----------------------------------------------------------------------
NEGOTIATION_WATCH = (
    "user_id",
    "bizreg_department_id",
    "company_id",
    "proposed_price",
    "outcome",
)


def _negotiation(api, login="xs_user"):
    lead = api.create(
        "crm.lead", {"name": unique("opportunity"), "type": "lead"}, login=login
    )
    return api.create(
        "bizreg.sale.negotiation",
        {"lead_id": lead, "proposed_price": 1000.0, "customer_participants": "buyer"},
        login=login,
    )


def _negotiation_write_refused(api, rid, vals, login):
    refused_record_write(
        api, "bizreg.sale.negotiation", rid, NEGOTIATION_WATCH, vals, login=login
    )


@pytest.mark.parametrize(
    "field",
    [
        pytest.param("user_id", id="salesperson_writes_negotiation_owner"),
        pytest.param(
            "bizreg_department_id", id="salesperson_writes_negotiation_department"
        ),
        pytest.param("company_id", id="salesperson_writes_negotiation_company"),
    ],
)
def test_salesperson_cannot_write_negotiation_computed_owner(api, field):
    rid = _negotiation(api)
    value = {
        "user_id": api.uid("xs_user2"),
        "bizreg_department_id": api.ref("bizreg_base.hr_department_service"),
        "company_id": False,
    }[field]
    _negotiation_write_refused(api, rid, {field: value}, login="xs_user")


def test_salesperson_cannot_add_negotiation_to_colleagues_opportunity(api):
    lead = api.ref("bizreg_sale.demo_lead_exhibition")
    before = api.search("bizreg.sale.negotiation", [("lead_id", "=", lead)])
    refused(
        api.create,
        "bizreg.sale.negotiation",
        {"lead_id": lead, "proposed_price": 1.0},
        login="xs_user",
    )
    assert api.search("bizreg.sale.negotiation", [("lead_id", "=", lead)]) == before


def test_reviewer_cannot_write_negotiation_of_contract_under_review(api, sale):
    oid = sale.submitted()
    rid = api.create(
        "bizreg.sale.negotiation",
        {"order_id": oid, "proposed_price": 12000.0, "outcome": "agreed"},
        login="xs_user",
    )
    _negotiation_write_refused(api, rid, {"proposed_price": 1.0}, login="legal")


# ----------------------------------------------------------------------
# Development channels: UTM mediums whose kind says what a lead needs
# ----------------------------------------------------------------------
def test_salesperson_cannot_change_a_channel_kind(api):
    """Any employee may add a UTM medium, but its kind (what a lead of it
    needs) is the Regulation Administrator's: a salesperson cannot turn the
    referral channel into "other" to skip Referred By."""
    mid = api.ref("bizreg_sale.utm_medium_referral")
    refused_record_write(
        api,
        "utm.medium",
        mid,
        ("bizreg_channel_type",),
        {"bizreg_channel_type": "other"},
        login="xs_user",
    )


def test_referred_lead_needs_referred_by(api):
    name = unique("lead")
    refused(
        api.create,
        "crm.lead",
        {
            "name": name,
            "type": "lead",
            "medium_id": api.ref("bizreg_sale.utm_medium_referral"),
        },
        login="xs_user",
    )
    assert not api.search("crm.lead", [("name", "=", name)])


# ----------------------------------------------------------------------
# The bottom line decides the review steps
# ----------------------------------------------------------------------
def _steps(api, oid):
    return [
        r["definition_id"] and r["definition_id"][0]
        for r in api.reviews("sale.order", oid, ("definition_id",))
    ]


def test_discount_above_bottom_line_adds_manager_step(api, sale):
    oid = sale.submitted(discount=15.0)
    assert api.get("sale.order", oid, "bizreg_below_bottom_line")
    manager_step = api.ref("bizreg_sale.tier_definition_bottom_line_manager")
    assert manager_step in _steps(api, oid)


def test_salesperson_cannot_hide_discount_from_bottom_line_by_writing_level(api, sale):
    oid = sale.order(discount=25.0)
    refused_or(
        lambda: api.write(
            "sale.order",
            oid,
            {"bizreg_bottom_line_level": "none", "bizreg_below_bottom_line": False},
            login="xs_user",
        ),
    )
    sale.submit(oid)
    director_step = api.ref("bizreg_sale.tier_definition_bottom_line_director")
    assert director_step in _steps(api, oid), "25% discount without the Director step"
