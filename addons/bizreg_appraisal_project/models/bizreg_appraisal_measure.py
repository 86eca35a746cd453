# Copyright 2026 bizreg
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

from odoo import api, models

from odoo.addons.bizreg_appraisal.models.bizreg_appraisal_measure import figure_if

PROJECT_KPIS = ("project.project", "_bizreg_kpi_project")


class BizregAppraisalMeasure(models.AbstractModel):
    """Project measures: figures of ``project.project._bizreg_kpi_project``
    (a constant number of queries), called once per period for every
    project measure.  Team collaboration stays the peer evaluations'
    (``peer_collaboration``)."""

    _inherit = "bizreg.appraisal.measure"

    @api.model
    def _bizreg_figure_measures(self):
        measures = super()._bizreg_figure_measures()
        measures.update(
            {
                "project_milestones_on_time": (
                    PROJECT_KPIS,
                    figure_if("milestone_on_time_rate", "milestones_due"),
                    [
                        "milestones_due",
                        "milestones_on_time",
                        "milestone_on_time_rate",
                    ],
                ),
                "project_first_acceptance": (
                    PROJECT_KPIS,
                    figure_if("first_acceptance_rate", "acceptances"),
                    [
                        "acceptances",
                        "accepted_first_time",
                        "first_acceptance_rate",
                    ],
                ),
                "project_cost_variance": (
                    PROJECT_KPIS,
                    figure_if("cost_variance_rate", "projects_closed"),
                    [
                        "projects_closed",
                        "budget",
                        "actual",
                        "cost_deviation",
                        "cost_variance_rate",
                    ],
                ),
            }
        )
        return measures
