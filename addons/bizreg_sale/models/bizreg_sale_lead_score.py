# Copyright 2026 bizreg
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

from odoo import fields, models

RATINGS = [
    ("0", "0 - Not met"),
    ("1", "1 - Poor"),
    ("2", "2 - Weak"),
    ("3", "3 - Fair"),
    ("4", "4 - Good"),
    ("5", "5 - Excellent"),
]


class BizregSaleLeadScore(models.Model):
    _name = "bizreg.sale.lead.score"
    _description = "Lead Screening Score"
    _order = "sequence, id"

    lead_id = fields.Many2one("crm.lead", required=True, ondelete="cascade", index=True)
    criterion_id = fields.Many2one(
        "bizreg.sale.score.criterion", required=True, ondelete="restrict"
    )
    sequence = fields.Integer(related="criterion_id.sequence", store=True)
    weight = fields.Float(related="criterion_id.weight")
    rating = fields.Selection(RATINGS, required=True, default="0")
    note = fields.Char()
    company_id = fields.Many2one(related="lead_id.company_id", store=True, index=True)

    _sql_constraints = [
        (
            "lead_criterion_uniq",
            "unique(lead_id, criterion_id)",
            "A lead is rated once per criterion.",
        ),
    ]
