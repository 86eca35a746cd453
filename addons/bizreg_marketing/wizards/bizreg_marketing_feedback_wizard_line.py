# Copyright 2026 bizreg
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

from odoo import api, fields, models


class BizregMarketingFeedbackWizardLine(models.TransientModel):
    """A candidate piece of customer feedback found by the wizard."""

    _name = "bizreg.marketing.feedback.wizard.line"
    _description = "Customer Feedback Candidate"
    _order = "date desc, id"

    wizard_id = fields.Many2one(
        "bizreg.marketing.feedback.wizard", required=True, ondelete="cascade"
    )
    selected = fields.Boolean(string="Add")
    source_key = fields.Char()
    source_label = fields.Char(string="Source")
    source_ref = fields.Reference(
        selection="_selection_source_models", string="Record", required=True
    )
    partner_id = fields.Many2one("res.partner", string="Customer")
    date = fields.Date()
    name = fields.Char(string="Title")
    text = fields.Text(string="Feedback")

    @api.model
    def _selection_source_models(self):
        return self.env["bizreg.marketing.research.entry"]._selection_source_models()
