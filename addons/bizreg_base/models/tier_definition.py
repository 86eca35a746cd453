# Copyright 2026 bizreg
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

from odoo import api, fields, models
from odoo.exceptions import ValidationError


class TierDefinition(models.Model):
    _inherit = "tier.definition"

    # shown to reviewers in their language (the steps' names are data)
    name = fields.Char(translate=True)

    bizreg_approval_mode = fields.Selection(
        [
            ("any", "Any reviewer (or-sign)"),
            ("all", "All reviewers (countersign)"),
            ("quorum", "N of the reviewers"),
        ],
        string="Approval Mode",
        default="any",
        required=True,
        help="Any: one reviewer of the step approves for all. All: every "
        "reviewer of the step must approve. N of: the given number of "
        "reviewers must approve. The requester never counts.",
    )
    bizreg_quorum = fields.Integer(
        string="Approvals Needed",
        default=2,
        help="Number of reviewers who must approve when the mode is 'N of'.",
    )
    # One reminder system: OCA's setting, cron and stamp (``last_reminder_date``).
    # For bizreg's documents the days are working days of the step's company
    # calendar (``tier.review.bizreg_remind_deadline``), and bizreg's rules
    # remind after one working day unless configured otherwise.
    notify_reminder_delay = fields.Integer(
        help="Days after which the reviewers who have not acted yet get a "
        "reminder, and again every as many days (0 = no reminder). For "
        "business regulation documents these are working days of the "
        "company's calendar.",
    )
    bizreg_escalation_days = fields.Float(
        string="Escalation After (working days)",
        default=3.0,
        help="A pending review is escalated after this many working days (0 = never).",
    )
    bizreg_escalation_group_id = fields.Many2one(
        "res.groups",
        string="Escalate To",
        default=lambda self: self.env.ref(
            "bizreg_base.group_bizreg_director", raise_if_not_found=False
        ),
        help="Group whose members receive the escalation.",
    )

    @api.constrains(
        "bizreg_approval_mode",
        "bizreg_quorum",
        "notify_reminder_delay",
        "bizreg_escalation_days",
    )
    def _check_bizreg_rules(self):
        for definition in self:
            if (
                definition.notify_reminder_delay < 0
                or definition.bizreg_escalation_days < 0
            ):
                raise ValidationError(
                    self.env._("Reminder and escalation delays cannot be negative.")
                )
            if (
                definition.notify_reminder_delay
                and definition.bizreg_escalation_days
                and definition.bizreg_escalation_days < definition.notify_reminder_delay
            ):
                raise ValidationError(
                    self.env._("The escalation cannot come before the reminder.")
                )
            if (
                definition.bizreg_approval_mode == "quorum"
                and definition.bizreg_quorum < 1
            ):
                raise ValidationError(
                    self.env._("At least one approval is needed in 'N of' mode.")
                )
            if (
                definition.bizreg_approval_mode != "any"
                and definition.review_type == "individual"
            ):
                raise ValidationError(
                    self.env._(
                        "Countersign needs several reviewers: choose a group or "
                        "a field as reviewer."
                    )
                )

    @api.model
    def _get_tier_validation_model_names(self):
        res = super()._get_tier_validation_model_names()
        mixin = self.env["bizreg.approval.mixin"]
        return res + sorted(
            name for name in mixin._inherit_children if not self.env[name]._abstract
        )

    def _bizreg_governed(self):
        """Whether the step belongs to a document of bizreg's approval engine."""
        self.ensure_one()
        return self._bizreg_model_governed(self.model)

    @api.model
    def _bizreg_model_governed(self, model):
        return bool(
            model
            and model in self.env
            and hasattr(self.env[model], "_bizreg_check_approved")
        )

    @api.model_create_multi
    def create(self, vals_list):
        for vals in vals_list:
            model = vals.get("model") or (
                vals.get("model_id")
                and self.env["ir.model"].browse(vals["model_id"]).model
            )
            if "notify_reminder_delay" not in vals and self._bizreg_model_governed(
                model
            ):
                # DEFAULTS.md: every step reminds after one working day
                vals["notify_reminder_delay"] = 1
        return super().create(vals_list)

    def _get_review_needing_reminder(self):
        """bizreg's steps are due on their stored working-day deadline
        (pending steps only); other models keep OCA's calendar days."""
        self.ensure_one()
        if not self.notify_reminder_delay or not self._bizreg_governed():
            return super()._get_review_needing_reminder()
        return self.env["tier.review"].search(
            [
                ("definition_id", "=", self.id),
                ("status", "=", "pending"),
                ("bizreg_remind_deadline", "<=", fields.Datetime.now()),
            ],
            order="bizreg_remind_deadline, id",
            limit=200,
        )
