# Copyright 2026 bizreg
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

from odoo import api, models

from odoo.addons.bizreg_appraisal.models.bizreg_appraisal_measure import figure_if

RND_KPIS = ("bizreg.rnd.release", "_bizreg_kpi_rnd")


class BizregAppraisalMeasure(models.AbstractModel):
    """R&D measures: figures of ``bizreg.rnd.release._bizreg_kpi_rnd`` (a
    constant number of queries), called once per period for every R&D
    measure."""

    _inherit = "bizreg.appraisal.measure"

    @api.model
    def _bizreg_figure_measures(self):
        measures = super()._bizreg_figure_measures()
        measures.update(
            {
                "rnd_delivered_in_plan": (
                    RND_KPIS,
                    figure_if("delivered_in_plan_rate", "requirements_due"),
                    [
                        "requirements_due",
                        "delivered_in_plan",
                        "delivered_in_plan_rate",
                    ],
                ),
                "rnd_defects_after_release": (
                    RND_KPIS,
                    figure_if("defects_after_release", "requirements_delivered"),
                    ["requirements_delivered", "defects_after_release"],
                ),
                "rnd_release_satisfaction": (
                    RND_KPIS,
                    figure_if("satisfaction", "ratings"),
                    ["ratings", "satisfaction"],
                ),
            }
        )
        return measures
