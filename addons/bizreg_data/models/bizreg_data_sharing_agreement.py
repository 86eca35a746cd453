# Copyright 2026 bizreg
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

from odoo import api, fields, models
from odoo.exceptions import UserError

from odoo.addons.bizreg_base.tools import trusted

# What the data owner's manager and Legal approve (the approved-terms
# fingerprint): both parties' rights and duties over the shared data.
TERMS = (
    "partner_id",
    "user_id",
    "purpose",
    "dataset_model_ids",
    "dataset_description",
    "partner_rights",
    "partner_duties",
    "legal_basis",
    "retention",
    "security_measures",
    "date_start",
    "date_end",
)
REQUIRED_TO_SUBMIT = (
    "partner_id",
    "purpose",
    "partner_rights",
    "partner_duties",
    "legal_basis",
    "retention",
    "security_measures",
    "date_start",
    "date_end",
)


class BizregDataSharingAgreement(models.Model):
    """A data-sharing agreement (数据共享协议) with a partner: what data is
    shared, why, on which legal basis, for how long, how it is protected, and
    both parties' rights and duties.  The manager of the data owner's
    department and Legal countersign it before it is signed; it is reminded
    before it expires and expires at its end date.  Partners' exports of
    confidential or secret data are allowed only under an active agreement
    that covers the data."""

    _name = "bizreg.data.sharing.agreement"
    _description = "Data-Sharing Agreement"
    _inherit = [
        "mail.thread",
        "mail.activity.mixin",
        # the validity, its reminders and expiry; with the department scope
        # and the escalation levels
        "bizreg.validity.mixin",
        "bizreg.approval.mixin",
        "bizreg.numbering.mixin",
    ]
    _order = "id desc"
    _state_field = "state"
    _state_from = ["draft", "to_approve", "approved"]
    _state_to = ["active"]
    # an approved agreement may still be edited before activation: the
    # change sends it back to review
    _bizreg_editable_approved_state = "approved"
    _cancel_state = "cancel"
    _bizreg_review_states = ("draft", "to_approve", "approved")
    _bizreg_owner_field = "user_id"
    _bizreg_numbering_trigger = "manual"
    _bizreg_number_in_name = True
    # the data owner's manager is reminded a week before the end
    _bizreg_validity_manager_level = ("manager", "escalation_due", "escalated_date")

    name = fields.Char(string="Title", required=True, tracking=True)
    partner_id = fields.Many2one(
        "res.partner",
        index=True,
        tracking=True,
        help="The party the data is shared with (its company).",
    )
    user_id = fields.Many2one(
        "res.users",
        string="Responsible",
        default=lambda self: self.env.user,
        required=True,
        index=True,
        tracking=True,
        domain="[('share', '=', False)]",
        help="Answers for the agreement; his department owns the data.",
    )
    department_id = fields.Many2one(
        "hr.department",
        string="Data Owner Department",
        compute="_compute_bizreg_department",
        store=True,
        index=True,
    )
    manager_user_id = fields.Many2one(
        "res.users",
        string="Data Owner Manager",
        compute="_compute_bizreg_validity_manager",
        store=True,
        index=True,
        help="The manager of the data owner's department (the one above when "
        "he is the responsible, else the Director): countersigns with Legal.",
    )
    company_id = fields.Many2one(
        "res.company",
        required=True,
        default=lambda self: self.env.company,
        index=True,
    )
    purpose = fields.Text(
        help="Why the data is shared and what the partner does with it."
    )
    dataset_model_ids = fields.Many2many(
        "ir.model",
        "bizreg_data_sharing_agreement_ir_model_rel",
        "agreement_id",
        "model_id",
        string="Shared Data",
        help="The kinds of records shared: the partner's exports of "
        "confidential or secret data are allowed only for these.",
    )
    dataset_description = fields.Text(
        string="Data Description", help="The data shared, in words."
    )
    partner_rights = fields.Text(
        string="Rights of the Parties",
        help="What each party may do with the shared data.",
    )
    partner_duties = fields.Text(
        string="Duties of the Parties",
        help="What each party must do: confidentiality, no onward sharing, "
        "notice of incidents, return or deletion at the end.",
    )
    legal_basis = fields.Text()
    retention = fields.Char(
        help="How long the partner keeps the data, and what happens at the end."
    )
    security_measures = fields.Text(
        string="Safeguards",
        help="How the data is protected in transit and at the partner.",
    )
    date_start = fields.Date(string="Valid From", tracking=True)
    date_end = fields.Date(string="Valid Until", tracking=True, index=True)
    notice_days = fields.Integer(
        string="Reminder (days)",
        default=30,
        tracking=True,
        help="The responsible is reminded this many days before the end date; "
        "the data owner's manager a week before.",
    )
    state = fields.Selection(
        [
            ("draft", "Draft"),
            ("to_approve", "Under Review"),
            ("approved", "Approved"),
            ("active", "Signed"),
            ("expired", "Expired"),
            ("cancel", "Cancelled"),
        ],
        string="Status",
        default="draft",
        required=True,
        readonly=True,
        tracking=True,
        index=True,
        copy=False,
    )
    signed_date = fields.Date(string="Signed On", readonly=True, copy=False)
    signed_by_id = fields.Many2one("res.users", readonly=True, copy=False)
    reminder_due = fields.Datetime(
        string="Expiry Reminder Due",
        compute="_compute_bizreg_validity_deadlines",
        store=True,
        index=True,
    )
    escalation_due = fields.Datetime(
        string="Manager Reminder Due",
        compute="_compute_bizreg_validity_deadlines",
        store=True,
        index=True,
    )
    expiry_due = fields.Datetime(
        string="Expires At",
        compute="_compute_bizreg_validity_deadlines",
        store=True,
        index=True,
    )
    reminded_date = fields.Datetime(
        string="Expiry Reminded On", readonly=True, copy=False
    )
    escalated_date = fields.Datetime(
        string="Manager Reminded On", readonly=True, copy=False
    )
    expired_date = fields.Datetime(string="Expired On", readonly=True, copy=False)

    # ------------------------------------------------------------------
    # Approval
    # ------------------------------------------------------------------
    @api.model
    def _bizreg_engine_fields(self):
        return super()._bizreg_engine_fields() + [
            "state",
            "signed_date",
            "signed_by_id",
            "reminded_date",
            "escalated_date",
            "expired_date",
        ]

    @api.model
    def _bizreg_terms_fields(self):
        return frozenset(TERMS)

    def _bizreg_terms(self):
        self.ensure_one()
        terms = {}
        for name in TERMS:
            value = self[name]
            field = self._fields[name]
            if field.type == "many2one":
                value = value.id
            elif field.type == "many2many":
                value = sorted(value.ids)
            elif field.type == "date":
                value = fields.Date.to_string(value) if value else False
            terms[name] = value
        return terms

    def _bizreg_terms_snapshot(self):
        snapshot = super()._bizreg_terms_snapshot()
        snapshot["fields"]["dataset_model_ids"] = ", ".join(
            self.sudo().dataset_model_ids.mapped("name")
        )
        return snapshot

    def _bizreg_past_guarded_action(self):
        self.ensure_one()
        return self.state == "active"

    def _bizreg_amendment_manager(self):
        self.ensure_one()
        return self.manager_user_id

    def _get_to_validate_message_name(self):
        return self.env._("Data-sharing agreement")

    def _bizreg_check_submit(self):
        for agreement in self:
            missing = [
                agreement._fields[name]._description_string(self.env)
                for name in REQUIRED_TO_SUBMIT
                if not agreement[name]
            ]
            if not agreement.dataset_model_ids and not agreement.dataset_description:
                missing.append(
                    agreement._fields["dataset_model_ids"]._description_string(self.env)
                )
            if missing:
                raise UserError(
                    self.env._(
                        "Data-sharing agreement “%(agreement)s” needs %(fields)s "
                        "before it is submitted for approval.",
                        agreement=agreement.display_name,
                        fields=", ".join(f"“{name}”" for name in missing),
                    )
                )

    # ------------------------------------------------------------------
    # Actions
    # ------------------------------------------------------------------
    def action_submit(self):
        """Draft → under review: the data owner's manager and Legal
        countersign; the agreement gets its number."""
        return self._bizreg_submit_for_review()

    def action_sign(self):
        """Approved → signed (active): refused until both reviewers approved
        and while the terms differ from the approved ones."""
        self.check_access("write")
        self._bizreg_check_state(["approved"])
        self.invalidate_recordset(["need_validation"])
        self._bizreg_check_approved()
        today = fields.Date.context_today(self)
        for agreement in self:
            if agreement.date_end and agreement.date_end < today:
                raise UserError(
                    self.env._(
                        "“%s” ended already: it cannot be signed.",
                        agreement.display_name,
                    )
                )
            with trusted("state", "engine"):
                agreement.write(
                    {
                        "state": "active",
                        "signed_date": today,
                        "signed_by_id": self.env.uid,
                    }
                )
        return True

    def action_cancel(self):
        self.check_access("write")
        self._bizreg_check_state(["draft", "to_approve", "approved"])
        self.filtered("review_ids").restart_validation()
        self._bizreg_engine_write({"bizreg_approved_digest": False})
        self._bizreg_set_state("cancel")
        return True

    def action_draft(self):
        """Back to draft after a rejection or a cancellation."""
        return self._bizreg_reset_to_draft()

    # ------------------------------------------------------------------
    # Partners' exports
    # ------------------------------------------------------------------
    @api.model
    def _bizreg_covering_agreement(self, partner, model_names):
        """The active agreement with ``partner`` (a commercial partner) that
        covers, today, every model of ``model_names`` (the models whose
        confidential data an export reads, along every path), if any."""
        today = fields.Date.context_today(self)
        agreements = self.sudo().search(
            [
                ("state", "=", "active"),
                ("partner_id.commercial_partner_id", "=", partner.id),
                ("date_start", "<=", today),
                ("date_end", ">=", today),
            ]
        )
        needed = set(model_names)
        return agreements.filtered(
            lambda a: needed <= set(a.dataset_model_ids.mapped("model"))
        )[:1]

    # ------------------------------------------------------------------
    # Expiry: reminder, the manager, then expiry (escalation mechanism)
    # ------------------------------------------------------------------
    def _bizreg_escalation_domain(self):
        return [("state", "=", "active")]

    def _bizreg_remind_expiry(self):
        return self._bizreg_escalation_notify(
            "bizreg_base.mail_activity_bizreg_followup",
            lambda agreement: agreement.user_id,
            summary=lambda agreement, _user, _target: agreement.env._(
                "Data-sharing agreement expires on %(date)s: %(name)s",
                date=agreement.date_end,
                name=agreement.display_name,
            ),
            note=lambda agreement, _user, _target: agreement.env._(
                "Renew it with the partner (a new agreement, approved like this "
                "one) or make sure the partner returns or deletes the data."
            ),
            post=lambda agreement, _user, target: agreement.env._(
                "Expiry reminder sent to %s.", target
            ),
        )

    def _bizreg_escalate_expiry(self):
        return self._bizreg_escalation_notify(
            "bizreg_base.mail_activity_bizreg_followup",
            lambda agreement: agreement.manager_user_id,
            summary=lambda agreement, _user, _target: agreement.env._(
                "Data-sharing agreement of your department expires on %(date)s: "
                "%(name)s",
                date=agreement.date_end,
                name=agreement.display_name,
            ),
            post=lambda agreement, _user, target: agreement.env._(
                "The agreement expires soon: %s told.", target
            ),
        )

    def _bizreg_on_expiry(self):
        with trusted("state", "engine"):
            self.write({"state": "expired"})
        return self._bizreg_escalation_notify(
            "bizreg_base.mail_activity_bizreg_followup",
            lambda agreement: agreement.user_id | agreement.manager_user_id,
            summary=lambda agreement, _user, _target: agreement.env._(
                "Data-sharing agreement expired: %s", agreement.display_name
            ),
            note=lambda agreement, _user, _target: agreement.env._(
                "Sharing under it has ended: make sure the partner returns or "
                "deletes the data."
            ),
            post=lambda agreement, _user, target: agreement.env._(
                "The agreement expired: %s told.", target
            ),
        )

    @api.model
    def _cron_deadlines(self):
        return self._bizreg_run_escalations()

    # ------------------------------------------------------------------
    # Demo
    # ------------------------------------------------------------------
    @api.model
    def _bizreg_demo_flow(self, agreement_xmlid):
        """Demo data: the agreement drafted by its responsible goes through
        the real flow: submitted by him, countersigned by the data owner's
        manager and Legal."""
        agreement = self.env.ref(agreement_xmlid, raise_if_not_found=False)
        legal = self.env.ref("bizreg_base.user_legal", raise_if_not_found=False)
        if not agreement or not legal or agreement.state != "draft":
            return False
        agreement.with_user(agreement.user_id).action_submit()
        for reviewer in (agreement.manager_user_id, legal):
            agreement.with_user(reviewer).validate_tier()
        return True
