# Copyright 2026 bizreg
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

from odoo import api, models


class ReportBizregMarketingResearchReport(models.AbstractModel):
    """Values of the printed research report: the reports the user may read,
    nothing else (a refused read is an access error, not a broken page)."""

    _name = "report.bizreg_marketing.report_research_report"
    _description = "Research Report Paper Form"

    @api.model
    def _get_report_values(self, docids, data=None):
        docs = self.env["bizreg.marketing.research.report"].browse(docids)
        docs.check_access("read")
        return {
            "doc_ids": docids,
            "doc_model": docs._name,
            "docs": docs,
        }
