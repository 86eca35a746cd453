"""Adversarial probes: amendments of confirmed contracts (contract change
control, ``bizreg.amendment``).

After confirmation the approved terms of a contract change only through an
amendment that Legal, Finance and Risk review again.  Each probe attacks the
amendment or the contract around it as a demo role over JSON-RPC, asserts a
clean Odoo refusal and re-reads the records as admin: nothing changed.  The
legitimate path is asserted end to end once.
"""

import pytest
from probes import (
    cases,
    default_key_refused_or_ignored,
    none_readable,
    refused,
    refused_unchanged,
)

AMENDMENT = "bizreg.amendment"
AMENDMENT_WATCH = (
    "state",
    "reason",
    "terms_before",
    "terms_after",
    "digest_before",
    "digest_submitted",
    "validation_status",
    "bizreg_approved_digest",
    "review_ids",
)
REVIEWERS = ("legal", "finance", "risk")


def _amend(api, oid, login="xs_user"):
    action = api.call("sale.order", "action_bizreg_amend", [oid], login=login)
    assert action["res_model"] == AMENDMENT
    return action["res_id"]


def _first_line(sale, oid):
    return sale.lines(oid)[0]


def _change_price(api, sale, oid, price=15000.0, login="xs_user"):
    api.write(
        "sale.order.line", _first_line(sale, oid), {"price_unit": price}, login=login
    )


def _drafted(api, sale):
    """A confirmed contract and its draft amendment with a changed price."""
    oid = sale.confirmed()
    aid = _amend(api, oid)
    _change_price(api, sale, oid)
    api.write(AMENDMENT, aid, {"reason": "Probe: price update"}, login="xs_user")
    return oid, aid


def _submitted(api, sale):
    oid, aid = _drafted(api, sale)
    api.call(AMENDMENT, "action_submit", [aid], login="xs_user")
    assert api.get(AMENDMENT, aid, "state") == "to_review"
    return oid, aid


def _watch(sale, oid, aid):
    return [(AMENDMENT, [aid], AMENDMENT_WATCH), *sale.watch(oid)]


def _invoice(api, oid, login="xs_user"):
    """The salesperson's invoicing wizard (regular invoice)."""
    context = {"active_model": "sale.order", "active_ids": [oid], "active_id": oid}
    return api.wizard(
        "sale.advance.payment.inv",
        {"advance_payment_method": "delivered"},
        "create_invoices",
        login=login,
        context=context,
    )


def _invoices(api, oid):
    return api.get("sale.order", oid, "invoice_ids")


def _refused_call(api, sale, oid, aid, method, login):
    """``method`` of the amendment, called by ``login``, is refused and
    neither the amendment nor the contract changes."""
    refused_unchanged(
        api, _watch(sale, oid, aid), api.call, AMENDMENT, method, [aid], login=login
    )


def _refused_price_change(api, watch, sale, oid, price):
    """The salesperson's new price on the contract's first line is refused."""
    refused_unchanged(api, watch, _change_price, api, sale, oid, price)


# ----------------------------------------------------------------------
# Engine-owned fields of the amendment
# ----------------------------------------------------------------------
ENGINE_WRITES = [
    ("state", "approved"),
    ("terms_before", '{"fields": {}, "lines": {}}'),
    ("terms_after", '{"fields": {}, "lines": {}}'),
    ("digest_before", "forged"),
    ("digest_submitted", "forged"),
    ("bizreg_approved_digest", "forged"),
    ("validation_status", "validated"),
    ("requested_by", None),
    ("res_id", 1),
]


@pytest.mark.parametrize(
    "field,value", cases(ENGINE_WRITES, "salesperson_writes_amendment_{0}")
)
def test_salesperson_writes_amendment_engine_field(api, sale, field, value):
    oid, aid = _drafted(api, sale)
    if value is None:
        value = api.uid("xs_manager")
    refused_unchanged(
        api,
        _watch(sale, oid, aid),
        api.write,
        AMENDMENT,
        aid,
        {field: value},
        login="xs_user",
    )


def test_salesperson_writes_contract_digest_to_current_terms(api, sale):
    """Taking the amended terms as approved without review."""
    oid, aid = _drafted(api, sale)
    refused_unchanged(
        api,
        _watch(sale, oid, aid),
        api.write,
        "sale.order",
        oid,
        {"bizreg_approved_digest": "forged"},
        login="xs_user",
    )


def test_salesperson_creates_amendment_directly(api, sale):
    oid = sale.confirmed()
    before = api.search(
        AMENDMENT, [("res_model", "=", "sale.order"), ("res_id", "=", oid)]
    )
    refused(
        api.create,
        AMENDMENT,
        {
            "res_model": "sale.order",
            "res_id": oid,
            "reason": "Probe",
            "state": "approved",
        },
        login="xs_user",
    )
    after = api.search(
        AMENDMENT, [("res_model", "=", "sale.order"), ("res_id", "=", oid)]
    )
    assert after == before


@pytest.mark.parametrize(
    "field,value",
    cases(
        [("state", "approved"), ("res_model", "sale.order"), ("terms_after", "{}")],
        "default_{0}_key_on_amendment_create",
    ),
)
def test_default_keys_on_amendment_create(api, sale, field, value):
    sale.confirmed()

    def create(context):
        return api.create(
            AMENDMENT, {"reason": "Probe"}, login="xs_user", context=context
        )

    default_key_refused_or_ignored(api, AMENDMENT, create, field, value)


# ----------------------------------------------------------------------
# Reviews of the amendment
# ----------------------------------------------------------------------
def test_requester_approves_own_amendment(api, sale):
    oid, aid = _submitted(api, sale)
    _refused_call(api, sale, oid, aid, "validate_tier", "xs_user")


@pytest.mark.parametrize("login", ["xs_manager", "director", "auditor", "xs_user2"])
def test_non_reviewer_approves_amendment(api, sale, login):
    oid, aid = _submitted(api, sale)
    _refused_call(api, sale, oid, aid, "validate_tier", login)


def test_reviewer_submits_or_withdraws_someone_elses_amendment(api, sale):
    oid, aid = _drafted(api, sale)
    _refused_call(api, sale, oid, aid, "action_submit", "legal")
    _refused_call(api, sale, oid, aid, "action_withdraw", "finance")


# ----------------------------------------------------------------------
# Amending without rights, changing the terms around an amendment
# ----------------------------------------------------------------------
@pytest.mark.parametrize("login", ["auditor", "kf_user", "legal"])
def test_amend_without_write_access(api, sale, login):
    oid = sale.confirmed()
    refused_unchanged(
        api,
        sale.watch(oid),
        api.call,
        "sale.order",
        "action_bizreg_amend",
        [oid],
        login=login,
    )
    assert not api.search(
        AMENDMENT, [("res_model", "=", "sale.order"), ("res_id", "=", oid)]
    )


def test_change_confirmed_contract_without_amendment(api, sale):
    oid = sale.confirmed()
    _refused_price_change(api, sale.watch(oid), sale, oid, 1.0)


def test_change_terms_while_amendment_under_review(api, sale):
    oid, aid = _submitted(api, sale)
    _refused_price_change(api, _watch(sale, oid, aid), sale, oid, 99999.0)


def test_invoice_while_amendment_is_a_draft(api, sale):
    oid, aid = _drafted(api, sale)
    refused_unchanged(api, _watch(sale, oid, aid), _invoice, api, oid)
    assert not _invoices(api, oid)


def test_change_terms_after_rejection_then_invoice(api, sale):
    oid, aid = _submitted(api, sale)
    api.review(AMENDMENT, aid, "legal")
    api.review(AMENDMENT, aid, "finance", decision="reject", comment="Probe: no")
    assert api.get(AMENDMENT, aid, "state") == "rejected"
    _refused_price_change(api, _watch(sale, oid, aid), sale, oid, 20000.0)
    refused_unchanged(api, _watch(sale, oid, aid), _invoice, api, oid)
    assert not _invoices(api, oid)


def test_submit_amendment_without_change(api, sale):
    oid = sale.confirmed()
    aid = _amend(api, oid)
    api.write(AMENDMENT, aid, {"reason": "Probe: nothing"}, login="xs_user")
    _refused_call(api, sale, oid, aid, "action_submit", "xs_user")


def test_delete_amendment(api, sale):
    oid, aid = _drafted(api, sale)
    _refused_call(api, sale, oid, aid, "unlink", "xs_user")


def test_service_staff_read_contract_amendments(api, sale):
    oid, aid = _drafted(api, sale)
    none_readable(
        api,
        AMENDMENT,
        [("id", "=", aid)],
        ["reason", "terms_before"],
        "kf_user",
        "a sales contract's amendment",
    )


# ----------------------------------------------------------------------
# The legitimate path, end to end
# ----------------------------------------------------------------------
def test_approved_amendment_becomes_the_contract_terms(api, sale):
    oid, aid = _submitted(api, sale)
    digest = api.get("sale.order", oid, "bizreg_approved_digest")
    for login in REVIEWERS:
        api.review(AMENDMENT, aid, login)
    assert api.get(AMENDMENT, aid, "state") == "approved"
    assert api.get("sale.order", oid, "bizreg_approved_digest") != digest
    assert api.get("sale.order", oid, "bizreg_terms_changed") is False
    assert "15000" in api.get(AMENDMENT, aid, "terms_after")
    _invoice(api, oid)
    assert _invoices(api, oid)
    # an approved amendment is history: its reason no longer changes
    refused_unchanged(
        api,
        _watch(sale, oid, aid),
        api.write,
        AMENDMENT,
        aid,
        {"reason": "Rewritten"},
        login="xs_user",
    )
