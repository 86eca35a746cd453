# Copyright 2026 bizreg
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

from odoo import api, fields, models
from odoo.exceptions import ValidationError

SEVERITIES = [("high", "High"), ("medium", "Medium"), ("low", "Low")]


class BizregComplaintClass(models.Model):
    """Deadlines of one class of complaints (category x severity)."""

    _name = "bizreg.complaint.class"
    _description = "Complaint Class"
    _inherit = ["mail.thread"]
    _order = "sequence, severity, id"

    name = fields.Char(required=True, translate=True, tracking=True)
    sequence = fields.Integer(default=10)
    category_id = fields.Many2one(
        "helpdesk.ticket.category",
        index=True,
        tracking=True,
        help="Leave empty for the class applying to every category of this severity.",
    )
    severity = fields.Selection(
        SEVERITIES, required=True, default="medium", tracking=True
    )
    response_hours = fields.Float(
        string="First Response (working hours)",
        required=True,
        default=4.0,
        tracking=True,
    )
    resolution_days = fields.Float(
        string="Resolution (working days)", required=True, default=3.0, tracking=True
    )
    level2_delay_hours = fields.Float(
        string="Level 2 after Breach (working hours)",
        required=True,
        default=4.0,
        tracking=True,
        help="Escalation to the Customer Service Manager this many working hours "
        "after the breach (level 1 reminds the assignee at the breach itself).",
    )
    level3_delay_hours = fields.Float(
        string="Level 3 after Breach (working hours)",
        required=True,
        default=8.0,
        tracking=True,
        help="Escalation to the Director this many working hours after the breach.",
    )
    company_id = fields.Many2one(
        "res.company", default=lambda self: self.env.company, index=True
    )
    active = fields.Boolean(default=True)

    _sql_constraints = [
        (
            "category_severity_company_uniq",
            "unique(category_id, severity, company_id)",
            "There is already a complaint class for this category and severity.",
        ),
    ]

    @api.constrains(
        "response_hours", "resolution_days", "level2_delay_hours", "level3_delay_hours"
    )
    def _check_delays(self):
        for rec in self:
            if (
                min(
                    rec.response_hours,
                    rec.resolution_days,
                    rec.level2_delay_hours,
                    rec.level3_delay_hours,
                )
                < 0
            ):
                raise ValidationError(
                    self.env._("Deadlines and delays cannot be negative.")
                )
            if rec.response_hours <= 0 or rec.resolution_days <= 0:
                raise ValidationError(
                    self.env._(
                        "The response and resolution deadlines must be positive."
                    )
                )
            hours_per_day = (rec.company_id or self.env.company).resource_calendar_id
            hours_per_day = hours_per_day.hours_per_day or 8.0
            if rec.resolution_days * hours_per_day < rec.response_hours:
                raise ValidationError(
                    self.env._(
                        "The resolution deadline (%(days)s working days) cannot be "
                        "shorter than the first-response deadline (%(hours)s working "
                        "hours).",
                        days=rec.resolution_days,
                        hours=rec.response_hours,
                    )
                )
            if rec.level3_delay_hours < rec.level2_delay_hours:
                raise ValidationError(
                    self.env._(
                        "Level 3 (Director) cannot come before level 2 (Customer "
                        "Service Manager)."
                    )
                )

    @api.model
    def _bizreg_find(self, category, severity, company):
        """The class of a complaint: the category's own, else the generic one."""
        if not severity:
            return self.browse()
        classes = self.search(
            [
                ("severity", "=", severity),
                ("category_id", "in", [category.id, False] if category else [False]),
                ("company_id", "in", [company.id, False]),
            ]
        )
        return classes.sorted(lambda c: (not c.category_id, not c.company_id))[:1]
