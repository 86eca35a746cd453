# Copyright 2026 bizreg
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError


class BizregProjectCommunication(models.Model):
    """A line of a plan's communication plan: a meeting, a report or the
    status update (the project's periodic check), its audience and
    stakeholders, who runs it and how often.  Editable while its plan is a
    draft."""

    _name = "bizreg.project.communication"
    _description = "Project Communication Plan Line"
    _order = "plan_id, sequence, id"

    sequence = fields.Integer(default=10)
    plan_id = fields.Many2one(
        "bizreg.project.plan",
        required=True,
        index=True,
        ondelete="cascade",
    )
    project_id = fields.Many2one(
        related="plan_id.project_id", store=True, index=True, string="Project"
    )
    department_id = fields.Many2one(
        related="plan_id.department_id", store=True, index=True
    )
    company_id = fields.Many2one(related="plan_id.company_id", store=True, index=True)
    kind = fields.Selection(
        [
            ("meeting", "Meeting"),
            ("report", "Report"),
            ("status_update", "Status Update"),
        ],
        required=True,
        default="meeting",
    )
    name = fields.Char(string="Subject", required=True)
    audience = fields.Text(
        string="Audience and Stakeholders",
        help="Who takes part or receives it (roles, departments, customer).",
    )
    partner_ids = fields.Many2many("res.partner", string="Stakeholders")
    user_id = fields.Many2one(
        "res.users",
        string="Owner",
        default=lambda self: self.env.user,
        domain="[('share', '=', False)]",
    )
    cadence_days = fields.Integer(
        string="Cadence (Days)",
        default=7,
        help="Every how many days it takes place.",
    )

    @api.constrains("cadence_days")
    def _check_cadence_days(self):
        for line in self:
            if line.cadence_days <= 0 or line.cadence_days > 366:
                raise ValidationError(
                    self.env._(
                        "“Cadence (Days)” of “%s” must be between 1 and 366.",
                        line.name,
                    )
                )

    def _check_plan_editable(self, plans=None):
        if self.env.su:
            return
        plans = plans if plans is not None else self.plan_id
        if plans.filtered(lambda p: p.state != "draft"):
            raise UserError(
                self.env._(
                    "The communication plan changes only while its plan is a draft: "
                    "change an approved plan through a new version."
                )
            )

    @api.model_create_multi
    def create(self, vals_list):
        plan_ids = [vals.get("plan_id") for vals in vals_list if vals.get("plan_id")]
        self._check_plan_editable(self.env["bizreg.project.plan"].browse(plan_ids))
        return super().create(vals_list)

    def write(self, vals):
        self._check_plan_editable()
        if vals.get("plan_id"):
            self._check_plan_editable(
                self.env["bizreg.project.plan"].browse(vals["plan_id"])
            )
        return super().write(vals)

    def unlink(self):
        self._check_plan_editable()
        return super().unlink()
