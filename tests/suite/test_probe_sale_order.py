"""Adversarial probes: sales contracts (sale.order under contract review).

Each probe attacks as a demo role over JSON-RPC, asserts a clean Odoo refusal
and re-reads the contract as admin: nothing changed.  Where the route is
legitimate, the end state is asserted instead.
"""

import datetime

import pytest
from probes import (
    PNG,
    cases,
    default_key_refused_or_ignored,
    none_readable,
    refused,
    refused_or,
    refused_unchanged,
    unique,
)

TODAY = datetime.date.today().isoformat()


def _at(sale, stage):
    """A fresh contract at ``stage``: draft, submitted or approved."""
    return {
        "draft": sale.order,
        "submitted": sale.submitted,
        "approved": sale.approved,
    }[stage]()


# ----------------------------------------------------------------------
# The state field and the guarded action
# ----------------------------------------------------------------------
STATE_WRITES = [
    pytest.param(
        "xs_user", "web", "draft", id="salesperson_writes_state_sale_on_quotation"
    ),
    pytest.param(
        "xs_user", "ext", "draft", id="salesperson_writes_state_sale_over_jsonrpc"
    ),
    pytest.param("xs_manager", "web", "draft", id="sales_manager_writes_state_sale"),
    pytest.param(
        "xs_user", "web", "submitted", id="salesperson_writes_state_sale_under_review"
    ),
    pytest.param(
        "xs_user", "web", "approved", id="salesperson_writes_state_sale_unsigned"
    ),
    pytest.param(
        "director", "web", "submitted", id="director_writes_state_sale_under_review"
    ),
]


@pytest.mark.parametrize("login,via,stage", STATE_WRITES)
def test_cannot_write_order_state_sale(api, sale, login, via, stage):
    oid = _at(sale, stage)
    sale.refused_call(oid, "write", {"state": "sale"}, login=login, via=via)


@pytest.mark.parametrize(
    "state",
    [
        pytest.param("sale", id="salesperson_creates_order_in_state_sale"),
        pytest.param("cancel", id="salesperson_creates_order_in_state_cancel"),
    ],
)
def test_salesperson_cannot_create_order_in_state(api, sale, state):
    refused(sale.order, state=state)


CONFIRM_ROUTES = [
    pytest.param(
        "xs_user", "draft", None, id="salesperson_confirms_quotation_never_submitted"
    ),
    pytest.param(
        "xs_user", "submitted", None, id="salesperson_confirms_order_under_review"
    ),
    pytest.param(
        "xs_manager", "submitted", None, id="sales_manager_confirms_order_under_review"
    ),
    pytest.param(
        "xs_user", "approved", None, id="salesperson_confirms_approved_order_unsigned"
    ),
    pytest.param(
        "xs_user",
        "submitted",
        {"skip_validation_check": True},
        id="salesperson_confirms_with_skip_validation_check",
    ),
    pytest.param(
        "xs_user",
        "draft",
        {"install_mode": True},
        id="salesperson_confirms_with_install_mode",
    ),
    pytest.param(
        "xs_user",
        "submitted",
        {"bizreg_trusted": ["state", "review", "engine"], "trusted": True},
        id="salesperson_confirms_with_trusted_context_keys",
    ),
    pytest.param(
        "xs_user",
        "approved",
        {"tracking_disable": True, "mail_notrack": True, "import_file": True},
        id="salesperson_confirms_unsigned_with_import_context",
    ),
]


@pytest.mark.parametrize("login,stage,context", CONFIRM_ROUTES)
def test_cannot_confirm_before_review_and_signing(api, sale, login, stage, context):
    oid = _at(sale, stage)
    sale.refused_call(oid, "action_confirm", login=login, context=context)


PRIVATE_METHODS = [
    pytest.param("_action_confirm", [], id="salesperson_calls_private_action_confirm"),
    pytest.param(
        "_bizreg_set_state", ["sale"], id="salesperson_calls_private_set_state"
    ),
    pytest.param(
        "_bizreg_record_signing",
        [{"bizreg_seal_done": True}],
        id="salesperson_calls_private_record_signing",
    ),
    pytest.param("_validate_tier", [], id="salesperson_calls_private_validate_tier"),
    pytest.param(
        "_bizreg_assign_number", [], id="salesperson_calls_private_assign_number"
    ),
]


@pytest.mark.parametrize("method,args", PRIVATE_METHODS)
def test_salesperson_cannot_call_private_methods(api, sale, method, args):
    oid = sale.submitted()
    sale.refused_call(oid, method, *args, login="xs_user")


# ----------------------------------------------------------------------
# Signing before approval
# ----------------------------------------------------------------------
SIGNING_VALUES = {
    "bizreg_signed_date": TODAY,
    "bizreg_customer_signatory": "Someone",
    "bizreg_seal_done": True,
}


def test_salesperson_cannot_write_signing_fields_under_review(api, sale):
    oid = sale.submitted()
    sale.refused_write(oid, SIGNING_VALUES, login="xs_user")


def test_salesperson_cannot_record_signing_with_wizard_under_review(api, sale):
    oid = sale.submitted()
    refused_unchanged(api, sale.watch(oid), sale.sign, oid)


def test_salesperson_cannot_open_signing_under_review(api, sale):
    oid = sale.submitted()
    sale.refused_call(oid, "action_bizreg_record_signing", login="xs_user")


# ----------------------------------------------------------------------
# default_<field> context keys on create
# ----------------------------------------------------------------------
DEFAULT_KEYS = [
    ("state", "sale"),
    ("bizreg_number", "SC-FAKE-0001"),
    ("bizreg_signed", True),
    ("bizreg_seal_done", True),
    ("bizreg_signed_date", TODAY),
    ("bizreg_customer_signatory", "Forged signatory"),
    ("bizreg_execution_state", "done"),
    ("bizreg_contract_state", "executing"),
    ("bizreg_amount_total_company", 1.0),
    ("bizreg_bottom_line_level", "none"),
    ("bizreg_below_bottom_line", False),
    ("bizreg_rejection_count", 7),
    ("bizreg_completed_date", TODAY),
]


@pytest.mark.parametrize(
    "field,value",
    cases(DEFAULT_KEYS, "salesperson_creates_order_with_default_{0}"),
)
def test_salesperson_default_context_key_on_create_is_refused_or_ignored(
    api, sale, field, value
):
    # A discount of 25% is below the bottom line: the forged defaults must not
    # hide that either.
    default_key_refused_or_ignored(
        api,
        "sale.order",
        lambda context: sale.order(discount=25.0, context=context),
        field,
        value,
    )


# ----------------------------------------------------------------------
# Computed, related and read-only fields
# ----------------------------------------------------------------------
ENGINE_FIELDS = [
    ("amount_total", 1.0),
    ("amount_untaxed", 1.0),
    ("margin", 999999.0),
    ("bizreg_amount_total_company", 1.0),
    ("bizreg_amount_untaxed_company", 1.0),
    ("bizreg_margin_company", 999999.0),
    ("bizreg_bottom_line_level", "none"),
    ("bizreg_below_bottom_line", False),
    ("bizreg_signed", True),
    ("bizreg_contract_state", "signed"),
    ("bizreg_rejection_count", 0),
    ("bizreg_completed_date", TODAY),
    ("bizreg_on_time", True),
    ("bizreg_delay_days", 0),
    ("bizreg_tracking_deadline", "2099-01-01 00:00:00"),
    ("bizreg_last_tracking_date", "2099-01-01 00:00:00"),
    ("bizreg_submitted_date", "2000-01-01 00:00:00"),
    ("bizreg_validated_date", "2000-01-01 00:00:00"),
    ("bizreg_review_hours", 0.1),
    ("bizreg_number", "SC-XS-2000-0001"),
    ("bizreg_commercial_partner_id", False),
]


@pytest.mark.parametrize(
    "field,value",
    cases(ENGINE_FIELDS, "salesperson_writes_{0}_on_quotation"),
)
def test_salesperson_cannot_write_engine_field(api, sale, field, value):
    oid = sale.order(discount=25.0)
    sale.refused_write(oid, {field: value}, login="xs_user")


def test_salesperson_cannot_reset_rejection_counter_after_rejection(api, sale):
    oid = sale.submitted()
    api.review("sale.order", oid, "legal", decision="reject", comment="Fix clause 4")
    assert api.get("sale.order", oid, "bizreg_rejection_count") == 1
    sale.refused_write(oid, {"bizreg_rejection_count": 0}, login="xs_user")


# ----------------------------------------------------------------------
# Approving one's own contract (creator, requester, owner)
# ----------------------------------------------------------------------
def test_salesperson_cannot_approve_own_contract(api, sale):
    oid = sale.submitted()
    sale.refused_approval(oid, login="xs_user")


def test_sales_manager_cannot_approve_bottom_line_of_order_he_created(api, sale):
    # The manager creates a 15% discount quotation for his salesperson, who
    # submits it: the creator may not pass the bottom-line step.
    oid = sale.order(login="xs_manager", salesperson="xs_user", discount=15.0)
    sale.submit(oid, "xs_user")
    sale.refused_approval(oid, login="xs_manager")


def test_sales_manager_cannot_approve_bottom_line_he_requested(api, sale):
    oid = sale.order(login="xs_user", discount=15.0)
    sale.submit(oid, "xs_manager")
    sale.refused_approval(oid, login="xs_manager")


def test_sales_manager_cannot_approve_bottom_line_of_own_order(api, sale):
    # The manager is the salesperson (owner); someone else created and
    # submitted it.
    oid = sale.order(login="admin", salesperson="xs_manager", discount=15.0)
    sale.submit(oid, "admin")
    sale.refused_approval(oid, login="xs_manager")


def test_director_cannot_approve_large_contract_he_submitted(api, sale):
    oid = sale.order(login="director", salesperson="director", qty=100)
    sale.submit(oid, "director")
    sale.approve(oid)
    sale.refused_approval(oid, login="director")


def test_reviewer_cannot_approve_twice_for_two_steps_by_rejecting_first(api, sale):
    # Legal may approve its own step once; a second call must not approve
    # another group's step.
    oid = sale.submitted()
    api.review("sale.order", oid, "legal")
    sale.refused_approval(oid, login="legal")


# ----------------------------------------------------------------------
# Changing the approved terms, then confirming
# ----------------------------------------------------------------------
def _confirm_refused_after_change(api, sale, oid):
    """A change that went through must not be signed and confirmed as is."""

    def sign_and_confirm():
        sale.sign(oid)
        api.call("sale.order", "action_confirm", [oid], login="xs_user")

    refused(sign_and_confirm)
    assert api.get("sale.order", oid, "state") != "sale"


def _change_then_confirm_refused(api, sale, change, oid, *others):
    """``change()`` is refused and the contracts read the same, or it went
    through and the approved contract ``oid`` cannot be signed and confirmed
    as is."""
    before = api.snapshot(sale.watch(oid, *others))
    if refused_or(change):
        assert api.snapshot(sale.watch(oid, *others)) == before
    else:
        _confirm_refused_after_change(api, sale, oid)


def _change_after_confirmation_is_amended(api, sale, oid, change, what):
    """``change()`` on a confirmed contract is refused and the contract reads
    the same, or it sends the contract back to an amendment review."""
    before = api.snapshot(sale.watch(oid))

    def amended(_result):
        status = api.get("sale.order", oid, "validation_status")
        assert status in ("waiting", "pending"), (
            f"{what} after confirmation with no amendment review ({status})"
        )

    if refused_or(change, amended):
        assert api.snapshot(sale.watch(oid)) == before


LINE_CHANGES = [
    pytest.param(
        {"price_unit": 1.0}, id="salesperson_lowers_line_price_after_approval"
    ),
    pytest.param(
        {"product_uom_qty": 500}, id="salesperson_raises_line_quantity_after_approval"
    ),
    pytest.param(
        {"discount": 60.0}, id="salesperson_adds_line_discount_after_approval"
    ),
    pytest.param(
        {"name": "Anything the customer wants"},
        id="salesperson_rewrites_line_description_after_approval",
    ),
    pytest.param(
        {"customer_lead": 365}, id="salesperson_changes_line_lead_time_after_approval"
    ),
    pytest.param(
        {"product_packaging_qty": 50},
        id="salesperson_changes_packaging_quantity_after_approval",
    ),
    pytest.param(
        {"tax_id": [(5, 0, 0)]}, id="salesperson_removes_line_taxes_after_approval"
    ),
]


@pytest.mark.parametrize("vals", LINE_CHANGES)
def test_approved_line_terms_cannot_change_then_confirm(api, sale, vals):
    oid = sale.approved()
    line = sale.lines(oid)[0]
    _change_then_confirm_refused(
        api,
        sale,
        lambda: api.write("sale.order.line", line, vals, login="xs_user"),
        oid,
    )


def test_approved_line_product_cannot_change_then_confirm(api, sale):
    oid = sale.approved()
    line = sale.lines(oid)[0]
    vals = {"product_id": api.ref("bizreg_sale.demo_product_service")}
    _change_then_confirm_refused(
        api,
        sale,
        lambda: api.write("sale.order.line", line, vals, login="xs_user"),
        oid,
    )


ORDER_CHANGES = [
    pytest.param("payment_term", id="salesperson_changes_payment_terms_after_approval"),
    pytest.param("partner", id="salesperson_changes_customer_after_approval"),
    pytest.param("validity", id="salesperson_extends_validity_after_approval"),
    pytest.param("new_line", id="salesperson_adds_line_through_order_after_approval"),
    pytest.param(
        "line_command", id="salesperson_edits_line_price_through_order_after_approval"
    ),
    pytest.param("note", id="salesperson_rewrites_terms_and_conditions_after_approval"),
]


@pytest.mark.parametrize("change", ORDER_CHANGES)
def test_approved_order_terms_cannot_change_then_confirm(api, sale, change):
    oid = sale.approved()
    line = sale.lines(oid)[0]
    terms = api.search("account.payment.term", [], limit=1, order="id desc")
    vals = {
        "payment_term": {"payment_term_id": terms[0] if terms else False},
        "partner": {"partner_id": api.ref("bizreg_sale.demo_partner_dongfang")},
        "validity": {"validity_date": "2099-12-31"},
        "new_line": {
            "order_line": [
                (
                    0,
                    0,
                    {
                        "product_id": api.ref("bizreg_sale.demo_product_service"),
                        "price_unit": 1,
                    },
                )
            ]
        },
        "line_command": {"order_line": [(1, line, {"price_unit": 1.0})]},
        "note": {"note": "<p>No warranty, no liability.</p>"},
    }[change]
    _change_then_confirm_refused(
        api, sale, lambda: api.write("sale.order", oid, vals, login="xs_user"), oid
    )


def test_salesperson_cannot_move_cheap_line_into_approved_order(api, sale):
    approved = sale.approved()
    draft = sale.order(price=1.0, qty=100)
    moving = sale.lines(draft)[0]
    _change_then_confirm_refused(
        api,
        sale,
        lambda: api.write(
            "sale.order.line", moving, {"order_id": approved}, login="xs_user"
        ),
        approved,
        draft,
    )


def test_salesperson_cannot_move_line_out_of_approved_order(api, sale):
    approved = sale.order(qty=1)
    api.create(
        "sale.order.line",
        {
            "order_id": approved,
            "product_id": api.ref("bizreg_sale.demo_product_service"),
            "product_uom_qty": 2,
            "price_unit": 3000.0,
        },
        login="xs_user",
    )
    sale.submit(approved)
    sale.approve(approved)
    draft = sale.order()
    leaving = sale.lines(approved)[-1]
    _change_then_confirm_refused(
        api,
        sale,
        lambda: api.write(
            "sale.order.line", leaving, {"order_id": draft}, login="xs_user"
        ),
        approved,
        draft,
    )


def test_salesperson_cannot_change_price_after_confirmation_without_amendment(
    api, sale
):
    oid = sale.confirmed()
    line = sale.lines(oid)[0]
    _change_after_confirmation_is_amended(
        api,
        sale,
        oid,
        lambda: api.write(
            "sale.order.line", line, {"price_unit": 1.0}, login="xs_user"
        ),
        "price changed",
    )


def test_salesperson_cannot_add_line_after_confirmation_without_amendment(api, sale):
    oid = sale.confirmed()
    _change_after_confirmation_is_amended(
        api,
        sale,
        oid,
        lambda: api.create(
            "sale.order.line",
            {
                "order_id": oid,
                "product_id": api.ref("bizreg_sale.demo_product_controller"),
                "product_uom_qty": 10,
                "price_unit": 1.0,
            },
            login="xs_user",
        ),
        "line added",
    )


def test_restarting_review_does_not_keep_old_signing(api, sale):
    oid = sale.signed()
    # Restart the review (legitimate for the salesperson or refused), then
    # change the price: the old signature must not let it be confirmed.
    err = refused_or(
        lambda: api.call("sale.order", "restart_validation", [oid], login="xs_user")
    )
    if err:
        return
    line = sale.lines(oid)[0]
    refused_or(
        lambda: api.write(
            "sale.order.line", line, {"price_unit": 1.0}, login="xs_user"
        ),
    )
    sale.submit(oid)
    sale.approve(oid)
    refused(api.call, "sale.order", "action_confirm", [oid], login="xs_user")
    assert api.get("sale.order", oid, "state") != "sale"


# ----------------------------------------------------------------------
# Deleting, cancelling and re-drafting numbered contracts
# ----------------------------------------------------------------------
@pytest.mark.parametrize(
    "stage",
    [
        pytest.param("submitted", id="salesperson_deletes_order_under_review"),
        pytest.param("approved", id="salesperson_deletes_approved_order"),
    ],
)
def test_salesperson_cannot_delete_reviewed_order(api, sale, stage):
    oid = sale.submitted() if stage == "submitted" else sale.approved()
    sale.refused_call(oid, "unlink", login="xs_user")


def _voided(api, number):
    return api.search("bizreg.numbering.void", [("name", "=", number)])


def test_salesperson_cannot_lose_number_by_deleting_rejected_order(api, sale):
    oid = sale.submitted()
    number = api.get("sale.order", oid, "bizreg_number")
    assert number
    api.review("sale.order", oid, "legal", decision="reject", comment="Wrong customer")

    def number_voided(_result):
        assert _voided(api, number), f"{number} deleted without a void record"

    refused_or(
        lambda: api.call("sale.order", "unlink", [oid], login="xs_user"), number_voided
    )


def test_salesperson_cannot_lose_number_by_cancelling_with_write(api, sale):
    oid = sale.submitted()
    number = api.get("sale.order", oid, "bizreg_number")

    def number_voided(_result):
        assert _voided(api, number), (
            f"{number} cancelled by write without a void record"
        )

    refused_or(
        lambda: api.write("sale.order", oid, {"state": "cancel"}, login="xs_user"),
        number_voided,
    )


def test_redrafted_order_never_reuses_a_voided_number(api, sale):
    oid = sale.submitted()
    api.call("sale.order", "action_cancel", [oid], login="xs_user")
    number = api.get("sale.order", oid, "bizreg_number")
    assert _voided(api, number)
    refused_or(lambda: api.call("sale.order", "action_draft", [oid], login="xs_user"))
    live = api.get("sale.order", oid, "bizreg_number")
    state = api.get("sale.order", oid, "state")
    assert not (state != "cancel" and live and _voided(api, live)), (
        f"{live} is live again on a {state} order and in the void register"
    )


# ----------------------------------------------------------------------
# The portal and public routes (run as superuser)
# ----------------------------------------------------------------------
def test_portal_customer_cannot_confirm_contract_under_review_by_signing(
    api, sale, portal_login
):
    partner = api.partner(portal_login)
    oid = sale.order(partner=partner, require_signature=True, require_payment=False)
    sale.submit(oid)
    url = api.call("sale.order", "get_portal_url", [oid])
    token = url.split("access_token=")[1].split("&")[0]
    session = api.session(portal_login)
    refused_or(
        lambda: session.jsonrpc(
            f"/my/orders/{oid}/accept",
            {"access_token": token, "name": "Customer", "signature": PNG},
        ),
    )
    assert api.get("sale.order", oid, "state") != "sale"


def test_portal_customer_cannot_write_orders_over_rpc(api, sale, portal_login):
    partner = api.partner(portal_login)
    oid = sale.order(partner=partner)
    sale.refused_write(
        oid, {"state": "sale", "client_order_ref": unique()}, login=portal_login
    )


def test_portal_customer_cannot_read_contract_reviews(api, sale, portal_login):
    oid = sale.submitted()
    reviews = api.search(
        "tier.review", [("model", "=", "sale.order"), ("res_id", "=", oid)]
    )
    assert reviews
    none_readable(
        api,
        "tier.review",
        [("id", "in", reviews)],
        ["name", "comment"],
        portal_login,
        "the internal contract reviews",
    )
