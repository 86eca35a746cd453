# Copyright 2026 bizreg
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

from contextlib import contextmanager, nullcontext
from datetime import timedelta

from markupsafe import Markup

from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError

from ..demo_builder import contract_flow
from .bizreg_sale_bottom_line import LEVELS
from .crm_lead import NEGOTIATION_GROUPS

SIGNING_FIELDS = (
    "bizreg_signed_date",
    "bizreg_customer_signatory",
    "bizreg_company_signatory_id",
    "bizreg_seal_done",
    "bizreg_signed_attachment_ids",
)

# Fields that may change while the contract is under review or approved:
# the signing record, the execution follow-up and the fields Odoo itself
# writes on a quotation (sent by email, signed on the portal).
REVIEW_WRITABLE_FIELDS = [
    *SIGNING_FIELDS,
    "state",
    "bizreg_number",
    "bizreg_execution_state",
    "bizreg_last_tracking_date",
    "bizreg_tracking_activity_date",
    "signature",
    "signed_by",
    "signed_on",
]

# Key of the cursor's cache (server side only, never the context) holding what
# one confirmation call remembers: the orders whose confirmation it checked.
# Set by :meth:`SaleOrder._bizreg_confirm_memo` for the duration of
# the call and removed afterwards.
CONFIRM_MEMO = "bizreg_sale.confirm_memo"
# the values Odoo writes when it confirms (``_prepare_confirmation_values``)
CONFIRMATION_FIELDS = frozenset({"state", "date_order"})


class SaleOrder(models.Model):
    _name = "sale.order"
    _inherit = [
        "sale.order",
        "bizreg.sale.department.mixin",
        "bizreg.approval.mixin",
        "bizreg.numbering.mixin",
        "bizreg.escalation.mixin",
    ]

    # Approval: Odoo's own code writes the state of a sale order.
    _state_field = "state"
    _state_from = ["draft", "sent"]
    _state_to = ["sale"]
    _cancel_state = "cancel"
    _bizreg_protect_state = False
    # Numbering: the contract number is given at submission for review (or at
    # confirmation at the latest).
    _bizreg_numbering_trigger = "manual"
    # Core amounts the regulation relies on: computed, never written by hand.
    _bizreg_engine_fields_extra = (
        "amount_untaxed",
        "amount_tax",
        "amount_total",
        "margin",
        "margin_percent",
    )

    bizreg_number = fields.Char(string="Contract No.")
    bizreg_department_id = fields.Many2one(
        help="Department of the salesperson; used by the department's access "
        "rules and in the contract number.",
    )
    bizreg_commercial_partner_id = fields.Many2one(
        related="partner_id.commercial_partner_id",
        string="Customer Company",
        store=True,
        index=True,
    )
    bizreg_contract_state = fields.Selection(
        [
            ("quotation", "Quotation"),
            ("review", "Under review"),
            ("returned", "Returned for changes"),
            ("approved", "Approved, to sign"),
            ("signed", "Signed, to confirm"),
            ("executing", "In execution"),
            ("done", "Completed"),
            ("cancel", "Cancelled"),
        ],
        string="Contract Status",
        compute="_compute_bizreg_contract_state",
        store=True,
        index=True,
    )
    # Amounts in company currency (thresholds and KPIs) -----------------------
    bizreg_company_currency_id = fields.Many2one(
        related="company_id.currency_id", string="Company Currency"
    )
    bizreg_amount_total_company = fields.Monetary(
        string="Total (Company Currency)",
        currency_field="bizreg_company_currency_id",
        compute="_compute_bizreg_company_amounts",
        store=True,
    )
    bizreg_amount_untaxed_company = fields.Monetary(
        string="Untaxed (Company Currency)",
        currency_field="bizreg_company_currency_id",
        compute="_compute_bizreg_company_amounts",
        store=True,
    )
    bizreg_margin_company = fields.Monetary(
        string="Margin (Company Currency)",
        currency_field="bizreg_company_currency_id",
        compute="_compute_bizreg_company_amounts",
        store=True,
    )
    # Bottom line ----------------------------------------------------------------
    bizreg_bottom_line_level = fields.Selection(
        [
            ("none", "Within the bottom line"),
            ("manager", "Sales Manager approval"),
            ("director", "Director approval"),
        ],
        string="Bottom Line",
        compute="_compute_bizreg_bottom_line",
        store=True,
        index=True,
        help="Approval the quotation needs because of its margin, discount or "
        "price compared with the company's bottom line.",
    )
    bizreg_below_bottom_line = fields.Boolean(
        string="Below the Bottom Line",
        compute="_compute_bizreg_bottom_line",
        store=True,
        index=True,
    )
    # Negotiation ------------------------------------------------------------------
    bizreg_negotiation_ids = fields.One2many(
        "bizreg.sale.negotiation",
        "order_id",
        string="Negotiation Rounds",
        groups=NEGOTIATION_GROUPS,
    )
    # Signing ----------------------------------------------------------------------
    bizreg_signed_date = fields.Date(string="Signing Date", copy=False, tracking=True)
    bizreg_customer_signatory = fields.Char(
        string="Customer Signatory", copy=False, tracking=True
    )
    bizreg_company_signatory_id = fields.Many2one(
        "res.users",
        string="Company Signatory",
        copy=False,
        tracking=True,
        domain="[('share', '=', False)]",
    )
    bizreg_seal_done = fields.Boolean(
        string="Seals Affixed",
        copy=False,
        tracking=True,
        help="Both parties' company seals (stamps) are on the signed contract.",
    )
    bizreg_signed_attachment_ids = fields.Many2many(
        "ir.attachment",
        "bizreg_sale_order_signed_attachment_rel",
        "order_id",
        "attachment_id",
        string="Signed Copy",
        copy=False,
    )
    bizreg_signed = fields.Boolean(
        string="Signing Recorded",
        compute="_compute_bizreg_signed",
        store=True,
        index=True,
    )
    # Execution and tracking ----------------------------------------------------------
    bizreg_execution_state = fields.Selection(
        [("none", "Not started"), ("open", "In execution"), ("done", "Completed")],
        string="Execution",
        default="none",
        copy=False,
        index=True,
        tracking=True,
        readonly=True,
    )
    bizreg_planned_delivery_date = fields.Date(
        string="Planned Delivery",
        compute="_compute_bizreg_planned_delivery_date",
        store=True,
        readonly=False,
        copy=False,
        help="Delivery date agreed in the contract (defaults to the delivery date).",
    )
    bizreg_actual_delivery_date = fields.Date(
        string="Actual Delivery", copy=False, tracking=True, readonly=True
    )
    bizreg_on_time = fields.Boolean(
        string="Delivered On Time",
        compute="_compute_bizreg_on_time",
        store=True,
        index=True,
    )
    bizreg_delay_days = fields.Integer(
        string="Delivery Delay (days)",
        compute="_compute_bizreg_on_time",
        store=True,
        aggregator="avg",
    )
    bizreg_completed_date = fields.Date(
        string="Completed On", copy=False, readonly=True
    )
    bizreg_satisfaction = fields.Integer(
        string="Customer Satisfaction",
        copy=False,
        tracking=True,
        aggregator="avg",
        help="Score given by the customer at completion, from 1 to 5 (0 = not rated).",
        readonly=True,
    )
    bizreg_satisfaction_comment = fields.Text(
        string="Customer Comment", copy=False, readonly=True
    )
    bizreg_last_tracking_date = fields.Datetime(
        string="Last Customer Update", copy=False, readonly=True
    )
    bizreg_tracking_deadline = fields.Datetime(
        string="Next Customer Update",
        compute="_compute_bizreg_tracking_deadline",
        store=True,
        index=True,
    )
    bizreg_tracking_activity_date = fields.Datetime(
        string="Update Activity Created", copy=False, readonly=True
    )
    bizreg_handoff_due = fields.Datetime(
        string="Hand-offs Due",
        copy=False,
        readonly=True,
        index="btree_not_null",
        help="When the contract was confirmed: its hand-off activities are "
        "scheduled by the next run of the hand-off cron.",
    )
    bizreg_handoff_date = fields.Datetime(
        string="Hand-offs Scheduled", copy=False, readonly=True
    )
    bizreg_issue_ids = fields.One2many(
        "bizreg.sale.order.issue",
        "order_id",
        string="Execution Issues",
        groups=NEGOTIATION_GROUPS,
    )
    bizreg_open_issue_count = fields.Integer(
        string="Open Issues",
        compute="_compute_bizreg_open_issue_count",
        groups=NEGOTIATION_GROUPS,
    )

    @api.constrains("bizreg_satisfaction")
    def _check_bizreg_satisfaction(self):
        for order in self:
            if order.bizreg_satisfaction and not 1 <= order.bizreg_satisfaction <= 5:
                raise ValidationError(
                    self.env._("The customer satisfaction is a score from 1 to 5.")
                )

    @api.constrains("bizreg_signed_date", "bizreg_actual_delivery_date")
    def _check_bizreg_dates(self):
        today = fields.Date.context_today(self)
        for order in self:
            if order.bizreg_signed_date and order.bizreg_signed_date > today:
                raise ValidationError(
                    self.env._("The signing date cannot be in the future.")
                )
            if (
                order.bizreg_actual_delivery_date
                and order.bizreg_actual_delivery_date > today
            ):
                raise ValidationError(
                    self.env._("The actual delivery date cannot be in the future.")
                )

    # ------------------------------------------------------------------
    # Computes
    # ------------------------------------------------------------------
    @api.depends(
        "state", "validation_status", "bizreg_signed", "bizreg_execution_state"
    )
    def _compute_bizreg_contract_state(self):
        by_status = {
            "pending": "review",
            "waiting": "review",
            "rejected": "returned",
        }
        for order in self:
            if order.state == "cancel":
                value = "cancel"
            elif order.state == "sale":
                value = (
                    "done" if order.bizreg_execution_state == "done" else "executing"
                )
            elif order.validation_status == "validated":
                value = "signed" if order.bizreg_signed else "approved"
            else:
                value = by_status.get(order.validation_status, "quotation")
            order.bizreg_contract_state = value

    @api.depends("amount_total", "amount_untaxed", "margin", "currency_rate")
    def _compute_bizreg_company_amounts(self):
        for order in self:
            rate = order.currency_rate or 1.0
            order.bizreg_amount_total_company = order.amount_total / rate
            order.bizreg_amount_untaxed_company = order.amount_untaxed / rate
            order.bizreg_margin_company = order.margin / rate

    @api.depends(
        "order_line.margin_percent",
        "order_line.discount",
        "order_line.price_subtotal",
        "order_line.product_id",
        "pricelist_id",
        "currency_rate",
    )
    def _compute_bizreg_bottom_line(self):
        # An approved order past its quotation keeps the bottom line its
        # reviewers saw: confirming dates the order (and its currency rate)
        # anew, which must not re-evaluate it.  Unassigned, the stored value
        # stays.
        quotations = self.filtered(
            lambda o: not (o.state in ("sale", "done") and o.bizreg_approved_digest)
        )
        if not quotations:
            return
        rules = self.env["bizreg.sale.bottom.line"].sudo().search([])
        for order in quotations:
            company_rules = rules.filtered(
                lambda r, o=order: r.company_id == o.company_id
            )
            level = "none"
            for line in order.order_line:
                rule = company_rules._bizreg_pick(line.product_id, order.pricelist_id)
                if rule:
                    level = max(level, rule._bizreg_line_level(line), key=LEVELS.index)
            order.bizreg_bottom_line_level = level
            order.bizreg_below_bottom_line = level != "none"

    @api.depends(
        "bizreg_signed_date",
        "bizreg_customer_signatory",
        "bizreg_company_signatory_id",
        "bizreg_seal_done",
        "bizreg_signed_attachment_ids",
    )
    def _compute_bizreg_signed(self):
        for order in self:
            order.bizreg_signed = bool(
                order.bizreg_signed_date
                and (order.bizreg_customer_signatory or "").strip()
                and order.bizreg_company_signatory_id
                and order.bizreg_seal_done
                and order.bizreg_signed_attachment_ids
            )

    @api.depends("commitment_date")
    def _compute_bizreg_planned_delivery_date(self):
        for order in self:
            if order.commitment_date:
                order.bizreg_planned_delivery_date = order.commitment_date.date()

    @api.depends("bizreg_planned_delivery_date", "bizreg_actual_delivery_date")
    def _compute_bizreg_on_time(self):
        for order in self:
            actual = order.bizreg_actual_delivery_date
            planned = order.bizreg_planned_delivery_date
            order.bizreg_on_time = bool(actual) and (not planned or actual <= planned)
            order.bizreg_delay_days = (
                max((actual - planned).days, 0) if actual and planned else 0
            )

    @api.depends(
        "bizreg_last_tracking_date",
        "bizreg_execution_state",
        "company_id.bizreg_sale_tracking_days",
    )
    def _compute_bizreg_tracking_deadline(self):
        for order in self:
            days = order.company_id.bizreg_sale_tracking_days
            order.bizreg_tracking_deadline = (
                order.bizreg_last_tracking_date + timedelta(days=days)
                if order.bizreg_execution_state == "open"
                and days
                and order.bizreg_last_tracking_date
                else False
            )

    def _compute_bizreg_open_issue_count(self):
        counts = dict(
            self.env["bizreg.sale.order.issue"]._read_group(
                [("order_id", "in", self.ids), ("state", "=", "open")],
                ["order_id"],
                ["__count"],
            )
        )
        for order in self:
            order.bizreg_open_issue_count = counts.get(order, 0)

    # ------------------------------------------------------------------
    # Approval engine configuration
    # ------------------------------------------------------------------
    @api.model
    def _bizreg_engine_fields(self):
        return super()._bizreg_engine_fields() + REVIEW_WRITABLE_FIELDS

    def _get_to_validate_message_name(self):
        return self.env._("Sales contract")

    # ------------------------------------------------------------------
    # CRUD
    # ------------------------------------------------------------------
    @api.model_create_multi
    def create(self, vals_list):
        if not self.env.su and any(
            vals.get("state") not in (None, False, "draft", "sent")
            for vals in vals_list
        ):
            raise UserError(
                self.env._(
                    "A sales order is created as a quotation and confirmed later."
                )
            )
        if not self.env.su and any(
            field in vals for vals in vals_list for field in SIGNING_FIELDS
        ):
            raise UserError(
                self.env._(
                    "The signing is recorded once the contract review is approved."
                )
            )
        orders = super().create(vals_list)
        if not self.env.su:
            # decided on the result: values can also arrive through
            # ``default_*`` context keys or other modules' defaults
            if orders.filtered(lambda o: o.state not in ("draft", "sent")):
                raise UserError(
                    self.env._(
                        "A sales order is created as a quotation and confirmed later."
                    )
                )
            if orders.filtered(
                lambda o: (
                    o.bizreg_signed_date
                    or o.bizreg_customer_signatory
                    or o.bizreg_seal_done
                    or o.bizreg_signed_attachment_ids
                )
            ):
                raise UserError(
                    self.env._(
                        "The signing is recorded once the contract review is approved."
                    )
                )
        return orders

    def write(self, vals):
        memo = self._bizreg_confirm_memo() if "state" in vals else nullcontext()
        with memo:
            if not self.env.su:
                if vals.get("state") == "sale":
                    self.filtered(lambda o: o.state != "sale")._bizreg_unchecked(
                        vals
                    )._bizreg_check_confirmable()
                if any(field in vals for field in SIGNING_FIELDS):
                    self._bizreg_check_signing_allowed()
            return super().write(vals)

    # ------------------------------------------------------------------
    # Review and signing
    # ------------------------------------------------------------------
    def _bizreg_contract_scope(self):
        """The orders of ``self`` that are contracts (DEFAULTS: contract review
        scope).  Decided by who made the order, not by fields its author can
        edit: a quotation made in the back office (not by the online shop's
        visitors or the portal) whose creator or salesperson belongs to a
        contract review department; any other order above the company's
        threshold."""
        in_scope = self.browse()
        Company = self.env["res.company"]
        # data files of other modules loaded by the system while modules
        # install (e.g. sale_project's demo) are not another channel's orders
        by_amount = not (self.env.su and not self.env.registry.ready)
        for order in self:
            company = order.company_id or self.env.company
            departments = Company._bizreg_contract_department_ids(company.id)
            creator = order.sudo().create_uid
            back_office = creator and not creator.share
            if (
                back_office
                and (
                    # the salesperson's department (stored on the order), else
                    # any department of the creator's or salesperson's employees
                    order.bizreg_department_id.id in departments
                    or not set(departments).isdisjoint(
                        (creator | order.sudo().user_id).employee_ids.department_id.ids
                    )
                )
            ) or (
                by_amount
                and order.bizreg_amount_total_company
                > company.bizreg_contract_amount_threshold
            ):
                in_scope |= order
        return in_scope

    @contextmanager
    def _bizreg_confirm_memo(self):
        """For the duration of one confirmation call, remember the orders
        whose confirmation was checked (``_bizreg_unchecked``).  Kept in the
        cursor's cache: nothing a caller sends can set or skip it, and it is
        removed when the call ends, whatever happens."""
        cache = self.env.cr.cache
        if CONFIRM_MEMO in cache:
            yield
            return
        cache[CONFIRM_MEMO] = {}
        try:
            yield
        finally:
            cache.pop(CONFIRM_MEMO, None)

    def _compute_need_validation(self):
        """A record with reviews never needs a new validation (OCA's rule:
        ``not rec.review_ids and ...``): decided without evaluating every
        approval rule on it."""
        reviewed = self.filtered(lambda o: isinstance(o.id, int) and o.review_ids)
        for order in reviewed:
            order.need_validation = False
        return super(SaleOrder, self - reviewed)._compute_need_validation()

    def evaluate_tier(self, tier):
        """Every approval rule of sales orders applies to contracts only."""
        return super(SaleOrder, self._bizreg_contract_scope()).evaluate_tier(tier)

    def _bizreg_review_required(self):
        """Orders of ``self`` to which at least one approval rule applies."""
        definitions = self.env["tier.definition"].search(
            [
                ("model", "=", self._name),
                ("company_id", "in", [False, *self.company_id.ids]),
            ]
        )
        return self.filtered(
            lambda order: any(
                (not td.company_id or td.company_id == order.company_id)
                and order.evaluate_tier(td)
                for td in definitions
            )
        )

    # ------------------------------------------------------------------
    # Approved-terms fingerprint
    # ------------------------------------------------------------------
    @api.model
    def _bizreg_terms_fields(self):
        """The fields :meth:`_bizreg_terms` reads, and the lines."""
        return frozenset(
            {
                "partner_id",
                "partner_invoice_id",
                "partner_shipping_id",
                "payment_term_id",
                "pricelist_id",
                "currency_id",
                "fiscal_position_id",
                "validity_date",
                "commitment_date",
                "note",
                "amount_untaxed",
                "amount_tax",
                "amount_total",
                "order_line",
            }
        )

    def _bizreg_terms(self):
        """The terms the reviewers approve: parties, commercial conditions,
        amounts and every line as the customer sees it (keep
        :meth:`_bizreg_terms_fields` in line)."""
        self.ensure_one()
        currency = self.currency_id

        def amount(value):
            return currency.round(value) if currency else value

        lines = self.order_line.filtered(
            lambda line: not line.is_downpayment and not line.is_expense
        ).sorted(lambda line: (line.sequence, line.id))
        return {
            "partner": self.partner_id.id,
            "invoice_address": self.partner_invoice_id.id,
            "delivery_address": self.partner_shipping_id.id,
            "payment_term": self.payment_term_id.id,
            "pricelist": self.pricelist_id.id,
            "currency": currency.id,
            "fiscal_position": self.fiscal_position_id.id,
            "validity": str(self.validity_date or ""),
            "commitment": str(self.commitment_date or ""),
            "note": self.note or "",
            "amounts": [
                amount(self.amount_untaxed),
                amount(self.amount_tax),
                amount(self.amount_total),
            ],
            "lines": [
                [
                    line.display_type or "",
                    line.product_id.id,
                    line.name or "",
                    line.product_uom_qty,
                    line.product_uom.id,
                    line.product_packaging_id.id,
                    line.product_packaging_qty,
                    amount(line.price_unit),
                    line.discount,
                    sorted(line.tax_id.ids),
                    line.customer_lead,
                    amount(line.price_subtotal),
                ]
                for line in lines
            ],
        }

    def _bizreg_send_back_changed(self):
        """A change of the approved terms also voids the signing record."""
        changed = super()._bizreg_send_back_changed()
        signed = changed.filtered(lambda o: o.bizreg_signed or o.bizreg_signed_date)
        if signed:
            signed.sudo().write(
                {
                    "bizreg_signed_date": False,
                    "bizreg_customer_signatory": False,
                    "bizreg_company_signatory_id": False,
                    "bizreg_seal_done": False,
                }
            )
        return changed

    def _bizreg_terms_snapshot(self):
        """The contract's terms in readable form for its amendments: the
        commercial conditions and one text per line (key: the line id)."""
        self.ensure_one()
        currency = self.currency_id

        def money(value):
            return f"{currency.round(value):.{currency.decimal_places}f}"

        field_values = {
            name: (self[name].display_name or "")
            for name in (
                "partner_id",
                "partner_invoice_id",
                "partner_shipping_id",
                "payment_term_id",
                "pricelist_id",
                "currency_id",
                "fiscal_position_id",
            )
        }
        field_values.update(
            validity_date=str(self.validity_date or ""),
            commitment_date=str(self.commitment_date or ""),
            note=self.note and Markup(self.note).striptags() or "",
            amount_untaxed=money(self.amount_untaxed),
            amount_tax=money(self.amount_tax),
            amount_total=money(self.amount_total),
        )
        lines = {}
        for line in self.order_line.filtered(
            lambda line: not line.is_downpayment and not line.is_expense
        ):
            if line.display_type:
                lines[str(line.id)] = line.name or ""
                continue
            discount = ", -%s%%" % line.discount if line.discount else ""
            taxes = (
                " (%s)" % ", ".join(line.tax_id.mapped("name")) if line.tax_id else ""
            )
            lines[str(line.id)] = self.env._(
                "%(product)s: %(qty)s %(uom)s × %(price)s%(discount)s%(taxes)s = "
                "%(subtotal)s",
                product=line.name or line.product_id.display_name or "",
                qty=line.product_uom_qty,
                uom=line.product_uom.name or "",
                price=money(line.price_unit),
                discount=discount,
                taxes=taxes,
                subtotal=money(line.price_subtotal),
            )
        return {"fields": field_values, "lines": lines}

    def _bizreg_amendment_amount(self):
        """Amendments of a contract are reviewed at its amount in the
        company currency (the Director's step above 1,000,000)."""
        self.ensure_one()
        return self.bizreg_amount_total_company

    def _create_invoices(self, grouped=False, final=False, date=None):
        """Invoicing follows the approved terms: refused while a confirmed
        contract's terms differ from them (an amendment not approved yet, or
        rejected and not put back)."""
        self.filtered("bizreg_approved_digest")._bizreg_check_approved()
        return super()._create_invoices(grouped=grouped, final=final, date=date)

    def _bizreg_check_confirmable(self):
        """Refuse to confirm before the contract review and the signing, or
        when the terms differ from the approved ones (whatever changed them)."""
        self.filtered("bizreg_approved_digest")._bizreg_check_approved()
        to_review = self.filtered(lambda o: o.validation_status != "validated")
        if to_review:
            to_review._bizreg_check_approved()
            needing = to_review._bizreg_review_required()
            if needing:
                raise UserError(
                    self.env._(
                        "“%s” must pass the contract review before confirmation: "
                        "request a validation first.",
                        needing[0].display_name,
                    )
                )
        for order in self._bizreg_contract_scope():
            if order.company_id.bizreg_sale_require_signing and not order.bizreg_signed:
                raise UserError(
                    self.env._(
                        "Record the signing of “%s” (date, both signatories, seals "
                        "and the signed copy) before confirming it.",
                        order.display_name,
                    )
                )

    def _bizreg_check_signing_allowed(self):
        self.filtered("bizreg_approved_digest")._bizreg_check_approved()
        for order in self:
            if order.state not in ("draft", "sent"):
                raise UserError(
                    self.env._(
                        "The signing of “%s” can only be recorded before its "
                        "confirmation.",
                        order.display_name,
                    )
                )
            if order.validation_status != "validated" and (
                order.review_ids or order._bizreg_review_required()
            ):
                raise UserError(
                    self.env._(
                        "The signing of “%s” is recorded once its contract review "
                        "is approved.",
                        order.display_name,
                    )
                )

    def _bizreg_record_signing(self, vals):
        """Record the signing (called by the signing wizard)."""
        self.check_access("write")
        allowed = {k: v for k, v in vals.items() if k in SIGNING_FIELDS}
        self.write(allowed)
        for order in self.filtered(lambda o: not o.bizreg_signed):
            raise ValidationError(
                self.env._(
                    "The signing of “%s” needs the signing date, both signatories, "
                    "the seals and the signed copy.",
                    order.display_name,
                )
            )
        return True

    def _bizreg_refresh_bottom_line(self):
        """Re-evaluate the bottom line with the current rules."""
        for fname in ("bizreg_bottom_line_level", "bizreg_below_bottom_line"):
            self.env.add_to_compute(self._fields[fname], self)
        self.flush_recordset(["bizreg_bottom_line_level", "bizreg_below_bottom_line"])

    def request_validation(self):
        to_submit = self.filtered(
            lambda o: o.state in self._state_from and not o.review_ids
        )
        if to_submit:
            to_submit._bizreg_refresh_bottom_line()
            to_submit._bizreg_assign_number()
        return super().request_validation()

    def _bizreg_numbering_department(self):
        self.ensure_one()
        return self.bizreg_department_id or super()._bizreg_numbering_department()

    # ------------------------------------------------------------------
    # Actions
    # ------------------------------------------------------------------
    def _bizreg_unchecked(self, vals):
        """The orders of ``self`` whose confirmation still needs checking:
        all, unless this call's ``action_confirm`` checked them and ``vals``
        are only the confirmation's own values (``state``, ``date_order``),
        which Odoo writes right after the check."""
        memo = self.env.cr.cache.get(CONFIRM_MEMO) or {}
        checked = memo.get("checked", ())
        if not checked or not set(vals) <= CONFIRMATION_FIELDS:
            return self
        return self.filtered(lambda o: o.id not in checked)

    def action_confirm(self):
        with self._bizreg_confirm_memo():
            self._bizreg_check_confirmable()
            self.env.cr.cache[CONFIRM_MEMO]["checked"] = frozenset(self.ids)
            # contracts get their number; other orders confirm as in plain Odoo
            self._bizreg_contract_scope()._bizreg_assign_number()
            return super().action_confirm()

    def _action_confirm(self):
        res = super()._action_confirm()
        with self._bizreg_confirm_memo():
            self._bizreg_contract_scope()._bizreg_start_execution()
        return res

    def _action_cancel(self):
        self.filtered(
            lambda o: o.bizreg_number and o.state != "cancel"
        )._bizreg_void_number(self.env._("Order cancelled"))
        res = super()._action_cancel()
        self._bizreg_engine_write({"bizreg_execution_state": "none"})
        return res

    def action_bizreg_record_signing(self):
        self.ensure_one()
        self._bizreg_check_signing_allowed()
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Record Signing"),
            "res_model": "bizreg.sale.signing.wizard",
            "view_mode": "form",
            "target": "new",
            "context": {"default_order_id": self.id},
        }

    def action_bizreg_complete(self):
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Complete Order"),
            "res_model": "bizreg.sale.complete.wizard",
            "view_mode": "form",
            "target": "new",
            "context": {"default_order_id": self.id},
        }

    def action_bizreg_print_review_record(self):
        return self.env.ref("bizreg_sale.action_report_contract_review").report_action(
            self
        )

    # ------------------------------------------------------------------
    # Execution and tracking
    # ------------------------------------------------------------------
    def _bizreg_start_execution(self):
        """The contract goes into execution; its hand-offs are due at once and
        are scheduled by the hand-off cron (every few minutes, for all the
        contracts confirmed meanwhile) rather than while the salesperson
        waits for the confirmation."""
        now = fields.Datetime.now()
        self._bizreg_engine_write(
            {
                "bizreg_execution_state": "open",
                "bizreg_last_tracking_date": now,
                "bizreg_handoff_due": now,
            }
        )

    def _bizreg_schedule_handoffs(self):
        """One hand-off activity per department the contract needs (the
        activities of every order created in one batch)."""
        if not self or self.env.context.get("mail_activity_automation_skip"):
            # as ``activity_schedule`` does
            return
        rules = (
            self.env["bizreg.sale.handoff.rule"]
            .sudo()
            .search_fetch(
                [("company_id", "in", self.company_id.ids)],
                ["company_id", "handoff_type", "user_id", "department_id", "note"],
            )
        )
        if not rules:
            return
        activity_type = (
            self.env["mail.activity.type"]
            .sudo()
            .browse(
                self.env["ir.model.data"]._xmlid_to_res_id(
                    "bizreg_base.mail_activity_bizreg_followup"
                )
            )
        )
        kinds = dict(rules._fields["handoff_type"]._description_selection(self.env))
        default_note = Markup("<p>%s</p>") % self.env._(
            "Prepare the execution of the contract."
        )
        model_id = self.env["ir.model"]._get_id(self._name)
        today = fields.Date.context_today(self)
        recipients = {
            rule: rule._bizreg_recipient().id
            or activity_type.default_user_id.id
            or self.env.uid
            for rule in rules
        }
        vals_list = []
        for order in self:
            categories = order.order_line.product_id.categ_id
            for rule in rules:
                if rule.company_id != order.company_id or not rule._bizreg_matches(
                    categories
                ):
                    continue
                vals_list.append(
                    {
                        "activity_type_id": activity_type.id,
                        "summary": self.env._(
                            "Contract hand-off (%(kind)s): %(number)s",
                            kind=kinds[rule.handoff_type],
                            number=order.bizreg_number or order.name,
                        ),
                        "automated": True,
                        "note": rule.note or default_note,
                        "date_deadline": today,
                        "res_model_id": model_id,
                        "res_id": order.id,
                        "user_id": recipients[rule],
                    }
                )
        if vals_list:
            # each recipient is told once for the batch (bizreg_base's
            # escalation helper), not once per order
            activities = (
                self.env["mail.activity"]
                .sudo()
                .with_context(mail_activity_quick_update=True)
                .create(vals_list)
            )
            self._bizreg_escalation_announce(activities)

    def _bizreg_escalation_levels(self):
        return [
            (
                "handoff",
                "bizreg_handoff_due",
                "bizreg_handoff_date",
                "_bizreg_schedule_handoffs",
            ),
            (
                "tracking",
                "bizreg_tracking_deadline",
                "bizreg_tracking_activity_date",
                "_bizreg_schedule_tracking_activity",
            ),
        ]

    def _bizreg_escalation_domain(self):
        return [("state", "=", "sale"), ("bizreg_execution_state", "=", "open")]

    def _bizreg_schedule_tracking_activity(self):
        """The salesperson is asked to update the customer."""
        return self._bizreg_escalation_notify(
            "bizreg_sale.mail_activity_bizreg_sale_update",
            lambda order: order.user_id or self.env.user,
            summary=lambda order, _user, _target: order.env._(
                "Update the customer on %s", order.name
            ),
            note=lambda order, _user, _target: order.env._(
                "Tell the customer where the order stands and log any issue."
            ),
        )

    def _bizreg_tracking_logged(self):
        """A customer update was done: restart the cadence."""
        self._bizreg_engine_write(
            {
                "bizreg_last_tracking_date": fields.Datetime.now(),
                "bizreg_tracking_activity_date": False,
            }
        )

    @api.model
    def _cron_bizreg_sale_tracking(self):
        return self._bizreg_run_escalations(keys=("tracking",))

    def _cron_bizreg_sale_handoffs(self):
        return self._bizreg_run_escalations(keys=("handoff",))

    def _bizreg_complete(self, actual_date, satisfaction, comment=False):
        """Close the execution with the delivery date and the customer's score:
        the contract was executed on its approved terms (no amendment open or
        rejected and not put back)."""
        self.check_access("write")
        self.filtered("bizreg_approved_digest")._bizreg_check_approved()
        for order in self:
            if order.state != "sale" or order.bizreg_execution_state != "open":
                raise UserError(
                    self.env._("Only an order in execution can be completed.")
                )
        self._bizreg_engine_write(
            {
                "bizreg_actual_delivery_date": actual_date,
                "bizreg_satisfaction": satisfaction,
                "bizreg_satisfaction_comment": comment,
                "bizreg_execution_state": "done",
                "bizreg_completed_date": fields.Date.context_today(self),
            }
        )
        if not all(1 <= order.bizreg_satisfaction <= 5 for order in self):
            raise ValidationError(
                self.env._("The customer satisfaction is a score from 1 to 5.")
            )
        self.activity_unlink(["bizreg_sale.mail_activity_bizreg_sale_update"])
        return True

    # ------------------------------------------------------------------
    # Report
    # ------------------------------------------------------------------
    def _bizreg_review_record_lines(self):
        """Reviews of the contract, in order, for the review record."""
        self.ensure_one()
        return self.sudo().review_ids.sorted(lambda r: (r.sequence, r.id))

    def _bizreg_all_negotiations(self):
        self.ensure_one()
        rounds = self.bizreg_negotiation_ids
        if self.opportunity_id:
            rounds |= self.opportunity_id.bizreg_negotiation_ids
        return rounds.sorted(lambda r: (r.date, r.id))

    # ------------------------------------------------------------------
    # Demo
    # ------------------------------------------------------------------
    @api.model
    def _bizreg_demo_contract_flow(
        self, order_xmlid, reviewer_xmlids, signatory, stage
    ):
        """Called by the demo data: see :func:`..demo_builder.contract_flow`."""
        return contract_flow(self.env, order_xmlid, reviewer_xmlids, signatory, stage)
