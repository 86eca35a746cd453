# Copyright 2026 bizreg
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

from odoo import fields, models

CONFIDENTIALITY = [
    ("public", "Public"),
    ("internal", "Internal"),
    ("confidential", "Confidential"),
]


class BizregDocumentCategory(models.Model):
    """A category of the document register (文档类别): its numbering rule,
    format requirements, owner department, confidentiality and retention."""

    _name = "bizreg.document.category"
    _description = "Document Category"
    _inherit = ["mail.thread"]
    _order = "sequence, name, id"

    name = fields.Char(required=True, translate=True, tracking=True)
    code = fields.Char(required=True, tracking=True, help="Numbering code, e.g. POL.")
    sequence = fields.Integer(default=10)
    active = fields.Boolean(default=True)
    company_id = fields.Many2one(
        "res.company", default=lambda self: self.env.company, index=True
    )
    department_id = fields.Many2one(
        "hr.department", string="Owner Department", index=True, tracking=True
    )
    confidentiality = fields.Selection(
        CONFIDENTIALITY, default="internal", required=True, tracking=True
    )
    retention_years = fields.Integer(
        string="Retention (Years)", default=5, tracking=True
    )
    is_policy = fields.Boolean(
        string="Policy",
        tracking=True,
        help="Published versions are also reviewed by the Regulation Administrator.",
    )
    res_model = fields.Char(
        string="Registered Model",
        help="Technical name of the model whose numbered records are "
        "registered in this category automatically.",
    )
