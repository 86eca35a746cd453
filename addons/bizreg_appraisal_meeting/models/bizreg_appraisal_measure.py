# Copyright 2026 bizreg
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

from odoo import api, models

from odoo.addons.bizreg_appraisal.models.bizreg_appraisal_measure import percent

REPORT_KPIS = ("bizreg.work.report", "_bizreg_kpi_reports")
ACTION_KPIS = ("bizreg.meeting.action", "_bizreg_kpi_actions")
VISIT_KPIS = ("bizreg.partner.visit", "_bizreg_kpi_visits")


class BizregAppraisalMeasure(models.AbstractModel):
    """Communication measures: figures of
    ``bizreg.work.report._bizreg_kpi_reports`` (bizreg_meeting) and of
    ``bizreg.meeting.action._bizreg_kpi_actions`` (defined here) and of
    ``bizreg.partner.visit._bizreg_kpi_visits`` (bizreg_meeting), one
    ``_read_group`` each, called once per period."""

    _inherit = "bizreg.appraisal.measure"

    @api.model
    def _bizreg_figure_measures(self):
        measures = super()._bizreg_figure_measures()
        measures.update(
            {
                "meeting_report_submission": (
                    REPORT_KPIS,
                    lambda f: percent(f["submitted"], f["expected"]),
                    ["expected", "submitted", "on_time"],
                ),
                "meeting_actions_on_time": (
                    ACTION_KPIS,
                    lambda f: percent(f["on_time"], f["due"]),
                    ["due", "done", "on_time"],
                ),
                "meeting_visits_as_planned": (
                    VISIT_KPIS,
                    lambda f: percent(f["done_on_time"], f["planned"]),
                    ["planned", "done_on_time"],
                ),
            }
        )
        return measures
