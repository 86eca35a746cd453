# Copyright 2026 bizreg
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

import re
from datetime import date, datetime, time, timedelta

from freezegun import freeze_time

from odoo import Command
from odoo.exceptions import AccessError, UserError
from odoo.tests import TransactionCase, new_test_user, tagged

from odoo.addons.bizreg_base.tests.common import bizreg_test_user

STEWARD = "bizreg_data.group_bizreg_data_user"
LEGAL = "bizreg_base.group_bizreg_legal"


@tagged("post_install", "-at_install")
class TestSharing(TransactionCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.today = date.today()
        cls.dept = cls.env["hr.department"].create({"name": "DS Sales"})
        cls.manager = bizreg_test_user(cls.env, "ds_manager", [], cls.dept)
        cls.dept.manager_id = cls.manager.employee_id
        cls.steward = bizreg_test_user(cls.env, "ds_steward", [STEWARD], cls.dept)
        cls.legal = bizreg_test_user(cls.env, "ds_legal", [LEGAL])
        cls.steward_legal = bizreg_test_user(
            cls.env, "ds_steward_legal", [STEWARD, LEGAL], cls.dept
        )
        cls.partner = cls.env["res.partner"].create(
            {"name": "DS Logistics Ltd", "is_company": True}
        )
        cls.contact = cls.env["res.partner"].create(
            {
                "name": "DS Logistics Clerk",
                "parent_id": cls.partner.id,
                "email": "clerk@ds-logistics.example.com",
            }
        )
        cls.portal = new_test_user(
            cls.env,
            login="ds_portal",
            groups="base.group_portal,base.group_allow_export",
            partner_id=cls.contact.id,
        )

    def _agreement(self, user=None, **vals):
        return (
            self.env["bizreg.data.sharing.agreement"]
            .with_user(user or self.steward)
            .create(
                {
                    "name": "Delivery addresses",
                    "partner_id": self.partner.id,
                    "purpose": "Deliveries",
                    "dataset_model_ids": [
                        Command.set([self.env.ref("base.model_res_partner").id])
                    ],
                    "partner_rights": "Use for deliveries",
                    "partner_duties": "Keep confidential, delete at the end",
                    "legal_basis": "Sales contracts",
                    "retention": "90 days",
                    "security_measures": "Encrypted transfer",
                    "date_start": self.today - timedelta(days=30),
                    "date_end": self.today + timedelta(days=60),
                    "notice_days": 30,
                    **vals,
                }
            )
        )

    def _approve(self, agreement):
        agreement.action_submit()
        agreement.with_user(self.manager).validate_tier()
        agreement.with_user(self.legal).validate_tier()
        return agreement

    def test_numbering_on_submit(self):
        agreement = self._agreement()
        self.assertFalse(agreement.bizreg_number)
        self.assertEqual(agreement.department_id, self.dept)
        self.assertEqual(agreement.manager_user_id, self.manager)
        agreement.action_submit()
        self.assertTrue(re.fullmatch(r"DS-\d{4}-\d{4}", agreement.bizreg_number))
        self.assertTrue(agreement.display_name.startswith(agreement.bizreg_number))
        self.assertEqual(agreement.state, "to_approve")

    def test_submit_needs_the_terms(self):
        agreement = self._agreement(security_measures=False)
        with self.assertRaises(UserError):
            agreement.action_submit()
        self.assertEqual(agreement.state, "draft")

    def test_countersigned_by_manager_and_legal(self):
        agreement = self._agreement()
        agreement.action_submit()
        self.assertEqual(len(agreement.review_ids), 2)
        agreement.with_user(self.manager).validate_tier()
        self.assertEqual(agreement.state, "to_approve")
        with self.assertRaises(UserError):
            agreement.action_sign()
        agreement.with_user(self.legal).validate_tier()
        self.assertEqual(agreement.state, "approved")
        agreement.action_sign()
        self.assertEqual(agreement.state, "active")
        self.assertEqual(agreement.signed_by_id, self.steward)

    def test_requester_cannot_approve(self):
        agreement = self._agreement(user=self.steward_legal)
        self.assertEqual(agreement.user_id, self.steward_legal)
        agreement.action_submit()
        with self.assertRaises(UserError):
            agreement.validate_tier()
        self.assertEqual(agreement.state, "to_approve")
        self.assertFalse(
            agreement.review_ids.filtered(lambda r: r.status == "approved")
        )

    def test_cannot_activate_before_approval(self):
        agreement = self._agreement()
        with self.assertRaises(UserError):
            agreement.action_sign()
        with self.assertRaises(UserError):
            agreement.write({"state": "active"})
        with self.assertRaises(AccessError):
            agreement.write({"signed_date": date(2026, 2, 1)})
        forged = (
            self.env["bizreg.data.sharing.agreement"]
            .with_user(self.steward)
            .with_context(default_state="active")
            .create({"name": "Forged"})
        )
        self.assertEqual(forged.state, "draft")
        agreement.action_submit()
        with self.assertRaises(UserError):
            agreement.action_sign()
        self.assertEqual(agreement.state, "to_approve")

    def test_change_after_approval_back_to_review(self):
        agreement = self._approve(self._agreement())
        self.assertEqual(agreement.state, "approved")
        agreement.write({"purpose": "Deliveries and marketing"})
        self.assertEqual(agreement.state, "to_approve")
        self.assertNotEqual(agreement.validation_status, "validated")
        with self.assertRaises(UserError):
            agreement.action_sign()
        # after signing, the terms change only through an amendment
        agreement.with_user(self.manager).validate_tier()
        agreement.with_user(self.legal).validate_tier()
        agreement.action_sign()
        with self.assertRaises(UserError):
            agreement.write({"dataset_description": "Everything"})
        self.assertFalse(agreement.dataset_description)

    def test_expiry_reminder_and_expiry(self):
        agreement = self._approve(self._agreement())
        agreement.action_sign()
        Agreement = self.env["bizreg.data.sharing.agreement"]
        Activity = self.env["mail.activity"]

        def activities(user):
            return Activity.search(
                [
                    ("res_model", "=", agreement._name),
                    ("res_id", "=", agreement.id),
                    ("user_id", "=", user.id),
                ]
            )

        def day(offset):
            return datetime.combine(self.today + timedelta(days=offset), time(12))

        with freeze_time(day(10)):
            Agreement._cron_deadlines()
        self.assertFalse(agreement.reminded_date)
        with freeze_time(day(31)):
            Agreement._cron_deadlines()
        self.assertTrue(agreement.reminded_date)
        self.assertTrue(activities(self.steward))
        self.assertFalse(activities(self.manager))
        with freeze_time(day(54)):
            Agreement._cron_deadlines()
        self.assertTrue(agreement.escalated_date)
        self.assertTrue(activities(self.manager))
        self.assertEqual(agreement.state, "active")
        with freeze_time(day(62)):
            Agreement._cron_deadlines()
        self.assertEqual(agreement.state, "expired")
        self.assertTrue(agreement.expired_date)

    def test_partner_export_needs_active_agreement(self):
        contact = self.contact.with_user(self.portal)
        with self.assertRaises(AccessError):
            contact.export_data(["name", "email"])
        # portal users export their own non-sensitive data freely
        contact.export_data(["name"])
        agreement = self._approve(self._agreement())
        with self.assertRaises(AccessError):
            contact.export_data(["name", "email"])
        agreement.action_sign()
        result = contact.export_data(["name", "email"])
        self.assertEqual(result["datas"][0][1], self.contact.email)
        log = self.env["bizreg.data.export.log"].search(
            [("user_id", "=", self.portal.id), ("result", "=", "allowed")],
            order="id desc",
            limit=1,
        )
        self.assertEqual(log.agreement_id, agreement)
        self.assertEqual(log.partner_id, self.partner)
        # an agreement that does not cover the data does not help
        with self.assertRaises(AccessError):
            self.portal.with_user(self.portal).export_data(["login"])
