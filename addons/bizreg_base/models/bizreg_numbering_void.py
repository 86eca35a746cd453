# Copyright 2026 bizreg
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

from odoo import fields, models


class BizregNumberingVoid(models.Model):
    """A number whose document was cancelled: it stays used, never reissued."""

    _name = "bizreg.numbering.void"
    _description = "Voided Number"
    _order = "void_date desc, id desc"

    name = fields.Char(string="Number", required=True, readonly=True, index=True)
    rule_id = fields.Many2one(
        "bizreg.numbering.rule", required=True, readonly=True, ondelete="cascade"
    )
    res_model = fields.Char(string="Document Model", readonly=True)
    res_id = fields.Many2oneReference(
        string="Document ID", model_field="res_model", readonly=True
    )
    reason = fields.Char(readonly=True)
    user_id = fields.Many2one(
        "res.users",
        string="Voided By",
        readonly=True,
        default=lambda self: self.env.user,
    )
    void_date = fields.Datetime(
        string="Voided On", readonly=True, default=fields.Datetime.now
    )
    company_id = fields.Many2one(related="rule_id.company_id", store=True)

    _sql_constraints = [
        (
            "rule_name_uniq",
            "unique(rule_id, name)",
            "A number is voided once.",
        ),
    ]

    def action_open_document(self):
        self.ensure_one()
        return self.env[self.res_model].browse(self.res_id).get_formview_action()
