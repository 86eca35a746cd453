# Copyright 2026 bizreg
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

from odoo import api, models


class ReportBizregProjectAcceptance(models.AbstractModel):
    """The acceptance certificate (验收单): issued only for an accepted
    project, whatever route asks for it (button, print menu or URL)."""

    _name = "report.bizreg_project.report_acceptance_certificate"
    _description = "Acceptance Certificate"

    @api.model
    def _get_report_values(self, docids, data=None):
        docs = self.env["bizreg.project.acceptance"].browse(docids)
        docs.check_access("read")
        docs._bizreg_check_printable()
        checks = {doc.id: doc.sudo().check_ids for doc in docs}
        return {
            "doc_ids": docids,
            "doc_model": "bizreg.project.acceptance",
            "docs": docs.sudo(),
            "checks": checks,
        }
