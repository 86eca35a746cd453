# Copyright 2026 bizreg
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

from datetime import date

from freezegun import freeze_time

from odoo import Command
from odoo.tests import TransactionCase, tagged

from odoo.addons.bizreg_appraisal.tests.common import query_counts
from odoo.addons.bizreg_base.tests.common import bizreg_test_user
from odoo.addons.bizreg_marketing.tests.plan_common import MarketingPlanCommon

CODES = [
    "marketing_research_on_time",
    "marketing_activities_on_time",
    "marketing_participants",
    "marketing_conversion",
]
MARCH = (date(2026, 3, 1), date(2026, 3, 31))
APRIL = (date(2026, 4, 1), date(2026, 4, 30))


@tagged("post_install", "-at_install")
class TestMarketingMeasures(MarketingPlanCommon, TransactionCase):
    """The marketing measures, computed from records the marketing staff
    created and moved themselves, in a company of Asia/Shanghai."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls._bizreg_plan_setup()
        cls.env.company.partner_id.tz = "Asia/Shanghai"
        cls.salesperson = bizreg_test_user(
            cls.env, "t_mkk_sales", ["sales_team.group_sale_salesman_all_leads"]
        )
        cls.Measure = cls.env["bizreg.appraisal.measure"]
        cls.Activity = cls.env["bizreg.marketing.activity"]
        cls.emp1 = cls.user.employee_ids[:1]
        cls.emp2 = cls.user2.employee_ids[:1]
        cls.won_stage = cls.env["crm.stage"].search([("is_won", "=", True)], limit=1)

    def setUp(self):
        super().setUp()
        # the plans' and activities' dates (MarketingPlanCommon._plan)
        self.today = date(2026, 3, 2)

    # Fixtures -------------------------------------------------------------
    def _published_report(self, user, due, published_at):
        """A research report of ``user`` on a plan due ``due``, approved by
        the Marketing Manager and published at ``published_at`` (UTC)."""
        plan = (
            self.env["bizreg.marketing.research.plan"]
            .with_user(user)
            .create(
                {
                    "name": "T research",
                    "date_start": date(2026, 2, 1),
                    "date_report_due": due,
                    "method_ids": [
                        Command.set(
                            self.env.ref(
                                "bizreg_marketing.research_method_interview"
                            ).ids
                        )
                    ],
                    "milestone_ids": [
                        Command.create({"name": "Interviews", "date": date(2026, 2, 9)})
                    ],
                }
            )
        )
        plan.action_submit()
        plan.with_user(self.manager).validate_tier()
        plan.invalidate_recordset()
        report = (
            self.env["bizreg.marketing.research.report"]
            .with_user(user)
            .create({"name": "T findings", "plan_id": plan.id})
        )
        report.action_submit()
        report.with_user(self.manager).validate_tier()
        report.invalidate_recordset()
        self.assertEqual(report.state, "approved")
        with freeze_time(published_at):
            report.action_publish()
        self.assertEqual(report.state, "published")
        return report

    def _done(self, activity, done_at, attendees):
        activity = activity.with_user(activity.user_id)
        activity.action_prepare()
        activity.action_run()
        activity.attendee_count = attendees
        with freeze_time(done_at):
            activity.action_done()
        self.assertEqual(activity.state, "done")
        return activity

    def _leads(self, campaign, created_at, spec):
        """Leads of ``campaign`` created by a salesperson at ``created_at``
        (UTC); ``spec``: (type, outcome) with outcome open/won/lost."""
        Lead = self.env["crm.lead"].with_user(self.salesperson)
        leads = Lead.create(
            [
                {"name": f"T lead {i}", "type": kind, "campaign_id": campaign.id}
                for i, (kind, _outcome) in enumerate(spec)
            ]
        )
        for lead, (_kind, outcome) in zip(leads, spec, strict=True):
            if outcome == "won":
                lead.action_set_won()
            elif outcome == "lost":
                lead.action_set_lost()
        leads.flush_recordset()
        self.env.cr.execute(
            "UPDATE crm_lead SET create_date = %s WHERE id IN %s",
            [created_at, tuple(leads.ids)],
        )
        leads.invalidate_recordset(["create_date"])
        return leads

    def _fixture(self):
        """March for ``user``: two reports (one late), two activities done
        (one late), leads of their campaigns; ``user2``: one activity done
        in April."""
        self._published_report(self.user, date(2026, 3, 31), "2026-03-20 02:00:00")
        self._published_report(self.user, date(2026, 3, 10), "2026-03-25 02:00:00")
        self._published_report(self.user, date(2026, 2, 28), "2026-02-20 02:00:00")
        plan = self._running(activities=2)
        first, second = plan.marketing_activity_ids.sorted("id")
        self._done(first, "2026-03-10 08:00:00", 100)  # end date 12 March
        self._done(second, "2026-03-20 08:00:00", 20)
        self._leads(
            first.campaign_id,
            "2026-03-05 08:00:00",
            [("opportunity", "won"), ("opportunity", "lost"), ("lead", "open")],
        )
        self._leads(second.campaign_id, "2026-03-15 08:00:00", [("lead", "open")])
        # before the period: not counted
        self._leads(second.campaign_id, "2026-02-15 08:00:00", [("opportunity", "won")])
        other = self._running(user=self.user2)
        self._done(other.marketing_activity_ids, "2026-04-02 08:00:00", 50)
        return plan

    # Tests ----------------------------------------------------------------
    def test_marketing_measures_hand_computed(self):
        self._fixture()
        results = self.Measure._bizreg_compute_measures(
            CODES, self.emp1 | self.emp2, *MARCH
        )
        mine = {code: results[code][self.emp1.id] for code in CODES}
        # Two reports published in March, one after its due date.
        self.assertEqual(mine["marketing_research_on_time"][0], 50.0)
        self.assertEqual(
            mine["marketing_research_on_time"][1],
            {
                "reports_published": 2,
                "reports_on_time": 1,
                "research_on_time_rate": 50.0,
            },
        )
        # Done on 10 March (end 12 March) and on 20 March (late).
        self.assertEqual(mine["marketing_activities_on_time"][0], 50.0)
        self.assertEqual(
            mine["marketing_activities_on_time"][1]["activities_on_time"], 1
        )
        # 100 + 20 attendees and one participating employee on each.
        self.assertEqual(mine["marketing_participants"][0], 122)
        # Four leads created in March (the lost one included), one won.
        self.assertEqual(mine["marketing_conversion"][0], 25.0)
        self.assertEqual(
            mine["marketing_conversion"][1],
            {"campaigns": 2, "leads": 4, "won": 1, "conversion_rate": 25.0},
        )
        # The second user: activity done in April, no report, no lead in
        # March: no data (scores 0), not a perfect or a zero rate.
        theirs = {code: results[code][self.emp2.id] for code in CODES}
        self.assertIsNone(theirs["marketing_research_on_time"][0])
        self.assertIsNone(theirs["marketing_activities_on_time"][0])
        self.assertEqual(theirs["marketing_participants"][0], 0)
        self.assertIsNone(theirs["marketing_conversion"][0])
        self.assertEqual(theirs["marketing_conversion"][1]["campaigns"], 1)
        april = self.Measure._bizreg_compute_measures(
            CODES, self.emp1 | self.emp2, *APRIL
        )
        self.assertEqual(april["marketing_activities_on_time"][self.emp2.id][0], 0.0)
        self.assertEqual(april["marketing_participants"][self.emp2.id][0], 51)
        self.assertEqual(april["marketing_participants"][self.emp1.id][0], 0)

    def test_figures_do_not_depend_on_who_asks(self):
        self._fixture()
        user_ids = (self.user | self.user2).ids
        as_system = self.Activity._bizreg_kpi_marketing(user_ids, *MARCH)
        # a colleague of another department, who reads none of these records
        outsider = bizreg_test_user(
            self.env,
            "t_mkk_outsider",
            ["bizreg_marketing.group_bizreg_marketing_user"],
            self.dept_sales,
        )
        self.assertEqual(
            self.Activity.with_user(outsider)._bizreg_kpi_marketing(user_ids, *MARCH),
            as_system,
        )
        self.assertEqual(as_system[self.user.id]["leads"], 4)

    def test_period_in_company_time_zone(self):
        """Asia/Shanghai: a report published at 00:30 local on 1 April
        (16:30 UTC on 31 March) and an activity done then belong to April."""
        self._published_report(self.user, date(2026, 4, 1), "2026-03-31 16:30:00")
        plan = self._running()
        activity = plan.marketing_activity_ids
        self._done(activity, "2026-03-31 16:30:00", 10)
        march = self.Activity._bizreg_kpi_marketing(self.user.ids, *MARCH)
        april = self.Activity._bizreg_kpi_marketing(self.user.ids, *APRIL)
        self.assertEqual(march[self.user.id]["reports_published"], 0)
        self.assertEqual(march[self.user.id]["activities_done"], 0)
        self.assertEqual(april[self.user.id]["reports_published"], 1)
        # due 1 April, published early on 1 April local time: on time
        self.assertEqual(april[self.user.id]["research_on_time_rate"], 100.0)
        self.assertEqual(april[self.user.id]["activities_done"], 1)
        self.assertEqual(april[self.user.id]["participants"], 11)
        # one second earlier is still March
        self._published_report(self.user, date(2026, 4, 1), "2026-03-31 15:59:59")
        march = self.Activity._bizreg_kpi_marketing(self.user.ids, *MARCH)
        self.assertEqual(march[self.user.id]["reports_published"], 1)

    def test_marketing_measures_constant_queries(self):
        self._fixture()
        others = self.env["hr.employee"].concat(
            *(
                bizreg_test_user(
                    self.env,
                    f"t_mkk_marketer{i}",
                    ["bizreg_marketing.group_bizreg_marketing_user"],
                    self.dept,
                ).employee_ids
                for i in range(6)
            )
        )
        two = self.emp1 | self.emp2
        eight = two | others
        self.assertEqual(len(eight), 8)
        self.assertEqual(len(eight.user_id), 8)

        def compute(employees):
            return self.Measure._bizreg_compute_measures(CODES, employees, *MARCH)

        counts = query_counts(self.env, compute, two, eight)
        self.assertEqual(counts[0], counts[1], counts)
        # The four measures share one call of the KPI API.
        self.assertEqual(
            query_counts(
                self.env,
                lambda emps: self.Measure._bizreg_compute_measures(
                    CODES[:1], emps, *MARCH
                ),
                eight,
            ),
            counts[1:],
        )

    def test_monthly_cycle_uses_marketing_measures(self):
        self._fixture()
        ref = self.env.ref
        on_time = ref("bizreg_appraisal.kpi_mk_activities_on_time")
        conversion = ref("bizreg_appraisal.kpi_mk_conversion")
        self.assertEqual(on_time.source, "measure")
        self.assertEqual(
            ref("bizreg_appraisal.kpi_mk_research_on_time").source, "measure"
        )
        self.assertEqual(ref("bizreg_appraisal.kpi_mk_participants").source, "measure")
        # market-share growth stays manual (DEFAULTS.md)
        self.assertEqual(ref("bizreg_appraisal.kpi_mk_market_share").source, "manual")
        self.env["bizreg.appraisal.template"].create(
            {
                "name": "T measured marketing",
                "sequence": 1,
                "department_ids": [Command.set(self.dept.ids)],
                "line_ids": [
                    Command.create({"kpi_id": on_time.id, "weight": 50, "target": 50}),
                    Command.create(
                        {"kpi_id": conversion.id, "weight": 50, "target": 25}
                    ),
                ],
            }
        )
        cycle = self.env["bizreg.appraisal.cycle"].create(
            {
                "cycle_type": "monthly",
                "year": 2026,
                "period": 3,
                "with_evaluations": False,
            }
        )
        cycle._bizreg_add_employees(self.emp1)
        cycle.action_start()
        cycle.action_open_evaluations()
        cycle.action_calibrate()
        lines = cycle.appraisal_ids.line_ids
        line = lines.filtered(lambda line: line.kpi_id == on_time)
        self.assertEqual(line.actual_value, 50.0)
        self.assertEqual(line.explanation["activities_done"], 2)
        self.assertEqual(line.score, 100.0)
        line = lines.filtered(lambda line: line.kpi_id == conversion)
        self.assertEqual(line.actual_value, 25.0)
        self.assertEqual(line.explanation["leads"], 4)
