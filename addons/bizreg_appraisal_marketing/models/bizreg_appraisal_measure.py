# Copyright 2026 bizreg
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

from odoo import api, models

from odoo.addons.bizreg_appraisal.models.bizreg_appraisal_measure import figure_if

MARKETING_KPIS = ("bizreg.marketing.activity", "_bizreg_kpi_marketing")


class BizregAppraisalMeasure(models.AbstractModel):
    """Marketing measures: figures of
    ``bizreg.marketing.activity._bizreg_kpi_marketing`` (a constant number of
    ``_read_group``), called once per period for every marketing measure."""

    _inherit = "bizreg.appraisal.measure"

    @api.model
    def _bizreg_figure_measures(self):
        measures = super()._bizreg_figure_measures()
        measures.update(
            {
                "marketing_research_on_time": (
                    MARKETING_KPIS,
                    figure_if("research_on_time_rate", "reports_published"),
                    ["reports_published", "reports_on_time", "research_on_time_rate"],
                ),
                "marketing_activities_on_time": (
                    MARKETING_KPIS,
                    figure_if("activity_on_time_rate", "activities_done"),
                    ["activities_done", "activities_on_time", "activity_on_time_rate"],
                ),
                "marketing_participants": (
                    MARKETING_KPIS,
                    lambda f: f["participants"],
                    ["participants", "activities_done"],
                ),
                "marketing_conversion": (
                    MARKETING_KPIS,
                    figure_if("conversion_rate", "leads"),
                    ["campaigns", "leads", "won", "conversion_rate"],
                ),
            }
        )
        return measures
