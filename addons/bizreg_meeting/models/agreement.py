# Copyright 2026 bizreg
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

from datetime import timedelta

from dateutil.relativedelta import relativedelta

from odoo import api, fields, models
from odoo.exceptions import UserError
from odoo.tools import is_html_empty

from odoo.addons.bizreg_base.tools import any_trusted, trusted

# What the reviewers approve (the approved-terms fingerprint).
TERMS = (
    "partner_id",
    "agreement_type_id",
    "bizreg_rights",
    "bizreg_duties",
    "start_date",
    "end_date",
    "bizreg_auto_renew",
    "bizreg_notice_days",
)
# cursor cache key: agreements renewed in this escalation run
RENEWED = "bizreg_meeting.renewed_agreements"


class Agreement(models.Model):
    """OCA agreements, made approvable for the regulated types (合作协议):
    the rights and duties of both parties, validity and renewal, approved by
    the responsible's department manager and Legal (countersign) before
    "Sign", reminded before expiry.  Agreements of other types work exactly
    as in OCA: no review, the signing date written as any field."""

    _name = "agreement"
    _inherit = [
        "agreement",
        # the validity, its reminders and expiry; with the department scope
        # and the escalation levels
        "bizreg.validity.mixin",
        "bizreg.approval.mixin",
    ]

    _state_field = "bizreg_state"
    _state_from = ["draft", "to_approve", "approved"]
    _state_to = ["signed"]
    # an approved agreement may still be edited before signing: the change
    # sends it back to review
    _bizreg_editable_approved_state = "approved"
    _cancel_state = "cancel"
    _bizreg_review_states = ("draft", "to_approve", "approved")
    _bizreg_owner_field = "bizreg_user_id"
    _bizreg_department_field = "bizreg_department_id"
    _bizreg_department_from = "bizreg_user_id.employee_id.department_id"
    _bizreg_validity_start_field = "start_date"
    _bizreg_validity_end_field = "end_date"
    _bizreg_validity_notice_field = "bizreg_notice_days"
    _bizreg_validity_manager_field = "bizreg_manager_user_id"
    _bizreg_validity_notice_date_field = "bizreg_renewal_date"
    _bizreg_validity_reminder_level = (
        "expiry_reminder",
        "bizreg_reminder_due",
        "bizreg_reminded_date",
    )
    _bizreg_validity_expiry_level = (
        "expiry",
        "bizreg_expiry_due",
        "bizreg_expiry_done_date",
    )

    bizreg_regulated = fields.Boolean(
        string="Regulated",
        compute="_compute_bizreg_regulated",
        store=True,
        index=True,
        help="Its type is approved before signing.",
    )
    bizreg_user_id = fields.Many2one(
        "res.users",
        string="Responsible",
        default=lambda self: self.env.user,
        index=True,
        tracking=True,
        domain="[('share', '=', False)]",
    )
    bizreg_department_id = fields.Many2one(
        "hr.department",
        string="Department",
        compute="_compute_bizreg_department",
        store=True,
        index=True,
    )
    bizreg_manager_user_id = fields.Many2one(
        "res.users",
        string="Approving Manager",
        compute="_compute_bizreg_validity_manager",
        store=True,
        index=True,
        help="The manager of the responsible's department (above him when he "
        "is the manager himself): approves the agreement with Legal.",
    )
    bizreg_rights = fields.Html(string="Our Rights")
    bizreg_duties = fields.Html(string="Our Duties")
    bizreg_state = fields.Selection(
        [
            ("draft", "Draft"),
            ("to_approve", "Under Review"),
            ("approved", "Approved"),
            ("signed", "Signed"),
            ("expired", "Expired"),
            ("cancel", "Cancelled"),
        ],
        string="Agreement Status",
        default="draft",
        required=True,
        readonly=True,
        tracking=True,
        index=True,
        copy=False,
    )
    bizreg_auto_renew = fields.Boolean(
        string="Auto-Renew",
        tracking=True,
        help="At its end the agreement renews for the same duration, unless "
        "notice is given before the renewal date.",
    )
    bizreg_notice_days = fields.Integer(
        string="Notice (days)",
        default=30,
        tracking=True,
        help="The responsible is reminded this many days before the end date "
        "to renew, renegotiate or give notice.",
    )
    bizreg_renewal_date = fields.Date(
        string="Renewal Date",
        compute="_compute_bizreg_validity_deadlines",
        store=True,
        help="End date minus the notice: the last day to decide on renewal.",
    )
    bizreg_reminder_due = fields.Datetime(
        string="Expiry Reminder Due",
        compute="_compute_bizreg_validity_deadlines",
        store=True,
        index=True,
    )
    bizreg_expiry_due = fields.Datetime(
        string="Expires At",
        compute="_compute_bizreg_validity_deadlines",
        store=True,
        index=True,
    )
    bizreg_reminded_date = fields.Datetime(
        string="Expiry Reminded On", readonly=True, copy=False
    )
    bizreg_expiry_done_date = fields.Datetime(
        string="Expiry Handled On", readonly=True, copy=False
    )
    bizreg_renewal_count = fields.Integer(
        string="Renewals", readonly=True, copy=False, default=0
    )

    # ------------------------------------------------------------------
    # Computes and constraints
    # ------------------------------------------------------------------
    @api.model
    def _domain_selection(self):
        """OCA's labels of the agreement domain, translated: OCA translates
        them in its code (``env._``), whose zh_CN it does not ship, and code
        terms are only read from the calling module's own catalogue."""
        return [
            ("sale", self.env._("Sale")),
            ("purchase", self.env._("Purchase")),
        ]

    @api.depends("agreement_type_id")
    def _compute_bizreg_regulated(self):
        for agreement in self:
            agreement.bizreg_regulated = bool(
                agreement.agreement_type_id.sudo().bizreg_regulated
            )

    # ------------------------------------------------------------------
    # Scope of the approval: regulated types only
    # ------------------------------------------------------------------
    def evaluate_tier(self, tier):
        """Every approval rule of agreements applies to the regulated ones
        only: the others work as in OCA."""
        return super(Agreement, self.filtered("bizreg_regulated")).evaluate_tier(tier)

    @api.model
    def _bizreg_engine_fields(self):
        return super()._bizreg_engine_fields() + [
            "bizreg_state",
            "signature_date",
            "bizreg_reminded_date",
            "bizreg_expiry_done_date",
            "bizreg_renewal_count",
        ]

    def _get_to_validate_message_name(self):
        return self.env._("Partner agreement")

    # ------------------------------------------------------------------
    # Amendments: a signed agreement's terms change through an amendment
    # that the department manager and Legal approve, like the agreement
    # ------------------------------------------------------------------
    def _bizreg_past_guarded_action(self):
        """Only a signed agreement is amended: an expired one is renewed by
        a new agreement."""
        self.ensure_one()
        return self.bizreg_state == "signed"

    def _bizreg_amendment_manager(self):
        self.ensure_one()
        return self.bizreg_manager_user_id

    # ------------------------------------------------------------------
    # Approved-terms fingerprint
    # ------------------------------------------------------------------
    @api.model
    def _bizreg_terms_fields(self):
        return frozenset(TERMS)

    def _bizreg_terms(self):
        """Both parties' rights and duties, the partner, the type, the
        validity and the renewal terms."""
        self.ensure_one()
        terms = {}
        for name in TERMS:
            value = self[name]
            field = self._fields[name]
            if field.type == "many2one":
                value = value.id
            elif field.type == "date":
                value = fields.Date.to_string(value) if value else False
            elif field.type == "html":
                value = str(value or "")
            terms[name] = value
        return terms

    # ------------------------------------------------------------------
    # CRUD: the signing of a regulated agreement is its "Sign" action
    # ------------------------------------------------------------------
    def _bizreg_check_signing_guard(self):
        """A regulated agreement gets its signing date from "Sign" only."""
        if self.env.su or any_trusted():
            return
        unsigned = self.filtered(
            lambda a: (
                a.bizreg_regulated
                and a.signature_date
                and a.bizreg_state in ("draft", "to_approve", "approved", "cancel")
            )
        )
        if unsigned:
            raise UserError(
                self.env._(
                    "Agreement “%s” is signed with its “Sign” button, once approved.",
                    unsigned[0].display_name,
                )
            )

    @api.model_create_multi
    def create(self, vals_list):
        agreements = super().create(vals_list)
        agreements._bizreg_check_signing_guard()
        return agreements

    def write(self, vals):
        guard = not self.env.su and not any_trusted()
        if guard:
            if "signature_date" in vals and self.filtered("bizreg_regulated"):
                raise UserError(
                    self.env._(
                        "The signing date of a regulated agreement is set by its "
                        "“Sign” button, once approved."
                    )
                )
            if "agreement_type_id" in vals:
                locked = self.filtered(
                    lambda a: (
                        a.bizreg_regulated
                        and (a.bizreg_state != "draft" or a.review_ids)
                    )
                )
                if locked:
                    raise UserError(
                        self.env._(
                            "The type of agreement “%s” cannot change once it was "
                            "submitted for approval.",
                            locked[0].display_name,
                        )
                    )
        res = super().write(vals)
        if guard:
            self._bizreg_check_signing_guard()
        return res

    def unlink(self):
        if not self.env.su and self.filtered(
            lambda a: a.bizreg_regulated and a.bizreg_state in ("signed", "expired")
        ):
            raise UserError(
                self.env._("A signed agreement is kept: it cannot be deleted.")
            )
        return super().unlink()

    # ------------------------------------------------------------------
    # Actions
    # ------------------------------------------------------------------
    def _bizreg_only_regulated(self):
        unregulated = self.filtered(lambda a: not a.bizreg_regulated)
        if unregulated:
            raise UserError(
                self.env._(
                    "Agreement “%s” is not of a type approved before signing.",
                    unregulated[0].display_name,
                )
            )

    def _bizreg_check_submit(self):
        for agreement in self:
            missing = [
                agreement._fields[name]._description_string(self.env)
                for name in (
                    "partner_id",
                    "start_date",
                    "end_date",
                    "bizreg_rights",
                    "bizreg_duties",
                )
                if not agreement[name]
                or (
                    agreement._fields[name].type == "html"
                    and is_html_empty(agreement[name])
                )
            ]
            if missing:
                raise UserError(
                    self.env._(
                        "Agreement “%(agreement)s” needs %(fields)s before it is "
                        "submitted for approval.",
                        agreement=agreement.display_name,
                        fields=", ".join(f"“{name}”" for name in missing),
                    )
                )

    def action_bizreg_submit(self):
        """Draft → under review: the department manager and Legal
        countersign."""
        self._bizreg_only_regulated()
        return self._bizreg_submit_for_review()

    def action_bizreg_sign(self):
        """Approved → signed (the guarded action): refused until both
        reviewers approved and while the terms differ from the approved
        ones."""
        self._bizreg_only_regulated()
        self.check_access("write")
        self._bizreg_check_state(["approved"])
        self.invalidate_recordset(["need_validation"])
        self._bizreg_check_approved()
        today = fields.Date.context_today(self)
        for agreement in self:
            with trusted("state", "engine"):
                agreement.write(
                    {
                        "bizreg_state": "signed",
                        "signature_date": agreement.signature_date or today,
                    }
                )
        return True

    def action_bizreg_cancel(self):
        self._bizreg_only_regulated()
        self.check_access("write")
        self._bizreg_check_state(["draft", "to_approve", "approved"])
        self.filtered("review_ids").restart_validation()
        self._bizreg_engine_write({"bizreg_approved_digest": False})
        self._bizreg_set_state("cancel")
        return True

    def action_bizreg_draft(self):
        """Back to draft after a cancellation."""
        self._bizreg_only_regulated()
        self.check_access("write")
        self._bizreg_check_state(["cancel"])
        self._bizreg_set_state("draft")
        return True

    # ------------------------------------------------------------------
    # Expiry: reminder, then renewal or expiry (escalation mechanism)
    # ------------------------------------------------------------------
    def _bizreg_escalation_domain(self):
        return [("bizreg_regulated", "=", True), ("bizreg_state", "=", "signed")]

    def _bizreg_remind_expiry(self):
        return self._bizreg_escalation_notify(
            "bizreg_base.mail_activity_bizreg_followup",
            lambda agreement: (
                agreement.bizreg_user_id or agreement.bizreg_manager_user_id
            ),
            summary=lambda agreement, _user, _target: agreement.env._(
                "Agreement expires on %(date)s: %(name)s",
                date=agreement.end_date,
                name=agreement.name,
            ),
            note=lambda agreement, _user, _target: (
                agreement.env._(
                    "It renews automatically unless notice is given by %s.",
                    agreement.bizreg_renewal_date,
                )
                if agreement.bizreg_auto_renew
                else agreement.env._(
                    "Renew, renegotiate or end it with the partner before it expires."
                )
            ),
        )

    def _bizreg_on_expiry(self):
        """At the end date: an auto-renewing agreement renews for the same
        duration (the approved terms follow); any other expires and the
        responsible's manager is told."""
        renewing = self.filtered("bizreg_auto_renew")
        for agreement in renewing:
            agreement._bizreg_renew()
        expiring = self - renewing
        if expiring:
            with trusted("state", "engine"):
                expiring.write({"bizreg_state": "expired"})
            expiring._bizreg_escalation_notify(
                "bizreg_base.mail_activity_bizreg_followup",
                lambda agreement: (
                    agreement.bizreg_manager_user_id
                    or self.env.ref("bizreg_base.group_bizreg_director")
                ),
                summary=lambda agreement, _user, _target: agreement.env._(
                    "Agreement expired: %s", agreement.name
                ),
                post=lambda agreement, _user, target: agreement.env._(
                    "The agreement expired: %s told.", target
                ),
            )
        return True

    def _bizreg_renew(self):
        self.ensure_one()
        if self.start_date:
            duration = relativedelta(self.end_date, self.start_date)
            new_start = self.end_date + timedelta(days=1)
            new_end = new_start + duration
        else:
            new_start = False
            new_end = self.end_date + relativedelta(years=1)
        old_end = self.end_date
        # terms changed by an open amendment are not approved by the renewal:
        # the amendment then submits the renewed dates with its own change
        unapproved = self._bizreg_terms_differ()
        with trusted("engine", "review"):
            vals = {"end_date": new_end}
            if new_start:
                vals["start_date"] = new_start
            self.write(vals)
            vals = {"bizreg_renewal_count": self.bizreg_renewal_count + 1}
            if not unapproved:
                # the renewal is part of the approved terms
                vals["bizreg_approved_digest"] = self._bizreg_terms_digest()
            self.write(vals)
        self.sudo().message_post(
            body=self.env._(
                "Renewed automatically: the agreement ran until %(old)s and now "
                "runs until %(new)s.",
                old=old_end,
                new=new_end,
            ),
            subtype_xmlid="mail.mt_note",
        )
        self.env.cr.cache.setdefault(RENEWED, set()).add(self.id)

    def _bizreg_run_escalations(self, now=None, limit=None, keys=None):
        with trusted("engine"):
            fired = super()._bizreg_run_escalations(now=now, limit=limit, keys=keys)
            renewed = self.browse(sorted(self.env.cr.cache.pop(RENEWED, ())))
            # a renewed agreement is reminded again before its new end
            renewed._bizreg_validity_reset_stamps()
        return fired

    @api.model
    def _cron_bizreg_agreement_deadlines(self):
        return self._bizreg_run_escalations()
