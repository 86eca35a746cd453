# Copyright 2026 bizreg
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

from odoo import api, models


class BizregMarketingResearchEntry(models.Model):
    _inherit = "bizreg.marketing.research.entry"

    @api.model
    def _selection_source_models(self):
        return super()._selection_source_models() + [("helpdesk.ticket", "Ticket")]
