# Copyright 2026 bizreg
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

from datetime import date, datetime

from freezegun import freeze_time

from odoo import Command
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import TransactionCase, tagged
from odoo.tools import SQL

from odoo.addons.bizreg_base.tests.common import (
    assert_engine_fields_guarded,
    assert_user_writes_then_guarded,
)
from odoo.addons.bizreg_base.tools import trusted

from .research_common import ResearchCommon


@tagged("post_install", "-at_install")
class TestResearchPlan(ResearchCommon, TransactionCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls._research_setup()

    def test_plan_flow(self):
        plan = self._plan()
        self.assertEqual(plan.department_id, self.dept)
        plan.action_submit()
        self.assertEqual(plan.state, "to_approve")
        self.assertEqual(plan.validation_status, "pending")
        # the requester cannot approve; the manager does
        plan.with_user(self.manager).validate_tier()
        plan.invalidate_recordset()
        self.assertEqual(plan.state, "approved")
        self.assertTrue(plan.bizreg_approved_digest)
        # closing needs a published report
        with self.assertRaises(UserError):
            plan.action_done()
        report = self._approve_report(self._report(plan))
        report.action_publish()
        plan.invalidate_recordset()
        self.assertTrue(plan.has_published_report)
        plan.action_done()
        self.assertEqual(plan.state, "done")
        self.assertTrue(plan.date_done)

    def test_own_approval_refused(self):
        plan = self._plan(self.manager)
        plan.action_submit()
        with self.assertRaises(UserError):
            plan.validate_tier()
        plan.invalidate_recordset()
        self.assertEqual(plan.state, "to_approve")
        self.assertEqual(plan.validation_status, "pending")
        # a researcher who is not a reviewer cannot approve either
        other = self._plan()
        other.action_submit()
        with self.assertRaises(UserError):
            other.with_user(self.colleague).validate_tier()
        self.assertEqual(other.state, "to_approve")

    def test_guarded_action_before_approval(self):
        plan = self._plan()
        with self.assertRaises(UserError):
            plan.action_done()
        plan.action_submit()
        with self.assertRaises(UserError):
            plan.action_done()
        # a direct write of the state is refused too, and nothing changes
        with self.assertRaises(UserError):
            plan.write({"state": "done"})
        plan.invalidate_recordset()
        self.assertEqual(plan.sudo().state, "to_approve")

    def test_fingerprint_checked_at_close(self):
        """A change of the terms that bypassed the ORM is caught by the
        guarded action."""
        plan = self._approved_plan()
        report = self._approve_report(self._report(plan))
        report.action_publish()
        milestone = plan.milestone_ids[0]
        self.env.cr.execute(
            SQL(
                "UPDATE bizreg_marketing_research_milestone SET date = %s "
                "WHERE id = %s",
                date(2026, 3, 25),
                milestone.id,
            )
        )
        self.env.invalidate_all()
        with self.assertRaises(UserError):
            plan.action_done()
        self.assertEqual(plan.sudo().state, "approved")

    def test_engine_fields_guarded(self):
        plan = self._plan()
        tried = assert_user_writes_then_guarded(
            self, plan, self.researcher, {"subject": "Distributors"}
        )
        for name in (
            "date_done",
            "department_id",
            "has_published_report",
            "report_reminder_deadline",
            "report_reminder_date",
            "report_overdue_date",
            "bizreg_approved_digest",
        ):
            self.assertIn(name, tried)
        # default_<field> keys of engine fields are ignored
        created = (
            self.Plan.with_user(self.researcher)
            .with_context(
                default_state="approved", default_date_done="2026-01-01 00:00:00"
            )
            .create(
                {
                    "name": "Defaults",
                    "date_start": date(2026, 3, 1),
                    "date_report_due": date(2026, 3, 31),
                }
            )
        )
        self.assertEqual(created.state, "draft")
        self.assertFalse(created.date_done)
        # the state changes through the actions only (approval mixin)
        with self.assertRaises(UserError):
            plan.with_user(self.researcher).write({"state": "approved"})
        with self.assertRaises(UserError):
            self.Plan.with_user(self.researcher).create(
                {
                    "name": "Forged",
                    "state": "done",
                    "date_start": date(2026, 3, 1),
                    "date_report_due": date(2026, 3, 31),
                }
            )
        # on an approved plan the engine's stamps stay guarded
        approved = self._approved_plan()
        tried = assert_engine_fields_guarded(
            self,
            approved,
            self.researcher,
            skip=set(approved._bizreg_engine_owned_fields())
            - {"date_done", "report_reminder_date", "report_overdue_date"},
        )
        self.assertEqual(
            tried, {"date_done", "report_reminder_date", "report_overdue_date"}
        )

    def test_milestone_change_sends_plan_back(self):
        plan = self._approved_plan()
        milestone = plan.milestone_ids.sorted("date")[0]
        # progress is not a term: the approval holds
        milestone.with_user(self.researcher).write({"done": True, "note": "ok"})
        plan.invalidate_recordset()
        self.assertEqual(plan.state, "approved")
        self.assertEqual(plan.validation_status, "validated")
        # a new date is: back to review
        milestone.with_user(self.researcher).write({"date": date(2026, 3, 12)})
        plan.invalidate_recordset()
        self.assertEqual(plan.state, "to_approve")
        self.assertEqual(plan.validation_status, "pending")
        self.assertFalse(plan.bizreg_approved_digest)
        plan.with_user(self.manager).validate_tier()
        plan.invalidate_recordset()
        self.assertEqual(plan.state, "approved")
        # through the plan's form (one2many command), a new milestone
        plan.with_user(self.researcher).write(
            {
                "milestone_ids": [
                    Command.create({"name": "Extra", "date": date(2026, 3, 28)})
                ]
            }
        )
        plan.invalidate_recordset()
        self.assertEqual(plan.state, "to_approve")
        plan.with_user(self.manager).validate_tier()
        plan.invalidate_recordset()
        self.assertEqual(plan.state, "approved")
        # deleting one
        plan.milestone_ids[-1:].with_user(self.researcher).unlink()
        plan.invalidate_recordset()
        self.assertEqual(plan.state, "to_approve")

    def test_milestones_frozen_under_review(self):
        plan = self._plan()
        plan.action_submit()
        milestone = plan.milestone_ids[0]
        with self.assertRaises(UserError):
            milestone.with_user(self.researcher).write({"date": date(2026, 3, 15)})
        with self.assertRaises(UserError):
            self.env["bizreg.marketing.research.milestone"].with_user(
                self.researcher
            ).create({"plan_id": plan.id, "name": "Sneaky", "date": date(2026, 3, 5)})
        self.assertEqual(milestone.date, date(2026, 3, 10))
        self.assertEqual(len(plan.milestone_ids), 2)
        # the plan's own fields are locked by the review as well
        with self.assertRaises(ValidationError):
            plan.write({"date_report_due": date(2026, 4, 30)})

    def test_bad_dates(self):
        with self.assertRaises(ValidationError) as caught:
            self._plan(date_start=date(2026, 3, 10), date_report_due=date(2026, 3, 1))
        self.assertIn("Report Due Date", str(caught.exception))
        plan = self._plan()
        with self.assertRaises(ValidationError):
            plan.write({"date_report_due": date(2026, 2, 1)})

    def test_submit_needs_milestones(self):
        plan = self._plan(milestone_ids=[])
        with self.assertRaises(UserError):
            plan.action_submit()
        self.assertEqual(plan.state, "draft")

    def test_department_scope(self):
        plan = self._plan()
        # another department's staff and manager do not see it
        for user in (self.stranger, self.other_manager):
            self.assertFalse(self.Plan.with_user(user).search([("id", "=", plan.id)]))
            with self.assertRaises(AccessError):
                plan.with_user(user).read(["name"])
        # a colleague reads it but does not change it
        self.assertTrue(
            self.Plan.with_user(self.colleague).search([("id", "=", plan.id)])
        )
        with self.assertRaises(AccessError):
            plan.with_user(self.colleague).write({"name": "Taken over"})
        # the department's manager changes it; the auditor and the director read
        plan.with_user(self.manager).write({"name": "Controller market 2027"})
        self.assertEqual(plan.name, "Controller market 2027")
        for user in (self.auditor, self.director):
            self.assertEqual(plan.with_user(user).read(["name"])[0]["name"], plan.name)
        with self.assertRaises(AccessError):
            plan.with_user(self.auditor).write({"name": "Audited"})
        # milestones follow their plan
        Milestone = self.env["bizreg.marketing.research.milestone"]
        self.assertFalse(
            Milestone.with_user(self.stranger).search([("plan_id", "=", plan.id)])
        )
        self.assertEqual(
            len(
                Milestone.with_user(self.colleague).search([("plan_id", "=", plan.id)])
            ),
            2,
        )

    def test_back_to_draft_voids_approval(self):
        plan = self._approved_plan()
        plan.action_draft()
        self.assertEqual(plan.state, "draft")
        self.assertFalse(plan.review_ids)
        self.assertFalse(plan.bizreg_approved_digest)
        plan.write({"name": "Revised"})
        plan.action_submit()
        self.assertEqual(plan.state, "to_approve")

    def test_rejection_returns_to_draft(self):
        plan = self._plan()
        plan.action_submit()
        action = plan.with_user(self.manager).reject_tier()
        wizard = (
            self.env["comment.wizard"]
            .with_user(self.manager)
            .with_context(**action["context"])
            .create({"comment": "Objectives unclear"})
        )
        wizard.add_comment()
        plan.invalidate_recordset()
        self.assertEqual(plan.state, "draft")
        plan.write({"name": "Clearer objectives"})
        plan.action_submit()
        self.assertEqual(plan.validation_status, "pending")

    def test_escalations(self):
        plan = self._approved_plan()
        # due 2026-03-31 in Asia/Shanghai; reminder 3 days before, 00:00 local
        self.assertEqual(plan.report_reminder_deadline, datetime(2026, 3, 27, 16, 0))
        self.assertEqual(plan.report_overdue_deadline, datetime(2026, 3, 31, 16, 0))
        Activity = self.env["mail.activity"]

        def activities(user):
            return Activity.search(
                [
                    ("res_model", "=", plan._name),
                    ("res_id", "=", plan.id),
                    ("user_id", "=", user.id),
                ]
            )

        with trusted("engine"):
            fired = self.Plan._bizreg_run_escalations(now=datetime(2026, 3, 27, 15, 59))
        self.assertEqual(fired["report_due"], 0)
        with trusted("engine"):
            fired = self.Plan._bizreg_run_escalations(now=datetime(2026, 3, 27, 16, 0))
        self.assertEqual(fired["report_due"], 1)
        self.assertEqual(fired["report_overdue"], 0)
        self.assertEqual(len(activities(self.researcher)), 1)
        with trusted("engine"):
            fired = self.Plan._bizreg_run_escalations(now=datetime(2026, 4, 1, 0, 0))
        self.assertEqual(fired["report_due"], 0)  # once only
        self.assertEqual(fired["report_overdue"], 1)
        self.assertEqual(len(activities(self.manager)), 1)
        self.assertTrue(plan.report_overdue_date)

    def test_no_escalation_once_published(self):
        plan = self._approved_plan()
        report = self._approve_report(self._report(plan))
        report.action_publish()
        with trusted("engine"):
            fired = self.Plan._bizreg_run_escalations(now=datetime(2026, 4, 2, 0, 0))
        self.assertFalse(any(fired.values()))

    def test_cron_fires_reminders(self):
        plan = self._approved_plan()
        cron = self.env.ref("bizreg_marketing.ir_cron_bizreg_research_report_deadlines")
        with freeze_time("2026-03-28 00:00:00"):
            cron.method_direct_trigger()
        self.assertTrue(plan.report_reminder_date)
        self.assertFalse(plan.report_overdue_date)

    def test_reminder_days_setting(self):
        self.company.bizreg_marketing_report_reminder_days = 7
        plan = self._plan()
        self.assertEqual(plan.report_reminder_deadline, datetime(2026, 3, 23, 16, 0))
        with self.assertRaises(ValidationError):
            self.company.bizreg_marketing_report_reminder_days = -1


@tagged("post_install", "-at_install")
class TestResearchReport(ResearchCommon, TransactionCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls._research_setup()
        cls.plan = cls._approved_plan_cls()

    @classmethod
    def _approved_plan_cls(cls):
        plan = cls.Plan.with_user(cls.researcher).create(
            {
                "name": "Report plan",
                "date_start": date(2026, 3, 1),
                "date_report_due": date(2026, 3, 31),
                "milestone_ids": [
                    Command.create({"name": "Interviews", "date": date(2026, 3, 20)})
                ],
            }
        )
        plan.action_submit()
        plan.with_user(cls.manager).validate_tier()
        return plan

    def test_publish_flow_and_number(self):
        report = self._report(self.plan)
        self.assertFalse(report.bizreg_number)
        with self.assertRaises(UserError):
            report.action_publish()
        report.action_submit()
        self.assertRegex(report.bizreg_number, r"^MR-\d{4}-\d{4}$")
        with self.assertRaises(UserError):
            report.action_publish()
        report.with_user(self.manager).validate_tier()
        report.invalidate_recordset()
        self.assertEqual(report.state, "approved")
        report.action_publish()
        self.assertEqual(report.state, "published")
        self.assertTrue(report.date_published)
        # a published report does not change any more
        with self.assertRaises(UserError):
            report.write({"findings": "<p>rewritten</p>"})

    def test_own_approval_refused(self):
        plan = self._approved_plan(self.manager)
        report = self._report(plan, self.manager)
        report.action_submit()
        with self.assertRaises(UserError):
            report.validate_tier()
        self.assertEqual(report.state, "to_approve")

    def test_report_needs_approved_plan(self):
        draft_plan = self._plan()
        with self.assertRaises(ValidationError):
            self._report(draft_plan)

    def test_engine_fields_guarded(self):
        report = self._approve_report(self._report(self.plan))
        report.action_publish()
        draft = self._report(self.plan, name="Second")
        assert_user_writes_then_guarded(
            self,
            draft,
            self.researcher,
            {"name": "Second report"},
            expected=(
                "bizreg_number",
                "date_published",
                "is_late",
                "date_report_due",
                "department_id",
            ),
        )
        tried = assert_engine_fields_guarded(self, report, self.researcher)
        self.assertIn("date_published", tried)
        with self.assertRaises(UserError):
            draft.with_user(self.researcher).write({"state": "published"})
        self.assertEqual(draft.state, "draft")
        with self.assertRaises(AccessError):
            self.Report.with_user(self.researcher).create(
                {"name": "Forged", "plan_id": self.plan.id, "bizreg_number": "MR-1"}
            )

    def test_fingerprint_checked_at_publish(self):
        report = self._approve_report(self._report(self.plan, findings="<p>A</p>"))
        # a direct change is refused while approved...
        with self.assertRaises(ValidationError):
            report.write({"findings": "<p>B</p>"})
        # ...and one that bypassed the ORM is caught when publishing
        self.env.cr.execute(
            SQL(
                "UPDATE bizreg_marketing_research_report SET findings = %s "
                "WHERE id = %s",
                "<p>B</p>",
                report.id,
            )
        )
        self.env.invalidate_all()
        with self.assertRaises(UserError):
            report.action_publish()
        self.assertEqual(report.sudo().state, "approved")

    def test_late_boundary_shanghai(self):
        """Due 2026-03-31: on time until 23:59:59 in Shanghai (15:59:59 UTC)."""
        on_time = self._approve_report(self._report(self.plan, name="On time"))
        late = self._approve_report(self._report(self.plan, name="Late"))
        with freeze_time("2026-03-31 15:59:59"):
            on_time.action_publish()
        with freeze_time("2026-03-31 16:00:00"):
            late.action_publish()
        self.assertEqual(on_time.date_report_due, date(2026, 3, 31))
        self.assertFalse(on_time.is_late)
        self.assertTrue(late.is_late)
        self.assertEqual(
            self.Report.search(
                [("is_late", "=", True), ("plan_id", "=", self.plan.id)]
            ),
            late,
        )

    def test_numbering_gapless_and_voided(self):
        Void = self.env["bizreg.numbering.void"]
        first = self._report(self.plan, name="First")
        first.action_submit()
        number = first.bizreg_number
        prefix, seq = number.rsplit("-", 1)
        # cancel: the number is voided and not reused
        first.action_cancel()
        self.assertEqual(first.bizreg_number, number)
        self.assertTrue(Void.search([("name", "=", number), ("res_id", "=", first.id)]))
        second = self._report(self.plan, name="Second")
        second.action_submit()
        self.assertEqual(second.bizreg_number, f"{prefix}-{int(seq) + 1:04d}")
        # back to draft keeps the number; deleting the draft voids it
        second.action_draft()
        self.assertEqual(second.bizreg_number, f"{prefix}-{int(seq) + 1:04d}")
        second_number, second_id = second.bizreg_number, second.id
        second.unlink()
        self.assertTrue(
            Void.search([("name", "=", second_number), ("res_id", "=", second_id)])
        )
        # a cancelled report brought back gets a new number when resubmitted
        first.action_draft()
        self.assertFalse(first.bizreg_number)
        first.action_submit()
        self.assertEqual(first.bizreg_number, f"{prefix}-{int(seq) + 2:04d}")

    def test_approved_report_cannot_be_deleted(self):
        report = self._approve_report(self._report(self.plan))
        with self.assertRaises(UserError):
            report.unlink()
        self.assertTrue(report.exists())

    def test_entries_of_a_reviewed_report_stay(self):
        entry = self.Entry.with_user(self.researcher).create(
            {"plan_id": self.plan.id, "name": "Price cut", "kind": "competitor"}
        )
        report = self._report(self.plan, entry_ids=[Command.set(entry.ids)])
        report.action_submit()
        with self.assertRaises(UserError):
            entry.with_user(self.researcher).unlink()
        self.assertTrue(entry.exists())
        # entries of another plan are refused
        other_plan = self._approved_plan(name="Other")
        other_entry = self.Entry.with_user(self.researcher).create(
            {"plan_id": other_plan.id, "name": "Elsewhere", "kind": "other"}
        )
        with self.assertRaises(ValidationError):
            self._report(self.plan, entry_ids=[Command.set(other_entry.ids)])

    def test_report_department_scope(self):
        report = self._report(self.plan)
        self.assertFalse(
            self.Report.with_user(self.stranger).search([("id", "=", report.id)])
        )
        self.assertTrue(
            self.Report.with_user(self.auditor).search([("id", "=", report.id)])
        )
        with self.assertRaises(AccessError):
            report.with_user(self.auditor).write({"name": "x"})

    def _entry(self, **vals):
        base = {
            "plan_id": self.plan.id,
            "name": "Packaging fair survey",
            "kind": "industry_report",
            "source": "CPPIA yearbook 2026",
            "date": date(2026, 3, 12),
        }
        base.update(vals)
        return self.Entry.with_user(self.researcher).create(base)

    def _render(self, report, user):
        html, _kind = (
            self.env["ir.actions.report"]
            .with_user(user)
            ._render_qweb_pdf(
                "bizreg_marketing.action_report_bizreg_marketing_research_report",
                report.ids,
            )
        )
        return html.decode() if isinstance(html, bytes) else html

    def test_print_paper_form(self):
        entry = self._entry()
        report = self._report(
            self.plan,
            findings="<p>Delivery time matters most to buyers</p>",
            entry_ids=[Command.set(entry.ids)],
        )
        action = report.with_user(self.researcher).action_print()
        self.assertEqual(action["type"], "ir.actions.report")
        self.assertEqual(
            action["report_name"], "bizreg_marketing.report_research_report"
        )
        # a rejected round: the reviewer and their reason are on the form
        report.action_submit()
        action = report.with_user(self.manager).reject_tier()
        self.env["comment.wizard"].with_user(self.manager).with_context(
            **action["context"]
        ).create({"comment": "Name the interviewees"}).add_comment()
        report.invalidate_recordset()
        self.assertEqual(report.state, "draft")
        html = self._render(report, self.researcher)
        self.assertIn(report.bizreg_number, html)
        self.assertIn("Delivery time matters most to buyers", html)
        self.assertIn("CPPIA yearbook 2026", html)
        self.assertIn("Packaging fair survey", html)
        self.assertIn("Interviews", html)  # the plan's milestone
        self.assertIn(self.manager.name, html)
        self.assertIn("Name the interviewees", html)
        # the paper form is printed in its owner's language
        late = {"zh_CN": "在计划日期之后发布"}.get(
            report.user_id.lang, "published after the due date"
        )
        self.assertNotIn(late, html)
        # approved and published late (due 2026-03-31, Asia/Shanghai)
        report.action_submit()
        report.with_user(self.manager).validate_tier()
        report.invalidate_recordset()
        with freeze_time("2026-04-01 00:00:00"):
            report.action_publish()
        self.assertTrue(report.is_late)
        html = self._render(report, self.manager)
        self.assertIn(report.bizreg_number, html)
        self.assertIn(self.manager.name, html)
        self.assertIn(late, html)

    def test_print_refused_to_other_department(self):
        report = self._report(self.plan, findings="<p>Confidential finding</p>")
        report.action_submit()
        with self.assertRaises(AccessError):
            self._render(report, self.stranger)
        with self.assertRaises(AccessError):
            report.with_user(self.stranger).action_print()
        # the auditor reads every department's reports
        self.assertIn("Confidential finding", self._render(report, self.auditor))
