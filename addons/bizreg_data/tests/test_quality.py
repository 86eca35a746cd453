# Copyright 2026 bizreg
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

from datetime import timedelta

from freezegun import freeze_time

from odoo import fields
from odoo.exceptions import AccessError
from odoo.tests import TransactionCase, tagged

from odoo.addons.bizreg_base.tests.common import bizreg_test_user

MANAGER = "bizreg_data.group_bizreg_data_manager"
STEWARD = "bizreg_data.group_bizreg_data_user"
AUDITOR = "bizreg_base.group_bizreg_auditor"


@tagged("post_install", "-at_install")
class TestQuality(TransactionCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env = cls.env(context=dict(cls.env.context, tracking_disable=True))
        cls.Issue = cls.env["bizreg.data.quality.issue"]
        cls.dept = cls.env["hr.department"].create({"name": "DQ Sales"})
        cls.other_dept = cls.env["hr.department"].create({"name": "DQ Purchase"})
        cls.boss = bizreg_test_user(cls.env, "dq_boss", [], cls.dept)
        cls.dept.manager_id = cls.boss.employee_id
        cls.seller = bizreg_test_user(
            cls.env, "dq_seller", ["base.group_partner_manager"], cls.dept
        )
        cls.buyer = bizreg_test_user(
            cls.env, "dq_buyer", ["base.group_partner_manager"], cls.other_dept
        )
        cls.steward = bizreg_test_user(cls.env, "dq_steward", [STEWARD], cls.dept)
        cls.data_admin = bizreg_test_user(cls.env, "dq_data_admin", [MANAGER])
        cls.auditor = bizreg_test_user(cls.env, "dq_auditor", [AUDITOR])
        Partner = cls.env["res.partner"]
        cls.bad = Partner.with_user(cls.seller).create(
            {
                "name": "DQ Bad Mail Co",
                "is_company": True,
                "email": "bad@",
                "user_id": cls.seller.id,
            }
        )
        cls.good = Partner.with_user(cls.seller).create(
            {
                "name": "DQ Good Co",
                "is_company": True,
                "email": "good@dq.example.com",
                "user_id": cls.seller.id,
            }
        )
        cls.twin_a = Partner.with_user(cls.buyer).create(
            {
                "name": "DQ Twin Trading Co., Ltd.",
                "is_company": True,
                "user_id": cls.buyer.id,
            }
        )
        cls.twin_b = Partner.with_user(cls.buyer).create(
            {"name": "dq twin trading", "is_company": True, "user_id": cls.buyer.id}
        )
        # the rule is activated after the data was entered
        cls.rule = cls.env.ref("bizreg_data.bizreg_data_entry_rule_partner_email")
        cls.rule.active = True

    def _issues(self, record):
        return self.Issue.search(
            [("res_model", "=", record._name), ("res_id", "=", record.id)]
        )

    def test_texts_in_the_readers_language(self):
        """The cron runs in the server's language; each reader sees the
        issue in his own, and a name search finds the rule's name."""
        self.env["res.lang"]._activate_lang("zh_CN")
        self.Issue.with_context(lang="en_US")._bizreg_refresh()
        twin = self._issues(self.twin_a)
        bad = self._issues(self.bad).filtered(lambda i: i.kind == "rule")
        self.assertIn("Possible duplicate", twin.with_context(lang="en_US").name)
        self.assertIn("same name", twin.with_context(lang="en_US").description)
        chinese = twin.with_context(lang="zh_CN")
        self.assertNotIn("Possible duplicate", chinese.name)
        self.assertNotIn("same name", chinese.description)
        self.assertIn(self.twin_b.name, chinese.description)
        self.assertNotIn(
            "breaks the data entry rule", bad.with_context(lang="zh_CN").description
        )
        self.assertEqual(
            self.Issue.search([("name", "ilike", self.rule.name)]) & bad, bad
        )
        self.assertEqual(bad.model_id.model, "res.partner")

    def test_refresh_creates_and_closes_issues(self):
        self.Issue._bizreg_refresh()
        issue = self._issues(self.bad).filtered(lambda i: i.kind == "rule")
        self.assertEqual(len(issue), 1)
        self.assertEqual(issue.rule_id, self.rule)
        self.assertEqual(issue.user_id, self.seller)
        self.assertEqual(issue.department_id, self.dept)
        self.assertEqual(issue.state, "open")
        self.assertIn("Email", issue.description)
        self.assertFalse(self._issues(self.good))
        twins = self._issues(self.twin_a) | self._issues(self.twin_b)
        self.assertEqual(set(twins.mapped("kind")), {"duplicate"})
        self.assertEqual(len(twins), 2)
        self.assertEqual(twins.department_id, self.other_dept)
        self.assertIn(self.twin_b.name, twins[0].description + twins[1].description)
        # a second refresh changes nothing
        created, resolved = self.Issue._bizreg_refresh()
        self.assertFalse(created)
        self.assertFalse(resolved)
        # fixed records: their issues close themselves
        self.bad.with_user(self.seller).email = "fixed@dq.example.com"
        self.twin_b.with_user(self.buyer).name = "DQ Quite Different Partner"
        created, resolved = self.Issue._bizreg_refresh()
        self.assertEqual(issue.state, "resolved")
        self.assertTrue(issue.resolved_date)
        self.assertEqual(twins.mapped("state"), ["resolved", "resolved"])
        self.assertFalse(created)
        self.assertLessEqual(issue | twins, resolved)

    def test_reminders_owner_then_manager(self):
        now = fields.Datetime.now()
        with freeze_time(now):
            self.Issue._bizreg_refresh()
            issue = self._issues(self.bad).filtered(lambda i: i.kind == "rule")
            self.Issue._bizreg_run_escalations()
        self.assertEqual(issue.activity_ids.user_id, self.seller)
        self.assertTrue(issue.reminded_date)
        self.assertFalse(issue.escalated_date)
        with freeze_time(now + timedelta(days=8)):
            self.Issue._bizreg_run_escalations()
        self.assertTrue(issue.escalated_date)
        self.assertIn(self.boss, issue.activity_ids.user_id)
        # once corrected, the issue closes and its activities go
        self.bad.with_user(self.seller).email = "fixed@dq.example.com"
        self.Issue._bizreg_refresh()
        self.assertEqual(issue.state, "resolved")
        self.assertFalse(issue.activity_ids)

    def test_access(self):
        self.Issue._bizreg_refresh()
        bad_issue = self._issues(self.bad)
        twin_issues = self._issues(self.twin_a) | self._issues(self.twin_b)
        # an employee reads the issues of his own records only
        seen = self.Issue.with_user(self.seller).search([])
        self.assertIn(bad_issue, seen)
        self.assertFalse(seen & twin_issues)
        self.assertFalse(self.Issue.with_user(self.boss).search([]))
        # the Steward his department's
        seen = self.Issue.with_user(self.steward).search([])
        self.assertIn(bad_issue, seen)
        self.assertFalse(seen & twin_issues)
        # the Data Administrator and the Auditor all of them
        for user in (self.data_admin, self.auditor):
            seen = self.Issue.with_user(user).search([])
            self.assertIn(bad_issue, seen)
            self.assertEqual(seen & twin_issues, twin_issues)
        # nobody edits the findings by hand
        for user in (self.seller, self.steward, self.auditor, self.data_admin):
            with self.assertRaises(AccessError):
                bad_issue.with_user(user).write({"state": "resolved"})
            with self.assertRaises(AccessError):
                self.Issue.with_user(user).create(
                    {
                        "name": "forged",
                        "key": "forged",
                        "kind": "rule",
                        "res_model": "res.partner",
                        "res_id": self.good.id,
                    }
                )
        self.assertEqual(bad_issue.state, "open")
        # the owner opens his record from the issue
        action = bad_issue.with_user(self.seller).action_open_record()
        self.assertEqual(action["res_id"], self.bad.id)

    def test_data_admin_sees_important_data(self):
        """The Data Administrator keeps the four-eyes rules and follows the
        pending changes."""
        FourEyes = self.env["bizreg.four.eyes.rule"].with_user(self.data_admin)
        rule = FourEyes.create(
            {
                "name": "Partner credit",
                "model_id": self.env.ref("base.model_res_partner").id,
                "field_ids": [
                    (6, 0, [self.env["ir.model.fields"]._get("res.partner", "ref").id])
                ],
            }
        )
        self.good.with_user(self.seller).ref = "DQ-1"
        pending = (
            self.env["bizreg.pending.change"]
            .with_user(self.data_admin)
            .search([("rule_id", "=", rule.id)])
        )
        self.assertEqual(len(pending), 1)
        self.assertFalse(self.good.ref)
        with self.assertRaises(AccessError):
            self.env["bizreg.four.eyes.rule"].with_user(self.seller).create(
                {"name": "x", "model_id": self.env.ref("base.model_res_partner").id}
            )
