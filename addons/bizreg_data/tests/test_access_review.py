# Copyright 2026 bizreg
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

from datetime import date, datetime, timedelta

from freezegun import freeze_time

from odoo.exceptions import AccessError, UserError
from odoo.tests import TransactionCase, tagged

from odoo.addons.bizreg_base.tests.common import bizreg_test_user

FINANCE = "bizreg_base.group_bizreg_finance"
RISK = "bizreg_base.group_bizreg_risk"
AREA_MANAGER = "bizreg_base.group_bizreg_area_manager"


@tagged("post_install", "-at_install")
class TestAccessReview(TransactionCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        Department = cls.env["hr.department"]
        cls.dept_top = Department.create({"name": "AR Head Office"})
        cls.dept_a = Department.create(
            {"name": "AR Dept A", "parent_id": cls.dept_top.id}
        )
        cls.dept_b = Department.create({"name": "AR Dept B"})
        cls.boss = bizreg_test_user(cls.env, "ar_boss", [], cls.dept_top)
        cls.mgr_a = bizreg_test_user(cls.env, "ar_mgr_a", [AREA_MANAGER], cls.dept_a)
        cls.mgr_b = bizreg_test_user(cls.env, "ar_mgr_b", [], cls.dept_b)
        cls.staff_a = bizreg_test_user(
            cls.env, "ar_staff_a", [FINANCE, RISK], cls.dept_a
        )
        cls.staff_b = bizreg_test_user(cls.env, "ar_staff_b", [RISK], cls.dept_b)
        cls.dept_top.manager_id = cls.boss.employee_id
        cls.dept_a.manager_id = cls.mgr_a.employee_id
        cls.dept_b.manager_id = cls.mgr_b.employee_id
        cls.data_admin = bizreg_test_user(
            cls.env, "ar_data_admin", ["bizreg_data.group_bizreg_data_manager"]
        )
        cls.plain = bizreg_test_user(cls.env, "ar_plain", [])
        cls.finance = cls.env.ref(FINANCE)
        cls.risk = cls.env.ref(RISK)
        cls.area_manager = cls.env.ref(AREA_MANAGER)

    def _review(self, **vals):
        return (
            self.env["bizreg.data.access.review"]
            .with_user(self.data_admin)
            .create(
                {
                    "name": "AR test",
                    "date_from": date(2026, 10, 1),
                    "date_to": date(2026, 12, 31),
                    "date_deadline": date(2026, 10, 20),
                    **vals,
                }
            )
        )

    def _line(self, review, user, group):
        return review.line_ids.filtered(
            lambda line: line.user_id == user and line.group_id == group
        )

    def test_start_creates_lines_and_activities(self):
        review = self._review()
        review.action_start()
        self.assertEqual(review.state, "running")
        self.assertEqual(review.started_by_id, self.data_admin)
        line_finance = self._line(review, self.staff_a, self.finance)
        self.assertEqual(line_finance.decider_id, self.mgr_a)
        self.assertEqual(line_finance.department_id, self.dept_a)
        self.assertEqual(line_finance.decision, "pending")
        self.assertTrue(self._line(review, self.staff_a, self.risk))
        # the manager's own rights go to the manager above
        self.assertEqual(
            self._line(review, self.mgr_a, self.area_manager).decider_id, self.boss
        )
        self.assertEqual(
            self._line(review, self.staff_b, self.risk).decider_id, self.mgr_b
        )
        # users without a relevant right have no line
        self.assertFalse(
            review.line_ids.filtered(lambda line: line.user_id == self.mgr_b)
        )
        activities = review.activity_ids
        self.assertIn(self.mgr_a, activities.user_id)
        self.assertIn(self.mgr_b, activities.user_id)
        self.assertIn(self.boss, activities.user_id)
        with self.assertRaises(UserError):
            review.action_start()

    def test_only_data_admin_starts(self):
        review = self._review()
        with self.assertRaises(AccessError):
            review.with_user(self.plain).action_start()
        with self.assertRaises(AccessError):
            review.with_user(self.mgr_a).action_start()
        self.assertEqual(review.state, "draft")

    def test_manager_confirms_and_revokes(self):
        review = self._review()
        review.action_start()
        line_finance = self._line(review, self.staff_a, self.finance)
        line_risk = self._line(review, self.staff_a, self.risk)
        line_finance.with_user(self.mgr_a).action_confirm()
        self.assertEqual(line_finance.decision, "confirmed")
        self.assertEqual(line_finance.decided_by_id, self.mgr_a)
        self.assertTrue(line_finance.decided_date)
        line_risk.with_user(self.mgr_a).write({"note": "No longer needed"})
        line_risk.with_user(self.mgr_a).action_revoke()
        self.assertEqual(line_risk.decision, "revoked")
        self.assertNotIn(self.risk, self.staff_a.groups_id)
        self.assertIn(self.finance, self.staff_a.groups_id)
        # decided once
        with self.assertRaises(UserError):
            line_finance.with_user(self.mgr_a).action_revoke()
        # nothing left for the manager: his activity is done
        self.assertNotIn(self.mgr_a, review.activity_ids.user_id)
        # the Data Administrator decides any line
        self._line(review, self.staff_b, self.risk).with_user(
            self.data_admin
        ).action_confirm()

    def test_revoked_right_takes_its_implied_rights(self):
        """Odoo stores the implied groups on the user: revoking the Data
        Administrator right takes the Steward and audit-log rights it brought,
        but not a right another kept group brings, nor the user type."""
        data_manager = self.env.ref("bizreg_data.group_bizreg_data_manager")
        steward = self.env.ref("bizreg_data.group_bizreg_data_user")
        auditlog_user = self.env.ref("auditlog.group_auditlog_user")
        auditor = self.env.ref("bizreg_base.group_bizreg_auditor")
        self.staff_b.write({"groups_id": [(4, data_manager.id), (4, auditor.id)]})
        self.assertIn(steward, self.staff_b.groups_id)
        review = self._review()
        review.action_start()
        line = self._line(review, self.staff_b, data_manager)
        # the review lists the highest right and shows what it includes
        self.assertFalse(self._line(review, self.staff_b, steward))
        self.assertIn(steward, line.implied_group_ids)
        line.with_user(self.mgr_b).action_revoke()
        groups = self.staff_b.groups_id
        self.assertNotIn(data_manager, groups)
        self.assertNotIn(steward, groups)
        # the Auditor right is kept and brings the audit-log reader right
        self.assertIn(auditor, groups)
        self.assertIn(auditlog_user, groups)
        self.assertIn(self.env.ref("base.group_user"), groups)
        self.assertFalse(self.staff_b.has_group("bizreg_data.group_bizreg_data_user"))

    def test_cannot_decide_other_departments_or_own(self):
        review = self._review()
        review.action_start()
        line_a = self._line(review, self.staff_a, self.finance)
        with self.assertRaises(AccessError):
            line_a.with_user(self.mgr_b).action_confirm()
        with self.assertRaises(AccessError):
            line_a.with_user(self.staff_b).action_revoke()
        own = self._line(review, self.mgr_a, self.area_manager)
        with self.assertRaises(AccessError):
            own.with_user(self.mgr_a).action_confirm()
        # a Data Administrator does not decide his own rights either
        self.staff_a.groups_id |= self.env.ref("bizreg_data.group_bizreg_data_manager")
        with self.assertRaises(AccessError):
            line_a.with_user(self.staff_a).action_confirm()
        self.assertEqual(line_a.decision, "pending")
        self.assertEqual(own.decision, "pending")
        # the boss decides the manager's rights
        own.with_user(self.boss).action_confirm()
        self.assertEqual(own.decision, "confirmed")

    def test_unconfirmed_rights_removed_at_deadline(self):
        review = self._review()
        review.action_start()
        self._line(review, self.staff_a, self.finance).with_user(
            self.mgr_a
        ).action_confirm()
        Review = self.env["bizreg.data.access.review"]
        # before the deadline: a reminder, nothing removed
        with freeze_time(datetime(2026, 10, 18, 12, 0)):
            Review._cron_deadlines()
        self.assertTrue(review.reminded_date)
        self.assertEqual(review.state, "running")
        self.assertIn(self.risk, self.staff_a.groups_id)
        with freeze_time(datetime(2026, 10, 22, 12, 0)):
            Review._cron_deadlines()
        self.assertEqual(review.state, "closed")
        self.assertTrue(review.closed_date)
        removed = self._line(review, self.staff_a, self.risk)
        self.assertEqual(removed.decision, "removed")
        self.assertTrue(removed.decided_date)
        self.assertFalse(removed.decided_by_id)
        self.assertNotIn(self.risk, self.staff_a.groups_id)
        self.assertNotIn(self.risk, self.staff_b.groups_id)
        self.assertIn(self.finance, self.staff_a.groups_id)
        self.assertEqual(review.pending_count, 0)
        # the record prints
        # printed in the company's language: English here
        review.company_id.partner_id.sudo().lang = "en_US"
        html = self.env["ir.actions.report"]._render_qweb_html(
            "bizreg_data.bizreg_data_access_review_report_action", review.ids
        )[0]
        self.assertIn(b"Removed at Deadline", html)

    def test_engine_fields_not_writable(self):
        review = self._review()
        review.action_start()
        line = self._line(review, self.staff_a, self.finance)
        for vals in (
            {"decision": "confirmed"},
            {"decided_by_id": self.mgr_a.id},
            {"decider_id": self.mgr_b.id},
        ):
            with self.assertRaises(AccessError):
                line.with_user(self.mgr_a).write(vals)
            with self.assertRaises(AccessError):
                line.with_user(self.data_admin).write(vals)
        with self.assertRaises(AccessError):
            review.with_user(self.data_admin).write({"state": "closed"})
        with self.assertRaises(AccessError):
            review.with_user(self.data_admin).write({"closed_date": datetime.now()})
        self.assertEqual(line.decision, "pending")
        self.assertEqual(review.state, "running")
        # a default_ key does not start a review
        forged = (
            self.env["bizreg.data.access.review"]
            .with_user(self.data_admin)
            .with_context(default_state="closed")
            .create(
                {"name": "forged", "date_deadline": date.today() + timedelta(days=9)}
            )
        )
        self.assertEqual(forged.state, "draft")
        with self.assertRaises(AccessError):
            self.env["bizreg.data.access.review.line"].with_user(self.mgr_a).create(
                {
                    "review_id": review.id,
                    "user_id": self.staff_a.id,
                    "group_id": self.area_manager.id,
                }
            )
