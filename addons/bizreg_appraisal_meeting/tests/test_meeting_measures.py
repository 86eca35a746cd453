# Copyright 2026 bizreg
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

from datetime import date, datetime

from freezegun import freeze_time

from odoo import Command
from odoo.tests import TransactionCase, tagged

from odoo.addons.bizreg_appraisal.tests.common import query_counts
from odoo.addons.bizreg_base.tests.common import bizreg_test_user
from odoo.addons.bizreg_meeting.tests.common import USER, MeetingCommon

CODES = [
    "meeting_report_submission",
    "meeting_actions_on_time",
    "meeting_visits_as_planned",
]
MARCH = (date(2026, 3, 1), date(2026, 3, 31))
APRIL = (date(2026, 4, 1), date(2026, 4, 30))
BODY = "<p>Done this week.</p>"


@tagged("post_install", "-at_install")
class TestMeetingMeasures(MeetingCommon, TransactionCase):
    """The communication measures, from work reports the employees submitted
    and action items their owners closed, in a company of Asia/Shanghai."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls._meeting_setup()
        cls.Measure = cls.env["bizreg.appraisal.measure"]
        cls.Report = cls.env["bizreg.work.report"]
        cls.Action = cls.env["bizreg.meeting.action"]
        cls.emp1 = cls.member.employee_id
        cls.emp2 = cls.member2.employee_id
        cls.template = cls.env["bizreg.work.report.template"].create(
            {
                "name": "T weekly report",
                "department_id": cls.dept.id,
                "frequency": "weekly",
                "employee_ids": [Command.set((cls.emp1 | cls.emp2).ids)],
            }
        )
        cls.series = cls.env["bizreg.meeting.series"].create(
            {
                "name": "T weekly meeting",
                "department_id": cls.dept.id,
                "secretary_id": cls.member.id,
                "recurrence": "weekly",
                "weekday": "0",
                "time_start": 9.0,
                "duration": 1.0,
                "date_start": date(2026, 3, 2),
                "date_end": date(2026, 3, 2),
            }
        )
        cls.meeting = cls.series.meeting_ids[:1] or (
            cls.env["bizreg.meeting"]
            .sudo()
            .create(
                {
                    "series_id": cls.series.id,
                    "start": datetime(2026, 3, 2, 1, 0),
                    "stop": datetime(2026, 3, 2, 2, 0),
                    "user_id": cls.member.id,
                }
            )
        )

    # Fixtures -------------------------------------------------------------
    def _submit(self, report, when):
        report = report.with_user(report.user_id)
        report.content = BODY
        with freeze_time(when):
            report.action_submit()

    def _reports(self, day):
        reports = self.template._bizreg_generate_reports(day)
        return {report.user_id: report for report in reports}

    def _item(self, user, due, closed=None, cancel=False):
        """An action item of ``user`` due ``due``, closed by its owner at
        ``closed`` (UTC) or cancelled by the chair."""
        item = self.Action.sudo().create(
            {
                "meeting_id": self.meeting.id,
                "name": f"T item {due}",
                "user_id": user.id,
                "date_due": due,
            }
        )
        if closed:
            with freeze_time(closed):
                item.with_user(user).action_done()
        if cancel:
            item.with_user(self.head).action_cancel()
        return item

    def _fixture(self):
        """March: ``member`` submits both weekly reports (one late) and
        closes two items (one late), one item cancelled; ``member2`` submits
        one report of two and leaves an item open past its due date."""
        week1 = self._reports(date(2026, 3, 9))  # due Friday 13 March
        week2 = self._reports(date(2026, 3, 16))  # due Friday 20 March
        self._submit(week1[self.member], "2026-03-13 08:00:00")
        self._submit(week2[self.member], "2026-03-21 02:00:00")  # late
        self._submit(week1[self.member2], "2026-03-12 08:00:00")
        self._item(self.member, date(2026, 3, 10), closed="2026-03-09 08:00:00")
        self._item(self.member, date(2026, 3, 12), closed="2026-03-16 08:00:00")
        self._item(self.member, date(2026, 3, 20), cancel=True)
        self._item(self.member2, date(2026, 3, 25))
        # April: not counted in March
        self._item(self.member2, date(2026, 4, 2), closed="2026-04-01 08:00:00")

    # Tests ----------------------------------------------------------------
    @freeze_time("2026-04-15 04:00:00")
    def test_meeting_measures_hand_computed(self):
        self._fixture()
        results = self.Measure._bizreg_compute_measures(
            CODES, self.emp1 | self.emp2, *MARCH, self.env.company
        )
        mine = {code: results[code][self.emp1.id] for code in CODES}
        self.assertEqual(
            mine["meeting_report_submission"],
            (100.0, {"expected": 2, "submitted": 2, "on_time": 1}),
        )
        # two closed (one late), the cancelled one does not count
        self.assertEqual(
            mine["meeting_actions_on_time"],
            (50.0, {"due": 2, "done": 2, "on_time": 1}),
        )
        # no partner visit planned: no data (scores 0), not 0 %
        self.assertEqual(
            mine["meeting_visits_as_planned"],
            (None, {"planned": 0, "done_on_time": 0}),
        )
        theirs = {code: results[code][self.emp2.id] for code in CODES}
        self.assertEqual(theirs["meeting_report_submission"][0], 50.0)
        self.assertEqual(
            theirs["meeting_actions_on_time"],
            (0.0, {"due": 1, "done": 0, "on_time": 0}),
        )
        april = self.Measure._bizreg_compute_measures(
            CODES, self.emp1 | self.emp2, *APRIL, self.env.company
        )
        # nothing due in April for member: no data (scores 0), not 0 %
        self.assertIsNone(april["meeting_report_submission"][self.emp1.id][0])
        self.assertIsNone(april["meeting_actions_on_time"][self.emp1.id][0])
        self.assertEqual(april["meeting_actions_on_time"][self.emp2.id][0], 100.0)

    @freeze_time("2026-04-15 04:00:00")
    def test_figures_do_not_depend_on_who_asks(self):
        self._fixture()
        user_ids = (self.member | self.member2).ids
        as_system = self.Report._bizreg_kpi_reports(user_ids, *MARCH)
        self.assertEqual(
            self.Report.with_user(self.stranger)._bizreg_kpi_reports(user_ids, *MARCH),
            as_system,
        )
        actions = self.Action._bizreg_kpi_actions(user_ids, *MARCH)
        self.assertEqual(
            self.Action.with_user(self.stranger)._bizreg_kpi_actions(user_ids, *MARCH),
            actions,
        )

    @freeze_time("2026-04-15 04:00:00")
    def test_month_boundary_in_company_time_zone(self):
        """Asia/Shanghai: a report due at 00:30 local on 1 April (16:30 UTC
        on 31 March) belongs to April; one due at 18:00 local on 31 March
        to March."""
        daily = self.env["bizreg.work.report.template"].create(
            {
                "name": "T daily report",
                "department_id": self.dept.id,
                "frequency": "daily",
                "deadline_hour": 0.5,
                "employee_ids": [Command.set(self.emp1.ids)],
            }
        )
        early = daily._bizreg_generate_reports(date(2026, 4, 1))
        self.assertEqual(early.date_due, datetime(2026, 3, 31, 16, 30))
        late_march = self._reports(date(2026, 3, 30))[self.member]
        self.assertEqual(late_march.date_due, datetime(2026, 4, 3, 10, 0))
        monthly = self.env["bizreg.work.report.template"].create(
            {
                "name": "T monthly report",
                "department_id": self.dept.id,
                "frequency": "monthly",
                "employee_ids": [Command.set(self.emp1.ids)],
            }
        )
        month_end = monthly._bizreg_generate_reports(date(2026, 3, 1))
        self.assertEqual(month_end.date_due, datetime(2026, 3, 31, 10, 0))
        self._submit(early, "2026-03-31 16:00:00")
        self._submit(month_end, "2026-03-31 09:00:00")
        march = self.Report._bizreg_kpi_reports(self.member.ids, *MARCH)
        april = self.Report._bizreg_kpi_reports(self.member.ids, *APRIL)
        # March: the monthly report; April: the daily one of 1 April and
        # the weekly one due Friday 3 April (missing)
        self.assertEqual(
            march[self.member.id], {"expected": 1, "submitted": 1, "on_time": 1}
        )
        self.assertEqual(
            april[self.member.id], {"expected": 2, "submitted": 1, "on_time": 1}
        )
        # in UTC the daily report would have been March's
        utc = self.env["res.company"].create({"name": "T UTC company"})
        utc.partner_id.tz = "UTC"
        self.assertEqual(
            self.Report._bizreg_kpi_reports(self.member.ids, *MARCH, utc)[
                self.member.id
            ]["expected"],
            2,
        )

    def test_meeting_measures_constant_queries(self):
        with freeze_time("2026-04-15 04:00:00"):
            self._fixture()
        others = self.env["hr.employee"].concat(
            *(
                bizreg_test_user(
                    self.env, f"t_mtk_writer{i}", [USER], self.dept
                ).employee_id
                for i in range(8)
            )
        )
        self.template.employee_ids = self.emp1 | self.emp2 | others
        for report in self.template._bizreg_generate_reports(date(2026, 3, 23)):
            self._submit(report, "2026-03-26 08:00:00")
        for employee in others:
            self._item(
                employee.user_id, date(2026, 3, 24), closed="2026-03-24 08:00:00"
            )
        two = self.emp1 | self.emp2
        ten = two | others
        self.assertEqual(len(ten.user_id), 10)

        def compute(employees):
            with freeze_time("2026-04-15 04:00:00"):
                return self.Measure._bizreg_compute_measures(
                    CODES, employees, *MARCH, self.env.company
                )

        counts = query_counts(self.env, compute, two, ten)
        self.assertEqual(counts[0], counts[1], counts)
        with freeze_time("2026-04-15 04:00:00"):
            figures = self.Measure._bizreg_compute_measures(
                CODES, ten, *MARCH, self.env.company
            )
        self.assertEqual(figures["meeting_actions_on_time"][others[0].id][0], 100.0)

    def test_kpis_use_the_measures(self):
        report_kpi = self.env.ref("bizreg_appraisal_meeting.kpi_mt_report_submission")
        action_kpi = self.env.ref("bizreg_appraisal_meeting.kpi_mt_actions_on_time")
        self.assertEqual(report_kpi.source, "measure")
        self.assertEqual(report_kpi.measure_code, "meeting_report_submission")
        self.assertEqual(action_kpi.measure_code, "meeting_actions_on_time")
        visit_kpi = self.env.ref("bizreg_appraisal_meeting.kpi_mt_visits_as_planned")
        self.assertEqual(visit_kpi.measure_code, "meeting_visits_as_planned")
        for code in CODES:
            self.assertIn(code, self.Measure._bizreg_measure_codes())
