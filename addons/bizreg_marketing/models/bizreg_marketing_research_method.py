# Copyright 2026 bizreg
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

from odoo import fields, models


class BizregMarketingResearchMethod(models.Model):
    """A way of researching the market (questionnaire, interview, desk
    research, observation...), chosen on research plans."""

    _name = "bizreg.marketing.research.method"
    _description = "Research Method"
    _order = "sequence, id"

    name = fields.Char(required=True, translate=True)
    sequence = fields.Integer(default=10)
    description = fields.Text(translate=True)
    active = fields.Boolean(default=True)

    _sql_constraints = [
        ("name_uniq", "unique(name)", "This research method already exists."),
    ]
