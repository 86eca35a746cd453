# Copyright 2026 bizreg
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

from odoo import fields, models


class BizregAppraisalCriterion(models.Model):
    """A question of an evaluation form, scored from 1 to 5."""

    _name = "bizreg.appraisal.criterion"
    _description = "Evaluation Criterion"
    _order = "sequence, id"

    name = fields.Char(required=True, translate=True)
    description = fields.Text(translate=True)
    sequence = fields.Integer(default=10)
    for_self = fields.Boolean(string="Self-Assessment", default=True)
    for_manager = fields.Boolean(string="Manager Evaluation", default=True)
    for_peer = fields.Boolean(string="Peer Evaluation", default=True)
    for_customer = fields.Boolean(string="Customer Evaluation")
    active = fields.Boolean(default=True)
    company_id = fields.Many2one("res.company", index=True)
