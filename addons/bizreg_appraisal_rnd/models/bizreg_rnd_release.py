# Copyright 2026 bizreg
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

from collections import defaultdict

from odoo import api, models

from odoo.addons.bizreg_base.tools import period_bounds


class BizregRndRelease(models.Model):
    """The R&D KPI API of the appraisal (bizreg_rnd knows no appraisal)."""

    _inherit = "bizreg.rnd.release"

    @api.model
    def _bizreg_kpi_rnd(self, user_ids, date_from, date_to, company=None):
        """R&D KPIs per user for a period, for an appraisal of ``company``
        (default: the current company).

        ``date_from``/``date_to`` are days (inclusive); moments are bounded
        in ``company``'s time zone (``bizreg_base.tools.period_bounds``,
        half-open); records of every company count, whoever asks.

        - requirements due: the requirements the user owns (``user_id``)
          whose planned release was released in the period, and those of
          them delivered in that very release (``delivered_release_id``);
        - defects found after release: defects found after their release
          was released (``found_after_release``), reported in the period
          (``date_reported``),
          counted for the owner of their requirement (for the owner of the
          release they were found in when they name no requirement); the
          figure counts only for users who have delivered requirements
          (``requirements_delivered``, up to the end of the period);
        - satisfaction: the average satisfaction (1-5) of the tickets about
          the releases the user owns, received in the period and rated.

        A constant number of queries whatever the number of users; returns
        ``{user_id: {...}}`` for every requested user.
        """
        user_ids = list(user_ids)
        result = {
            uid: {
                "requirements_due": 0,
                "delivered_in_plan": 0,
                "delivered_in_plan_rate": 0.0,
                "requirements_delivered": 0,
                "defects_after_release": 0,
                "ratings": 0,
                "satisfaction": 0.0,
            }
            for uid in user_ids
        }
        if not user_ids:
            return result
        start, stop = period_bounds(company or self.env.company, date_from, date_to)
        Requirement = self.env["bizreg.rnd.requirement"].sudo()
        for user, planned, delivered, count in Requirement._read_group(
            [
                ("user_id", "in", user_ids),
                ("state", "!=", "cancel"),
                ("planned_release_id.date_released", ">=", start),
                ("planned_release_id.date_released", "<", stop),
            ],
            ["user_id", "planned_release_id", "delivered_release_id"],
            ["__count"],
        ):
            values = result[user.id]
            values["requirements_due"] += count
            if delivered == planned:
                values["delivered_in_plan"] += count
        for user, count in Requirement._read_group(
            [
                ("user_id", "in", user_ids),
                ("delivered_release_id.date_released", "<", stop),
            ],
            ["user_id"],
            ["__count"],
        ):
            result[user.id]["requirements_delivered"] = count
        defects = (
            self.env["bizreg.rnd.defect"]
            .sudo()
            ._read_group(
                [
                    ("found_after_release", "=", True),
                    ("date_reported", ">=", start),
                    ("date_reported", "<", stop),
                    "|",
                    ("requirement_id.user_id", "in", user_ids),
                    "&",
                    ("requirement_id", "=", False),
                    ("found_in_release_id.user_id", "in", user_ids),
                ],
                ["requirement_id", "found_in_release_id"],
                ["__count"],
            )
        )
        tickets = (
            self.env["helpdesk.ticket"]
            .sudo()
            ._read_group(
                [
                    ("bizreg_rnd_release_id.user_id", "in", user_ids),
                    ("bizreg_satisfaction_score", ">", 0),
                    ("bizreg_received_date", ">=", start),
                    ("bizreg_received_date", "<", stop),
                ],
                ["bizreg_rnd_release_id"],
                ["bizreg_satisfaction_score:sum", "__count"],
            )
        )
        # the owners of the groups' requirements and releases, one query each
        # (reading them record by record would fetch them by batches of the
        # prefetch size, more queries as the data grows)
        requirement_owner = {
            requirement.id: requirement.user_id.id
            for requirement in Requirement.search_fetch(
                [("id", "in", list({req.id for req, _rel, _n in defects if req}))],
                ["user_id"],
            )
        }
        release_ids = {rel.id for req, rel, _n in defects if not req}
        release_ids.update(release.id for release, _s, _n in tickets)
        release_owner = {
            release.id: release.user_id.id
            for release in self.sudo().search_fetch(
                [("id", "in", list(release_ids))], ["user_id"]
            )
        }
        for requirement, release, count in defects:
            owner = (
                requirement_owner.get(requirement.id)
                if requirement
                else release_owner.get(release.id)
            )
            if owner in result:
                result[owner]["defects_after_release"] += count
        score_sum = defaultdict(int)
        for release, score, count in tickets:
            owner = release_owner.get(release.id)
            if owner in result:
                result[owner]["ratings"] += count
                score_sum[owner] += score
        for uid, values in result.items():
            if values["requirements_due"]:
                values["delivered_in_plan_rate"] = round(
                    100.0 * values["delivered_in_plan"] / values["requirements_due"], 2
                )
            if values["ratings"]:
                values["satisfaction"] = round(score_sum[uid] / values["ratings"], 2)
        return result
