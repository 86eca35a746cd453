# Copyright 2026 bizreg
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

from odoo import fields, models


class BizregSaleScreeningOverrideWizard(models.TransientModel):
    _name = "bizreg.sale.screening.override.wizard"
    _description = "Override Lead Screening"

    lead_id = fields.Many2one("crm.lead", required=True, ondelete="cascade")
    score = fields.Float(related="lead_id.bizreg_score")
    reason = fields.Text(required=True)

    def action_override(self):
        self.ensure_one()
        self.lead_id._bizreg_override_screening(self.reason)
        return {"type": "ir.actions.act_window_close"}
