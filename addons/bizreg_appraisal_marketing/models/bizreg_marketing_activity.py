# Copyright 2026 bizreg
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

from collections import defaultdict

from odoo import api, models

from odoo.addons.bizreg_base.tools import period_bounds


class BizregMarketingActivity(models.Model):
    """The marketing KPI API of the appraisal (bizreg_marketing knows no
    appraisal)."""

    _inherit = "bizreg.marketing.activity"

    @api.model
    def _bizreg_kpi_marketing(self, user_ids, date_from, date_to, company=None):
        """Marketing KPIs per user for a period, for an appraisal of
        ``company`` (default: the current company).

        ``date_from``/``date_to`` are days (inclusive) in ``company``'s time
        zone (``bizreg_base.tools.period_bounds``, half-open); records of
        every company count, whoever asks (``env.companies`` plays no part).

        - research reports: the user's reports published in the period
          (``date_published``), and those of them not late (published by the
          report due date of their plan: ``is_late``);
        - activities: the user's (responsible) activities done in the period
          (``date_done``), those done on time (``is_on_time``) and the sum of
          their participants (``participant_count``: attendees and
          participating employees);
        - campaign conversion: the leads and opportunities created in the
          period (active or not: lost ones count) that carry the campaign of
          one of the user's activities, and those of them won (active, in a
          won stage, as Odoo's CRM defines it and as the activity's effect
          counts them).

        Five ``_read_group`` whatever the number of users; returns
        ``{user_id: {...}}`` for every requested user.
        """
        user_ids = list(user_ids)
        result = {
            uid: {
                "reports_published": 0,
                "reports_on_time": 0,
                "research_on_time_rate": 0.0,
                "activities_done": 0,
                "activities_on_time": 0,
                "activity_on_time_rate": 0.0,
                "participants": 0,
                "campaigns": 0,
                "leads": 0,
                "won": 0,
                "conversion_rate": 0.0,
            }
            for uid in user_ids
        }
        if not user_ids:
            return result
        start, stop = period_bounds(company or self.env.company, date_from, date_to)
        for user, late, count in (
            self.env["bizreg.marketing.research.report"]
            .sudo()
            ._read_group(
                [
                    ("user_id", "in", user_ids),
                    ("state", "=", "published"),
                    ("date_published", ">=", start),
                    ("date_published", "<", stop),
                ],
                ["user_id", "is_late"],
                ["__count"],
            )
        ):
            values = result[user.id]
            values["reports_published"] += count
            if not late:
                values["reports_on_time"] += count
        Activity = self.sudo()
        for user, on_time, count, participants in Activity._read_group(
            [
                ("user_id", "in", user_ids),
                ("state", "=", "done"),
                ("date_done", ">=", start),
                ("date_done", "<", stop),
            ],
            ["user_id", "is_on_time"],
            ["__count", "participant_count:sum"],
        ):
            values = result[user.id]
            values["activities_done"] += count
            values["participants"] += participants or 0
            if on_time:
                values["activities_on_time"] += count
        # Campaign conversion: the campaigns of the users' activities (of any
        # state: a cancelled activity's campaign may have brought leads).
        users_of = defaultdict(set)
        for user, campaign in Activity._read_group(
            [("user_id", "in", user_ids), ("campaign_id", "!=", False)],
            ["user_id", "campaign_id"],
        ):
            users_of[campaign.id].add(user.id)
            result[user.id]["campaigns"] += 1
        Lead = self.env["crm.lead"].sudo().with_context(active_test=False)
        leads = [
            ("campaign_id", "in", list(users_of)),
            ("create_date", ">=", start),
            ("create_date", "<", stop),
        ]
        for figure, domain in (
            ("leads", leads),
            ("won", [*leads, ("active", "=", True), ("stage_id.is_won", "=", True)]),
        ):
            for campaign, count in Lead._read_group(
                domain, ["campaign_id"], ["__count"]
            ):
                for uid in users_of[campaign.id]:
                    result[uid][figure] += count
        for values in result.values():
            if values["reports_published"]:
                values["research_on_time_rate"] = round(
                    100.0 * values["reports_on_time"] / values["reports_published"], 2
                )
            if values["activities_done"]:
                values["activity_on_time_rate"] = round(
                    100.0 * values["activities_on_time"] / values["activities_done"], 2
                )
            if values["leads"]:
                values["conversion_rate"] = round(
                    100.0 * values["won"] / values["leads"], 2
                )
        return result
