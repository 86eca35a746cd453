# Copyright 2026 bizreg
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

from datetime import date, datetime

from freezegun import freeze_time

from odoo import Command
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import TransactionCase, tagged

from odoo.addons.bizreg_base.tests.common import (
    assert_engine_fields_guarded,
    bizreg_test_user,
)

from .common import USER, MeetingCommon

# a week without public holidays: Friday 13 March 2026, 18:00 in Shanghai
# is 10:00 UTC
WEEK_DAY = date(2026, 3, 11)
DUE = datetime(2026, 3, 13, 10, 0)
BODY = "<h3>Done</h3><p>Visited three customers.</p>"


@tagged("post_install", "-at_install")
class TestWorkReport(MeetingCommon, TransactionCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls._meeting_setup()
        cls.Template = cls.env["bizreg.work.report.template"]
        cls.Report = cls.env["bizreg.work.report"]
        cls.template = cls.Template.create(
            {
                "name": "T weekly report",
                "department_id": cls.dept.id,
                "frequency": "weekly",
                "employee_ids": [
                    Command.set((cls.member.employee_id | cls.member2.employee_id).ids)
                ],
                "content_template": "<h3>Done</h3><p></p><h3>Next week</h3><p></p>",
            }
        )

    def _week(self, day=WEEK_DAY):
        reports = self.template._bizreg_generate_reports(day)
        return reports.filtered(lambda r: r.user_id == self.member), reports.filtered(
            lambda r: r.user_id == self.member2
        )

    def _submit(self, report, when):
        report.with_user(report.user_id).content = BODY
        with freeze_time(when):
            report.with_user(report.user_id).action_submit()
        report.invalidate_recordset()
        return report

    # Expected reports and deadlines -----------------------------------------
    def test_cron_creates_expected_reports_once(self):
        created = self.template._bizreg_generate_reports(WEEK_DAY)
        self.assertEqual(created.user_id, self.member | self.member2)
        self.assertEqual(set(created.mapped("date_from")), {date(2026, 3, 9)})
        self.assertEqual(set(created.mapped("date_to")), {date(2026, 3, 15)})
        self.assertEqual(set(created.mapped("state")), {"draft"})
        for report in created:
            # the author's manager (employee's manager) receives it
            self.assertEqual(report.recipient_ids, self.head)
            self.assertEqual(report.manager_user_id, self.head)
            self.assertEqual(report.department_id, self.dept)
            self.assertIn("Next week", report.content)
        # again, another day of the same week: nothing new
        self.assertFalse(self.template._bizreg_generate_reports(date(2026, 3, 14)))
        self.assertEqual(
            self.Report.search_count([("template_id", "=", self.template.id)]), 2
        )
        # the next week: two more
        self.assertEqual(
            len(self.template._bizreg_generate_reports(date(2026, 3, 16))), 2
        )
        # the cron covers the current period of every template
        with freeze_time("2026-03-23 02:00:00"):
            self.Template._cron_work_reports()
            self.Template._cron_work_reports()
        self.assertEqual(
            self.Report.search_count([("template_id", "=", self.template.id)]), 6
        )

    def test_department_default_authors_and_extra_recipients(self):
        template = self.Template.create(
            {
                "name": "T daily report",
                "department_id": self.dept.id,
                "frequency": "daily",
                "recipient_user_ids": [Command.set(self.director.ids)],
            }
        )
        reports = template._bizreg_generate_reports(WEEK_DAY)
        # every employee of the department, the head included
        self.assertEqual(reports.user_id, self.head | self.member | self.member2)
        mine = reports.filtered(lambda r: r.user_id == self.member)
        self.assertEqual(mine.recipient_ids, self.head | self.director)
        # the head has no manager above him: the extra recipient only
        head = reports.filtered(lambda r: r.user_id == self.head)
        self.assertEqual(head.recipient_ids, self.director)
        # no daily report on a Saturday
        self.assertFalse(template._bizreg_generate_reports(date(2026, 3, 14)))

    def test_deadlines_in_company_time_zone(self):
        mine, _other = self._week()
        # Friday 18:00 Asia/Shanghai
        self.assertEqual(mine.date_due, DUE)
        # one working day later: Monday 16 March (Shanghai)
        self.assertEqual(mine.date_escalation.date(), date(2026, 3, 16))
        self.assertGreater(mine.date_escalation, datetime(2026, 3, 16, 0, 0))
        monthly = self.Template.create(
            {
                "name": "T monthly report",
                "department_id": self.dept.id,
                "frequency": "monthly",
                "employee_ids": [Command.set(self.member.employee_id.ids)],
            }
        )
        # March 2026 ends on a Tuesday; May 2026 on a Sunday: Friday 29 May
        march = monthly._bizreg_generate_reports(date(2026, 3, 5))
        self.assertEqual(march.date_due, datetime(2026, 3, 31, 10, 0))
        may = monthly._bizreg_generate_reports(date(2026, 5, 20))
        self.assertEqual(may.date_due, datetime(2026, 5, 29, 10, 0))

    def test_holiday_on_due_weekday_moves_deadline_earlier(self):
        calendar = self.env.company.resource_calendar_id
        self.assertTrue(calendar)
        self.env["resource.calendar.leaves"].create(
            {
                "name": "T holiday",
                "calendar_id": calendar.id,
                "company_id": self.env.company.id,
                # Friday 13 March 2026 in Shanghai
                "date_from": datetime(2026, 3, 12, 16, 0),
                "date_to": datetime(2026, 3, 13, 15, 59, 59),
            }
        )
        mine, _other = self._week()
        self.assertEqual(mine.date_due, datetime(2026, 3, 12, 10, 0))

    # Who does what ------------------------------------------------------------
    def test_submit_by_author_only(self):
        mine, _other = self._week()
        for user in (self.member2, self.head, self.director):
            with self.assertRaises(AccessError, msg=user.login):
                mine.with_user(user).action_submit()
        with self.assertRaises(UserError):  # nothing written yet
            mine.with_user(self.member).write({"content": "<p><br></p>"})
            mine.with_user(self.member).action_submit()
        self._submit(mine, "2026-03-13 09:00:00")
        self.assertEqual(mine.state, "submitted")
        self.assertEqual(mine.date_submitted, datetime(2026, 3, 13, 9, 0))
        self.assertFalse(mine.is_late)
        with self.assertRaises(UserError):
            mine.with_user(self.member).action_submit()

    def test_content_frozen_after_submission(self):
        mine, _other = self._week()
        with self.assertRaises(AccessError):  # the manager does not write it
            mine.with_user(self.head).write({"content": "<p>Rewritten</p>"})
        self._submit(mine, "2026-03-13 09:00:00")
        with self.assertRaises(UserError):
            mine.with_user(self.member).write({"content": "<p>Changed</p>"})
        mine.invalidate_recordset()
        self.assertIn("Visited three customers", mine.content)
        # a correction goes into the chatter
        mine.with_user(self.member).message_post(body="Correction: four customers.")

    def test_comment_by_recipient_only(self):
        mine, _other = self._week()
        with self.assertRaises(UserError):  # not submitted yet
            mine.with_user(self.head).write({"manager_comment": "Too early"})
        self._submit(mine, "2026-03-13 09:00:00")
        for user in (self.member, self.director):
            with self.assertRaises(AccessError, msg=user.login):
                mine.with_user(user).write({"manager_comment": "Not mine"})
        for user in (self.member2, self.other_head):  # cannot even read it
            with self.assertRaises(AccessError, msg=user.login):
                mine.with_user(user).write({"manager_comment": "Not mine"})
        with self.assertRaises(UserError):  # an empty comment
            mine.with_user(self.head).action_comment()
        mine.with_user(self.head).write({"manager_comment": "Good, go on."})
        mine.with_user(self.head).action_comment()
        mine.invalidate_recordset()
        self.assertEqual(mine.state, "commented")
        self.assertEqual(mine.commented_by_id, self.head)
        self.assertEqual(mine.manager_comment, "Good, go on.")

    def test_colleagues_do_not_read_reports(self):
        mine, theirs = self._week()
        reports = mine | theirs
        # the author reads his own, not his colleague's
        self.assertEqual(self.Report.with_user(self.member).search([]), mine)
        with self.assertRaises(AccessError):
            theirs.with_user(self.member).read(["content"])
        for user in (self.stranger, self.other_head):
            self.assertFalse(
                self.Report.with_user(user).search([("id", "in", reports.ids)])
            )
            with self.assertRaises(AccessError):
                mine.with_user(user).read(["content"])
            self.assertFalse(
                self.env["bizreg.work.report.stat"]
                .with_user(user)
                .search([("report_id", "in", reports.ids)])
            )
        # recipient, department manager, Director and Auditor read them
        for user in (self.head, self.director, self.auditor):
            self.assertEqual(
                self.Report.with_user(user).search([("id", "in", reports.ids)]),
                reports,
                user.login,
            )
        # a recipient outside the department reads the report addressed to him
        extra = bizreg_test_user(self.env, "t_mt_extra", [USER], self.other_dept)
        self.template.recipient_user_ids = extra
        nxt = self.template._bizreg_generate_reports(date(2026, 3, 18))
        self.assertEqual(
            self.Report.with_user(extra).search([("id", "in", (reports | nxt).ids)]),
            nxt,
        )

    # Deadlines ---------------------------------------------------------------
    def test_late_flag(self):
        mine, theirs = self._week()
        self._submit(mine, "2026-03-13 09:59:00")
        self._submit(theirs, "2026-03-13 10:01:00")
        self.assertFalse(mine.is_late)
        self.assertTrue(theirs.is_late)
        self.assertEqual(
            self.Report.search(
                [("id", "in", (mine | theirs).ids), ("is_late", "=", True)]
            ),
            theirs,
        )

    def test_reminder_then_escalation(self):
        mine, theirs = self._week()
        followup = self.env.ref("bizreg_base.mail_activity_bizreg_followup")
        self._submit(theirs, "2026-03-13 08:00:00")
        with freeze_time("2026-03-13 09:59:00"):
            fired = self.Report._bizreg_run_escalations()
            mine.invalidate_recordset(["is_missing"])
            self.assertFalse(mine.is_missing)
            self.assertNotIn(mine, self.Report.search([("is_missing", "=", True)]))
        self.assertEqual(fired, {"reminder": 0, "escalation": 0})
        with freeze_time("2026-03-13 10:05:00"):
            fired = self.Report._bizreg_run_escalations()
            mine.invalidate_recordset(["is_missing"])
            self.assertTrue(mine.is_missing)
            self.assertIn(mine, self.Report.search([("is_missing", "=", True)]))
        self.assertEqual(fired["reminder"], 1)  # the submitted one is not reminded
        mine.invalidate_recordset()
        self.assertTrue(mine.is_late)
        activity = mine.activity_ids
        self.assertEqual(activity.user_id, self.member)
        self.assertEqual(activity.activity_type_id, followup)
        # Saturday: not yet a working day after the due date
        with freeze_time("2026-03-14 10:00:00"):
            fired = self.Report._bizreg_run_escalations()
        self.assertEqual(fired["escalation"], 0)
        with freeze_time("2026-03-16 12:00:00"):
            fired = self.Report._bizreg_run_escalations()
            self.assertEqual(fired["escalation"], 1)
            self.assertEqual(
                self.Report._bizreg_run_escalations(),
                {"reminder": 0, "escalation": 0},
            )
        mine.invalidate_recordset()
        self.assertEqual(mine.activity_ids.user_id, self.member | self.head)
        # submitting late closes the reminders; the report stays late
        self._submit(mine, "2026-03-16 13:00:00")
        self.assertFalse(mine.activity_ids)
        self.assertTrue(mine.is_late)
        self.assertFalse(mine.is_missing)
        self.assertEqual(mine.state, "submitted")

    # Statistics ----------------------------------------------------------------
    def test_statistics_and_kpi_figures(self):
        mine, theirs = self._week()
        self._submit(mine, "2026-03-13 08:00:00")
        next_mine, next_theirs = self._week(date(2026, 3, 18))
        self._submit(next_mine, "2026-03-21 08:00:00")  # late
        self.Report.flush_model()
        Stat = self.env["bizreg.work.report.stat"]
        rows = {
            user: (expected, submitted, late, rate)
            for user, expected, submitted, late, rate in Stat._read_group(
                [("template_id", "=", self.template.id)],
                ["user_id"],
                [
                    "expected_count:sum",
                    "submitted_count:sum",
                    "late_count:sum",
                    "submission_rate:avg",
                ],
            )
        }
        self.assertEqual(rows[self.member], (2, 2, 1, 100.0))
        # the colleague submitted neither: both missing
        self.assertEqual(rows[self.member2], (2, 0, 0, 0.0))
        by_department = Stat._read_group(
            [("template_id", "=", self.template.id)],
            ["department_id"],
            ["submission_rate:avg", "missing_count:sum"],
        )
        self.assertEqual(by_department, [(self.dept, 50.0, 2)])
        # the manager reads the statistics of his department
        self.assertEqual(
            Stat.with_user(self.head).search_count(
                [("template_id", "=", self.template.id)]
            ),
            4,
        )
        self.assertEqual(
            Stat.with_user(self.member).search_count(
                [("template_id", "=", self.template.id)]
            ),
            2,
        )
        march = (date(2026, 3, 1), date(2026, 3, 31))
        with freeze_time("2026-04-01 00:00:00"):
            figures = self.Report._bizreg_kpi_reports(
                (self.member | self.member2).ids, *march, self.env.company
            )
        self.assertEqual(
            figures[self.member.id], {"expected": 2, "submitted": 2, "on_time": 1}
        )
        self.assertEqual(
            figures[self.member2.id], {"expected": 2, "submitted": 0, "on_time": 0}
        )
        # a week not yet due is not expected, unless submitted already
        with freeze_time("2026-03-16 00:00:00"):
            figures = self.Report._bizreg_kpi_reports(
                self.member | self.member2, *march, self.env.company
            )
        self.assertEqual(figures[self.member2.id]["expected"], 1)
        self.assertEqual(figures[self.member.id]["expected"], 2)

    def test_kpi_api_constant_queries(self):
        users = self.env["res.users"]
        for i in range(8):
            user = bizreg_test_user(self.env, f"t_mt_writer{i}", [USER], self.dept)
            users |= user
        self.template.employee_ids = (
            self.member.employee_id | self.member2.employee_id | users.employee_id
        )
        for report in self.template._bizreg_generate_reports(WEEK_DAY):
            if report.user_id.id % 2:
                self._submit(report, "2026-03-13 08:00:00")
        self.env.flush_all()
        march = (date(2026, 3, 1), date(2026, 3, 31))
        two = (self.member | self.member2).ids
        ten = two + users.ids

        def count(user_ids):
            self.env.invalidate_all()
            before = self.env.cr.sql_log_count
            figures = self.Report._bizreg_kpi_reports(user_ids, *march)
            self.assertEqual(set(figures), set(user_ids))
            return self.env.cr.sql_log_count - before

        count(ten)  # warm-up
        self.assertEqual(count(two), count(ten))

    # Engine fields and bad input -------------------------------------------------
    def test_engine_fields_guarded(self):
        mine, _other = self._week()
        # another template to forge a value of the template with
        self.template.copy({"name": "T other template"})
        tried = assert_engine_fields_guarded(self, mine, self.member)
        for name in (
            "state",
            "date_submitted",
            "is_late",
            "date_due",
            "recipient_ids",
            "user_id",
            "template_id",
        ):
            self.assertIn(name, tried)
        tried = assert_engine_fields_guarded(self, mine, self.head)
        self.assertIn("commented_by_id", tried)

    def test_default_context_keys_ignored(self):
        defaults = (
            self.Report.with_user(self.member)
            .with_context(
                default_state="commented",
                default_date_submitted="2026-03-01 00:00:00",
                default_is_late=False,
            )
            .default_get(["state", "date_submitted", "is_late"])
        )
        self.assertEqual(defaults.get("state"), "draft")
        self.assertFalse(defaults.get("date_submitted"))
        # and nobody creates a report by hand: the cron does
        with self.assertRaises(AccessError):
            self.Report.with_user(self.member).create(
                {
                    "template_id": self.template.id,
                    "date_from": "2026-03-09",
                    "date_to": "2026-03-15",
                }
            )

    def test_bad_input(self):
        with self.assertRaises(ValidationError):
            self.Report.sudo().create(
                {
                    "template_id": self.template.id,
                    "user_id": self.member.id,
                    "date_from": "2026-03-15",
                    "date_to": "2026-03-09",
                }
            )
        with self.assertRaises(ValidationError):
            self.Template.create(
                {
                    "name": "T bad hour",
                    "department_id": self.dept.id,
                    "deadline_hour": 25,
                }
            )
        with self.assertRaises(ValidationError):
            self.template.frequency = "fortnightly"

    def test_demo_reports(self):
        """The demo story: the sales team's weekly reports to 李娜 (on time,
        late, one missing, one commented) and the service team's monthly
        reports to 陈静."""
        weekly = self.env.ref("bizreg_meeting.work_report_template_sale_weekly")
        monthly = self.env.ref("bizreg_meeting.work_report_template_service_monthly")
        sales = self.Report.search([("template_id", "=", weekly.id)])
        manager = self.env.ref("bizreg_base.user_sale_manager")
        self.assertEqual(
            sales.user_id,
            self.env.ref("bizreg_base.user_sale_user")
            | self.env.ref("bizreg_base.user_sale_user2"),
        )
        self.assertEqual(sales.recipient_ids, manager)
        self.assertEqual(
            sorted(sales.mapped("state")),
            ["commented", "draft", "submitted", "submitted"],
        )
        self.assertEqual(len(sales.filtered("is_late")), 2)  # late and missing
        self.assertEqual(len(sales.filtered("is_missing")), 1)
        service = self.Report.search([("template_id", "=", monthly.id)])
        self.assertEqual(
            service.recipient_ids, self.env.ref("bizreg_base.user_service_manager")
        )
        self.assertEqual(set(service.mapped("state")), {"submitted"})
        # the colleague 林晓东 reads none of them
        colleague = self.env.ref("bizreg_base.user_employee")
        self.assertFalse(
            self.Report.with_user(colleague).search(
                [("id", "in", (sales | service).ids)]
            )
        )
