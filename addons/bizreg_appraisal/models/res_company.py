# Copyright 2026 bizreg
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

from odoo import api, fields, models
from odoo.exceptions import ValidationError


class ResCompany(models.Model):
    _inherit = "res.company"

    bizreg_appraisal_bonus_base = fields.Monetary(
        string="Appraisal Bonus Base",
        currency_field="currency_id",
        default=3000.0,
        help="Performance bonus of an employee whose grade coefficient is 1.",
    )
    bizreg_appraisal_forced_distribution = fields.Boolean(
        string="Forced Distribution",
        help="New cycles limit the share of 'excellent' grades per department.",
    )
    bizreg_appraisal_excellent_quota = fields.Float(
        string="Excellent Quota (%)",
        default=20.0,
        help="Maximum share of 'excellent' grades per department under forced "
        "distribution.",
    )
    bizreg_appraisal_promotion_months = fields.Integer(
        string="Promotion After Monthly Excellents",
        default=0,
        help="Consecutive monthly 'excellent' results that give promotion "
        "priority (0 = monthly results do not count).",
    )
    bizreg_appraisal_promotion_quarters = fields.Integer(
        string="Promotion After Quarterly Excellents",
        default=3,
    )
    bizreg_appraisal_promotion_years = fields.Integer(
        string="Promotion After Annual Excellents",
        default=2,
    )
    bizreg_appraisal_self_days = fields.Integer(
        string="Self-Assessment Days",
        default=5,
        help="Days given to employees for their self-assessment.",
    )
    bizreg_appraisal_evaluation_days = fields.Integer(
        string="Evaluation Days",
        default=7,
        help="Days given to managers, peers and customers for their evaluations.",
    )
    bizreg_appraisal_peer_count = fields.Integer(
        string="Suggested Peers",
        default=3,
        help="Number of peer evaluators the peer suggestion picks per appraisal: "
        "the colleagues who shared the most records with the employee in the "
        "period, those of other departments first.",
    )

    @api.constrains(
        "bizreg_appraisal_bonus_base",
        "bizreg_appraisal_excellent_quota",
        "bizreg_appraisal_promotion_months",
        "bizreg_appraisal_promotion_quarters",
        "bizreg_appraisal_promotion_years",
        "bizreg_appraisal_self_days",
        "bizreg_appraisal_evaluation_days",
        "bizreg_appraisal_peer_count",
    )
    def _check_bizreg_appraisal_settings(self):
        for company in self:
            if company.bizreg_appraisal_bonus_base < 0:
                raise ValidationError(self.env._("The bonus base cannot be negative."))
            if not 0 <= company.bizreg_appraisal_excellent_quota <= 100:
                raise ValidationError(
                    self.env._("The excellent quota is a percentage between 0 and 100.")
                )
            if (
                min(
                    company.bizreg_appraisal_promotion_months,
                    company.bizreg_appraisal_promotion_quarters,
                    company.bizreg_appraisal_promotion_years,
                    company.bizreg_appraisal_self_days,
                    company.bizreg_appraisal_evaluation_days,
                    company.bizreg_appraisal_peer_count,
                )
                < 0
            ):
                raise ValidationError(
                    self.env._("Appraisal counts and delays cannot be negative.")
                )
