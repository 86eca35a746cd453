"""Adversarial probes: the approval engine (tier.review, tier.definition,
forwarding, delegations).

Reviews are written only by the engine: no user (requester, reviewer,
auditor) changes a review's status or routing over RPC, forwarding never
counts as an approval, and a delegation is created only for oneself.
"""

import datetime
import random

import pytest
from probes import (
    refused,
    refused_method,
    refused_or,
    refused_record_write,
    refused_unchanged,
    refused_write,
    unique,
)

REVIEW_WATCH = (
    "status",
    "reviewer_id",
    "reviewer_group_id",
    "reviewer_ids",
    "review_type",
    "approve_sequence",
    "sequence",
    "name",
    "has_comment",
    "done_by",
    "comment",
    "definition_id",
    "requested_by",
    "bizreg_approver_ids",
)


def _review_vals(api, field, login):
    me = api.uid(login)
    return {
        "status": "approved",
        "reviewer_id": me,
        "reviewer_group_id": api.ref("bizreg_sale.group_bizreg_sale_user"),
        "reviewer_ids": [(6, 0, [me])],
        "review_type": "individual",
        "approve_sequence": False,
        "sequence": 999,
        "name": "Nothing to review",
        "has_comment": False,
        "done_by": me,
        "comment": "approved by myself",
        "bizreg_approver_ids": [(6, 0, [me])],
        "requested_by": api.uid("kf_user"),
    }[field]


# every watched field but the comment (a reviewer's own) and the definition
REVIEW_FIELDS = [f for f in REVIEW_WATCH if f not in ("comment", "definition_id")]
REVIEW_ATTACKS = [
    pytest.param(login, field, id=f"{who}_writes_review_{field}")
    for login, who in (("xs_user", "requester"), ("auditor", "auditor"))
    for field in REVIEW_FIELDS
] + [
    pytest.param("legal", field, id=f"legal_reviewer_writes_review_{field}")
    for field in (
        "reviewer_id",
        "reviewer_ids",
        "reviewer_group_id",
        "sequence",
        "comment",
    )
]


def _reviews_watch(api, sale, oid):
    """The contract's reviews and the contract: ``(reviews, watch)``."""
    reviews = [r["id"] for r in api.reviews("sale.order", oid)]
    return reviews, [("tier.review", reviews, REVIEW_WATCH), *sale.watch(oid)]


@pytest.mark.parametrize("login,field", REVIEW_ATTACKS)
def test_cannot_write_review_routing_or_status(api, sale, login, field):
    reviews, watch = _reviews_watch(api, sale, sale.submitted())
    vals = {field: _review_vals(api, field, login)}
    refused_write(api, watch, "tier.review", reviews, vals, login=login)


def test_requester_cannot_create_an_approved_review(api, sale):
    oid = sale.submitted()
    refused_unchanged(
        api,
        sale.watch(oid),
        api.create,
        "tier.review",
        {
            "model": "sale.order",
            "res_id": oid,
            "status": "approved",
            "reviewer_id": api.uid("xs_user"),
            "review_type": "individual",
        },
        login="xs_user",
    )


def test_requester_cannot_delete_the_reviews(api, sale):
    reviews, watch = _reviews_watch(api, sale, sale.submitted())
    refused_method(api, watch, "tier.review", "unlink", reviews, login="xs_user")


def test_requester_cannot_create_order_with_reviews(api, sale):
    refused(
        sale.order,
        review_ids=[(0, 0, {"model": "sale.order", "status": "approved"})],
    )


def test_reviewer_cannot_write_comment_wizard_onto_other_step(api, sale):
    """Legal opens its comment wizard with Finance's review in the context."""
    oid = sale.submitted()
    finance_step = [
        r["id"]
        for r in api.reviews("sale.order", oid, ("status", "reviewer_ids", "name"))
        if api.uid("finance") in r["reviewer_ids"]
    ]
    ctx = {
        "default_res_model": "sale.order",
        "default_res_id": oid,
        "default_review_ids": [(6, 0, finance_step)],
        "default_validate_reject": "validate",
    }
    refused_unchanged(
        api,
        [("tier.review", finance_step, REVIEW_WATCH), *sale.watch(oid)],
        api.wizard,
        "comment.wizard",
        {"comment": "ok"},
        "add_comment",
        login="legal",
        context=ctx,
    )


# ----------------------------------------------------------------------
# Tier definitions (the rules behind the routing)
# ----------------------------------------------------------------------
DEFINITION_WATCH = (
    "reviewer_group_id",
    "definition_domain",
    "active",
    "sequence",
    "has_comment",
    "approve_sequence",
)
DEFINITION_ATTACKS = [
    pytest.param(login, vals, id=f"{login}_{name}")
    for login in ("xs_manager", "director", "auditor")
    for name, vals in (
        ("disables_contract_review_rule", {"active": False}),
        ("narrows_contract_review_domain", {"definition_domain": "[('id', '=', 0)]"}),
        ("reroutes_contract_review_group", {"reviewer_group_id": "sale_user"}),
    )
]


@pytest.mark.parametrize("login,vals", DEFINITION_ATTACKS)
def test_cannot_change_approval_rules(api, login, vals):
    definition = api.ref("bizreg_sale.tier_definition_contract_legal")
    if vals.get("reviewer_group_id") == "sale_user":
        vals = {"reviewer_group_id": api.ref("bizreg_sale.group_bizreg_sale_user")}
    refused_record_write(
        api, "tier.definition", definition, DEFINITION_WATCH, vals, login=login
    )


# ----------------------------------------------------------------------
# Forwarding
# ----------------------------------------------------------------------
def _forward(api, oid, login, to_login):
    action = api.call("sale.order", "forward_tier", [oid], login=login)
    return api.wizard(
        "tier.validation.forward.wizard",
        {"forward_reviewer_id": api.uid(to_login), "forward_description": "please"},
        "add_forward",
        login=login,
        context=action["context"],
    )


def test_forwarding_is_not_counted_as_an_approval(api, sale):
    """Legal forwards its step to Finance; Finance and Risk approve their own
    steps: the contract must not be approved without a Legal (or forwarded)
    approval of the legal step."""
    oid = sale.submitted()
    err = refused_or(lambda: _forward(api, oid, "legal", "finance"))
    if err:
        return
    for login in ("finance", "risk"):
        api.review("sale.order", oid, login)
    statuses = api.reviews("sale.order", oid, ("status", "name"))
    assert api.get("sale.order", oid, "validation_status") != "validated", statuses


def test_forwarding_to_oneself_does_not_approve(api, sale):
    oid = sale.submitted()
    err = refused_or(lambda: _forward(api, oid, "legal", "legal"))
    if err:
        return
    legal_steps = [
        r
        for r in api.reviews("sale.order", oid)
        if api.uid("legal") in r["reviewer_ids"]
    ]
    assert all(
        r["status"] not in ("approved", "forwarded") for r in legal_steps[-1:]
    ), legal_steps


def test_requester_cannot_forward_his_own_contract(api, sale):
    oid = sale.submitted()
    refused_unchanged(api, sale.watch(oid), _forward, api, oid, "xs_user", "xs_user2")


# ----------------------------------------------------------------------
# Delegations
# ----------------------------------------------------------------------
DELEGATION_WATCH = ("user_id", "substitute_id", "date_from", "date_to")


def _period(days_from=400, days=3):
    start = datetime.datetime.now() + datetime.timedelta(days=days_from)
    end = start + datetime.timedelta(days=days)
    return start.strftime("%Y-%m-%d %H:%M:%S"), end.strftime("%Y-%m-%d %H:%M:%S")


def _delegation_count(api):
    return len(api.search("bizreg.approval.delegation", []))


@pytest.mark.parametrize(
    "login,victim,how",
    [
        pytest.param(
            "xs_user",
            "legal",
            "vals",
            id="salesperson_creates_delegation_of_legal_to_himself",
        ),
        pytest.param(
            "xs_user",
            "legal",
            "default",
            id="salesperson_creates_delegation_with_default_user_id",
        ),
        pytest.param(
            "xs_manager",
            "director",
            "vals",
            id="sales_manager_creates_delegation_of_director",
        ),
        pytest.param(
            "auditor",
            "finance",
            "default",
            id="auditor_creates_delegation_with_default_user_id",
        ),
        pytest.param(
            "legal",
            "risk",
            "default",
            id="legal_creates_delegation_of_risk_with_default_user_id",
        ),
    ],
)
def test_cannot_create_delegation_for_someone_else(api, login, victim, how):
    start, end = _period(days_from=random_days())
    vals = {
        "substitute_id": api.uid(login),
        "date_from": start,
        "date_to": end,
        "reason": unique(),
    }
    context = None
    if how == "vals":
        vals["user_id"] = api.uid(victim)
    else:
        context = {"default_user_id": api.uid(victim)}
    victim_id = api.uid(victim)
    before = api.search("bizreg.approval.delegation", [("user_id", "=", victim_id)])
    refused_or(
        lambda: api.create(
            "bizreg.approval.delegation", vals, login=login, context=context
        ),
        lambda rid: (
            pytest.fail("a delegation was created")
            if api.get("bizreg.approval.delegation", rid, "user_id")[0] == victim_id
            else None
        ),
    )
    after = api.search("bizreg.approval.delegation", [("user_id", "=", victim_id)])
    assert after == before


def random_days():
    return random.randint(500, 20000)


def _delegation_write_refused(api, rid, vals, login="xs_user"):
    refused_record_write(
        api, "bizreg.approval.delegation", rid, DELEGATION_WATCH, vals, login=login
    )


def test_cannot_hand_own_delegation_to_someone_else(api):
    start, end = _period(days_from=random_days())
    rid = api.create(
        "bizreg.approval.delegation",
        {"substitute_id": api.uid("xs_user2"), "date_from": start, "date_to": end},
        login="xs_user",
    )
    _delegation_write_refused(api, rid, {"user_id": api.uid("legal")})


def test_salesperson_cannot_rewrite_demo_delegation_of_his_manager(api):
    rid = api.ref("bizreg_base.approval_delegation_sale_manager")
    _delegation_write_refused(api, rid, {"substitute_id": api.uid("xs_user")})


def test_substitute_cannot_approve_contract_of_delegator_he_created(api, sale):
    """Legal delegates to the salesperson; the salesperson approves the
    Legal step of his own contract as Legal's substitute."""
    start = datetime.datetime.now() - datetime.timedelta(minutes=5)
    end = start + datetime.timedelta(hours=2)
    fmt = "%Y-%m-%d %H:%M:%S"
    # Created by admin (a regulation administrator may) for Legal.
    delegation = api.create(
        "bizreg.approval.delegation",
        {
            "user_id": api.uid("legal"),
            "substitute_id": api.uid("xs_user"),
            "date_from": start.strftime(fmt),
            "date_to": end.strftime(fmt),
        },
    )
    try:
        oid = sale.submitted()
        sale.refused_approval(oid, login="xs_user")
    finally:
        api.call("bizreg.approval.delegation", "unlink", [delegation])
