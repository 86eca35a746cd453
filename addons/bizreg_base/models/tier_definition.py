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
    bizreg_reminder_days = fields.Float(
        string="Reminder After (working days)",
        default=1.0,
        help="A pending review reminds its reviewers after this many working "
        "days of the company calendar (0 = never).",
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
        "bizreg_reminder_days",
        "bizreg_escalation_days",
    )
    def _check_bizreg_rules(self):
        for definition in self:
            if (
                definition.bizreg_reminder_days < 0
                or definition.bizreg_escalation_days < 0
            ):
                raise ValidationError(
                    self.env._("Reminder and escalation delays cannot be negative.")
                )
            if (
                definition.bizreg_reminder_days
                and definition.bizreg_escalation_days
                and definition.bizreg_escalation_days < definition.bizreg_reminder_days
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
