# Copyright 2026 bizreg
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

from collections import defaultdict

from odoo import api, models

from odoo.addons.bizreg_base.tools import period_bounds


class ProjectProject(models.Model):
    """The project KPI API of the appraisal (bizreg_project knows no
    appraisal)."""

    _inherit = "project.project"

    @api.model
    def _bizreg_kpi_project(self, user_ids, date_from, date_to, company=None):
        """Project KPIs per project manager (``project.project.user_id``) for
        a period, for an appraisal of ``company`` (default: the current
        company).

        ``date_from``/``date_to`` are days (inclusive); moments are bounded
        in ``company``'s time zone (``bizreg_base.tools.period_bounds``,
        half-open); records of every company count, whoever asks.

        - milestones: the milestones of the regulated projects the user
          manages whose baseline date falls in the period, and those of them
          reached by their baseline date (``bizreg_on_time``);
        - acceptances: the acceptances of the projects the user manages
          accepted in the period (``date_accepted``), and those of them
          accepted at the first request (``request_count == 1``);
        - cost variance: the projects the user manages closed in the period
          (``bizreg_date_closed``): the sum of ``|actual - budget|`` over the
          sum of their budgets (projects without a budget left out), from
          ``project.project._bizreg_cost_figures``.

        A constant number of queries whatever the number of users; returns
        ``{user_id: {...}}`` for every requested user.
        """
        user_ids = list(user_ids)
        result = {
            uid: {
                "milestones_due": 0,
                "milestones_on_time": 0,
                "milestone_on_time_rate": 0.0,
                "acceptances": 0,
                "accepted_first_time": 0,
                "first_acceptance_rate": 0.0,
                "projects_closed": 0,
                "budget": 0.0,
                "actual": 0.0,
                "cost_deviation": 0.0,
                "cost_variance_rate": 0.0,
            }
            for uid in user_ids
        }
        if not user_ids:
            return result
        start, stop = period_bounds(company or self.env.company, date_from, date_to)
        Project = self.sudo().with_context(active_test=False)
        managed = Project.search_fetch(
            [("user_id", "in", user_ids), ("bizreg_phase", "!=", False)],
            ["user_id", "bizreg_phase", "bizreg_date_closed"],
        )
        if not managed:
            return result
        manager_of = {project.id: project.user_id.id for project in managed}
        for project, on_time, count in (
            self.env["project.milestone"]
            .sudo()
            .with_context(active_test=False)
            ._read_group(
                [
                    ("project_id", "in", managed.ids),
                    ("bizreg_baseline_date", ">=", date_from),
                    ("bizreg_baseline_date", "<=", date_to),
                ],
                ["project_id", "bizreg_on_time"],
                ["__count"],
            )
        ):
            values = result[manager_of[project.id]]
            values["milestones_due"] += count
            if on_time:
                values["milestones_on_time"] += count
        for project, requests, count in (
            self.env["bizreg.project.acceptance"]
            .sudo()
            ._read_group(
                [
                    ("project_id", "in", managed.ids),
                    ("state", "=", "accepted"),
                    ("date_accepted", ">=", start),
                    ("date_accepted", "<", stop),
                ],
                ["project_id", "request_count"],
                ["__count"],
            )
        ):
            values = result[manager_of[project.id]]
            values["acceptances"] += count
            if requests == 1:
                values["accepted_first_time"] += count
        closed = managed.filtered(
            lambda p: (
                p.bizreg_phase == "closed"
                and p.bizreg_date_closed
                and start <= p.bizreg_date_closed < stop
            )
        )
        deviation = defaultdict(float)
        for project_id, figures in closed._bizreg_cost_figures().items():
            if not figures["budget"]:
                continue
            values = result[manager_of[project_id]]
            values["projects_closed"] += 1
            values["budget"] += figures["budget"]
            values["actual"] += figures["actual"]
            deviation[manager_of[project_id]] += abs(
                figures["actual"] - figures["budget"]
            )
        for uid, values in result.items():
            values["cost_deviation"] = round(deviation[uid], 2)
            values["budget"] = round(values["budget"], 2)
            values["actual"] = round(values["actual"], 2)
            if values["milestones_due"]:
                values["milestone_on_time_rate"] = round(
                    100.0 * values["milestones_on_time"] / values["milestones_due"], 2
                )
            if values["acceptances"]:
                values["first_acceptance_rate"] = round(
                    100.0 * values["accepted_first_time"] / values["acceptances"], 2
                )
            if values["budget"]:
                values["cost_variance_rate"] = round(
                    100.0 * values["cost_deviation"] / values["budget"], 2
                )
        return result
