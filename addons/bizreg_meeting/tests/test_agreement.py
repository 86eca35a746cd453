# Copyright 2026 bizreg
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Partner agreements (OCA ``agreement``) of the regulated types: approved
by the department manager and Legal (countersign) before "Sign", the
approved terms' fingerprint, expiry reminder and renewal; agreements of
other types untouched."""

from datetime import date, datetime

from freezegun import freeze_time

from odoo.exceptions import AccessError, UserError
from odoo.tests import TransactionCase, tagged

from odoo.addons.bizreg_base.tests.common import (
    assert_engine_fields_guarded,
    bizreg_test_user,
)

from .common import MeetingCommon


@tagged("post_install", "-at_install")
class TestAgreement(MeetingCommon, TransactionCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls._meeting_setup()
        cls.legal = bizreg_test_user(
            cls.env, "t_mt_legal", ["bizreg_base.group_bizreg_legal"]
        )
        cls.regulated_type = cls.env.ref(
            "bizreg_meeting.agreement_type_partner_cooperation"
        )
        cls.plain_type = cls.env["agreement.type"].create(
            {"name": "Test NDA", "domain": "sale"}
        )
        cls.partner = cls.env["res.partner"].create(
            {"name": "Test Logistics Co.", "is_company": True}
        )
        cls.followup = cls.env.ref("bizreg_base.mail_activity_bizreg_followup")

    def _agreement(self, user=None, **vals):
        user = user or self.member
        return (
            self.env["agreement"]
            .with_user(user)
            .create(
                {
                    "name": "Delivery cooperation",
                    "code": f"T-{len(vals)}-{user.id}",
                    "partner_id": self.partner.id,
                    "agreement_type_id": self.regulated_type.id,
                    "start_date": date(2026, 1, 1),
                    "end_date": date(2026, 12, 31),
                    "bizreg_rights": "<p>Delivery within 48 hours</p>",
                    "bizreg_duties": "<p>Pay monthly</p>",
                    "bizreg_notice_days": 30,
                    **vals,
                }
            )
        )

    def _approved(self, **vals):
        agreement = self._agreement(**vals)
        agreement.with_user(self.member).action_bizreg_submit()
        agreement.with_user(self.head).validate_tier()
        agreement.with_user(self.legal).validate_tier()
        self.assertEqual(agreement.bizreg_state, "approved")
        return agreement

    def test_reviewers_and_scope(self):
        agreement = self._agreement()
        self.assertTrue(agreement.bizreg_regulated)
        self.assertEqual(agreement.bizreg_department_id, self.dept)
        self.assertEqual(agreement.bizreg_manager_user_id, self.head)
        # the manager's own agreement goes to a Director
        own = self._agreement(user=self.head, code="T-head")
        self.assertNotEqual(own.bizreg_manager_user_id, self.head)
        self.assertTrue(
            own.bizreg_manager_user_id.has_group("bizreg_base.group_bizreg_director")
        )
        # incomplete terms are not submitted
        empty = self._agreement(code="T-empty", bizreg_duties="<p></p>")
        with self.assertRaises(UserError):
            empty.with_user(self.member).action_bizreg_submit()
        self.assertEqual(empty.bizreg_state, "draft")

    def test_sign_refused_before_approval(self):
        agreement = self._agreement()
        with self.assertRaises(UserError):
            agreement.with_user(self.member).action_bizreg_sign()
        # nor by writing the signing date or the status
        with self.assertRaises(UserError):
            agreement.with_user(self.member).write({"signature_date": date(2026, 1, 5)})
        with self.assertRaises(AccessError):
            agreement.with_user(self.member).write({"bizreg_state": "signed"})
        with self.assertRaises(UserError):
            self._agreement(code="T-signed", signature_date=date(2026, 1, 5))
        agreement.with_user(self.member).action_bizreg_submit()
        self.assertEqual(agreement.bizreg_state, "to_approve")
        with self.assertRaises(UserError):
            agreement.with_user(self.member).action_bizreg_sign()
        self.assertEqual(agreement.bizreg_state, "to_approve")
        self.assertFalse(agreement.signature_date)

    def test_countersign_both_needed(self):
        agreement = self._agreement()
        agreement.with_user(self.member).action_bizreg_submit()
        reviews = agreement.review_ids
        self.assertEqual(len(reviews), 2)
        self.assertEqual(set(reviews.mapped("status")), {"pending"})
        # Legal first, in any order; one approval is not enough
        agreement.with_user(self.legal).validate_tier()
        self.assertEqual(agreement.bizreg_state, "to_approve")
        self.assertNotEqual(agreement.validation_status, "validated")
        with self.assertRaises(UserError):
            agreement.with_user(self.member).action_bizreg_sign()
        # another manager is not the reviewer of this department
        with self.assertRaises(UserError):
            agreement.with_user(self.other_head).validate_tier()
        agreement.with_user(self.head).validate_tier()
        self.assertEqual(agreement.validation_status, "validated")
        self.assertEqual(agreement.bizreg_state, "approved")
        agreement.with_user(self.member).action_bizreg_sign()
        self.assertEqual(agreement.bizreg_state, "signed")
        self.assertTrue(agreement.signature_date)

    def test_author_cannot_approve(self):
        # a Legal reviewer drafts an agreement for his department: he does
        # not approve its Legal step
        self.legal_head = bizreg_test_user(
            self.env,
            "t_mt_legal_head",
            [
                "bizreg_base.group_bizreg_legal",
                "bizreg_meeting.group_bizreg_meeting_manager",
            ],
            self.dept,
        )
        agreement = self._agreement(user=self.legal_head, code="T-author")
        agreement.with_user(self.legal_head).action_bizreg_submit()
        with self.assertRaises(UserError):
            agreement.with_user(self.legal_head).validate_tier()
        self.assertFalse(
            agreement.review_ids.filtered(lambda r: r.status == "approved")
        )
        # nor a reviewer's status written by hand
        with self.assertRaises(UserError):
            agreement.review_ids[0].with_user(self.legal_head).write(
                {"status": "approved"}
            )
        with self.assertRaises(UserError):
            agreement.with_user(self.legal_head).write(
                {
                    "review_ids": [
                        (1, agreement.review_ids[0].id, {"status": "approved"})
                    ]
                }
            )
        self.assertEqual(agreement.bizreg_state, "to_approve")

    def test_change_after_approval_back_to_review(self):
        agreement = self._approved()
        digest = agreement.bizreg_approved_digest
        self.assertTrue(digest)
        # something that is not a term keeps the approval
        agreement.with_user(self.member).write({"name": "Delivery cooperation (East)"})
        self.assertEqual(agreement.bizreg_state, "approved")
        # a term does not
        agreement.with_user(self.member).write(
            {"bizreg_duties": "<p>Pay quarterly</p>"}
        )
        self.assertEqual(agreement.bizreg_state, "to_approve")
        self.assertEqual(agreement.validation_status, "pending")
        self.assertFalse(agreement.bizreg_approved_digest)
        with self.assertRaises(UserError):
            agreement.with_user(self.member).action_bizreg_sign()
        agreement.with_user(self.head).validate_tier()
        agreement.with_user(self.legal).validate_tier()
        self.assertEqual(agreement.bizreg_state, "approved")
        # a change by another route (no write of the agreement) is caught
        # at signing
        self.env.cr.execute(
            "UPDATE agreement SET end_date = '2027-06-30' WHERE id = %s",
            [agreement.id],
        )
        agreement.invalidate_recordset()
        self.assertTrue(agreement.bizreg_terms_changed)
        with self.assertRaises(UserError):
            agreement.with_user(self.member).action_bizreg_sign()
        self.assertEqual(agreement.bizreg_state, "approved")
        # signed: the terms are fixed
        self.env.cr.execute(
            "UPDATE agreement SET end_date = '2026-12-31' WHERE id = %s",
            [agreement.id],
        )
        agreement.invalidate_recordset()
        agreement.with_user(self.member).action_bizreg_sign()
        with self.assertRaises(UserError):
            agreement.with_user(self.member).write({"end_date": date(2027, 12, 31)})
        self.assertEqual(agreement.end_date, date(2026, 12, 31))
        with self.assertRaises(UserError):
            agreement.with_user(self.member).write(
                {"agreement_type_id": self.plain_type.id}
            )

    def _amendment(self, agreement):
        action = agreement.with_user(self.member).action_bizreg_amend()
        return self.env["bizreg.amendment"].browse(action["res_id"])

    def test_amendment_after_signing(self):
        """A signed agreement's rights and duties change through an amendment
        that the department manager and Legal approve; its requester never
        approves it and, until approved, the old terms stay approved."""
        agreement = self._approved()
        self.assertFalse(agreement.bizreg_can_amend)
        with self.assertRaises(UserError):
            agreement.with_user(self.member).action_bizreg_amend()
        agreement.with_user(self.member).action_bizreg_sign()
        approved = agreement.bizreg_approved_digest
        self.assertTrue(agreement.bizreg_can_amend)
        # without an amendment the terms are fixed
        with self.assertRaises(UserError):
            agreement.with_user(self.member).write(
                {"bizreg_duties": "<p>Pay quarterly</p>"}
            )
        amendment = self._amendment(agreement)
        self.assertEqual(amendment.state, "draft")
        agreement.invalidate_recordset()
        self.assertEqual(agreement.bizreg_amendment_state, "draft")
        agreement.with_user(self.member).write(
            {"bizreg_duties": "<p>Pay quarterly</p>"}
        )
        self.assertEqual(agreement.bizreg_state, "signed")
        self.assertEqual(agreement.bizreg_approved_digest, approved)
        amendment.with_user(self.member).write({"reason": "Partner asked"})
        amendment.with_user(self.member).action_submit()
        self.assertEqual(amendment.state, "to_review")
        self.assertEqual(amendment.manager_id, self.head)
        reviewers = amendment.review_ids.reviewer_ids
        self.assertIn(self.head, reviewers)
        self.assertIn(self.legal, reviewers)
        self.assertNotIn(self.member, reviewers)
        # under review the terms stay those submitted
        with self.assertRaises(UserError):
            agreement.with_user(self.member).write({"bizreg_duties": "<p>Never</p>"})
        # the manager field is the engine's: not written over RPC
        with self.assertRaises(UserError):
            amendment.with_user(self.member).write({"manager_id": self.member.id})
        amendment.with_user(self.head).validate_tier()
        self.assertEqual(amendment.state, "to_review")
        self.assertEqual(agreement.bizreg_approved_digest, approved)
        amendment.with_user(self.legal).validate_tier()
        self.assertEqual(amendment.state, "approved")
        self.assertNotEqual(agreement.bizreg_approved_digest, approved)
        agreement.invalidate_recordset()
        self.assertFalse(agreement.bizreg_terms_changed)
        self.assertEqual(agreement.bizreg_amendment_count, 1)
        self.assertFalse(agreement.bizreg_amendment_state)
        self.assertIn("quarterly", str(agreement.bizreg_duties))

    def test_renewal_does_not_approve_an_open_amendment(self):
        agreement = self._approved(bizreg_auto_renew=True)
        agreement.with_user(self.member).action_bizreg_sign()
        approved = agreement.bizreg_approved_digest
        self._amendment(agreement)
        agreement.with_user(self.member).write({"bizreg_rights": "<p>All</p>"})
        with freeze_time(datetime(2026, 12, 31, 17, 0)):
            self.env["agreement"]._cron_bizreg_agreement_deadlines()
        self.assertEqual(agreement.end_date, date(2027, 12, 31))
        # the unapproved rights are not laundered into the approved terms
        self.assertEqual(agreement.bizreg_approved_digest, approved)
        self.assertTrue(agreement.bizreg_terms_changed)

    def test_expired_agreement_not_amended(self):
        agreement = self._approved()
        agreement.with_user(self.member).action_bizreg_sign()
        with freeze_time(datetime(2027, 1, 1, 9, 0)):
            self.env["agreement"]._cron_bizreg_agreement_deadlines()
            self.env["agreement"]._cron_bizreg_agreement_deadlines()
        self.assertEqual(agreement.bizreg_state, "expired")
        self.assertFalse(agreement.bizreg_can_amend)
        with self.assertRaises(UserError):
            agreement.with_user(self.member).action_bizreg_amend()

    def test_unregulated_type_untouched(self):
        # as in OCA: no review, the signing date written as any other field
        plain = self._agreement(
            code="T-plain",
            agreement_type_id=self.plain_type.id,
            signature_date=date(2026, 1, 2),
        )
        self.assertFalse(plain.bizreg_regulated)
        self.assertFalse(plain.need_validation)
        self.assertEqual(plain.validation_status, "no")
        plain.with_user(self.member).write(
            {"signature_date": date(2026, 1, 3), "end_date": date(2027, 1, 1)}
        )
        self.assertEqual(plain.signature_date, date(2026, 1, 3))
        self.assertFalse(plain.review_ids)
        with self.assertRaises(UserError):
            plain.with_user(self.member).action_bizreg_sign()
        # every employee reads it, as in OCA
        plain.with_user(self.stranger).check_access("read")
        copy = plain.copy()
        self.assertEqual(copy.code, "T-plain (copy)")

    def test_agreement_record_rules(self):
        agreement = self._agreement()
        agreement.with_user(self.member2).check_access("read")
        agreement.with_user(self.head).check_access("read")
        for user in (self.director, self.auditor):
            agreement.with_user(user).check_access("read")
        with self.assertRaises(AccessError):
            agreement.with_user(self.stranger).check_access("read")
        with self.assertRaises(AccessError):
            agreement.with_user(self.stranger).write({"name": "Mine"})
        with self.assertRaises(AccessError):
            agreement.with_user(self.auditor).write({"name": "Audited"})
        # Legal reads it once asked to review it
        with self.assertRaises(AccessError):
            agreement.with_user(self.legal).check_access("read")
        agreement.with_user(self.member).action_bizreg_submit()
        agreement.with_user(self.legal).check_access("read")

    def test_expiry_reminder_then_manager(self):
        agreement = self._approved()
        agreement.with_user(self.member).action_bizreg_sign()
        Agreement = self.env["agreement"]
        self.assertEqual(agreement.bizreg_renewal_date, date(2026, 12, 1))

        def activities():
            return agreement.activity_ids.filtered(
                lambda a: a.activity_type_id == self.followup
            )

        with freeze_time(datetime(2026, 11, 30, 12, 0)):
            Agreement._cron_bizreg_agreement_deadlines()
        self.assertFalse(activities())
        # 1 December in Shanghai starts at 16:00 UTC on 30 November
        with freeze_time(datetime(2026, 11, 30, 16, 30)):
            Agreement._cron_bizreg_agreement_deadlines()
        self.assertEqual(activities().user_id, self.member)
        with freeze_time(datetime(2026, 12, 31, 17, 0)):
            Agreement._cron_bizreg_agreement_deadlines()
        self.assertEqual(agreement.bizreg_state, "expired")
        self.assertIn(self.head, activities().user_id)

    def test_auto_renewal(self):
        agreement = self._approved(bizreg_auto_renew=True)
        agreement.with_user(self.member).action_bizreg_sign()
        with freeze_time(datetime(2026, 12, 31, 17, 0)):
            self.env["agreement"]._cron_bizreg_agreement_deadlines()
        self.assertEqual(agreement.bizreg_state, "signed")
        self.assertEqual(agreement.start_date, date(2027, 1, 1))
        self.assertEqual(agreement.end_date, date(2027, 12, 31))
        self.assertEqual(agreement.bizreg_renewal_count, 1)
        self.assertFalse(agreement.bizreg_terms_changed)
        # reminded again before the new end
        self.assertFalse(agreement.bizreg_reminded_date)
        self.assertFalse(agreement.bizreg_expiry_done_date)

    def test_engine_fields_guarded(self):
        agreement = self._approved()
        tried = assert_engine_fields_guarded(self, agreement, self.member)
        self.assertTrue(
            {
                "bizreg_state",
                "bizreg_regulated",
                "bizreg_department_id",
                "bizreg_manager_user_id",
                "bizreg_approved_digest",
                "bizreg_reminder_due",
                "bizreg_expiry_due",
                "bizreg_renewal_count",
                "validation_status",
            }
            <= tried,
            tried,
        )
        self.assertEqual(agreement.bizreg_state, "approved")

    def test_default_state_ignored(self):
        agreement = (
            self.env["agreement"]
            .with_user(self.member)
            .with_context(
                default_bizreg_state="signed",
                default_bizreg_manager_user_id=self.member.id,
                default_bizreg_regulated=False,
            )
            .create(
                {
                    "name": "Forged",
                    "code": "T-forged",
                    "partner_id": self.partner.id,
                    "agreement_type_id": self.regulated_type.id,
                }
            )
        )
        self.assertEqual(agreement.bizreg_state, "draft")
        self.assertEqual(agreement.bizreg_manager_user_id, self.head)
        self.assertTrue(agreement.bizreg_regulated)
        with self.assertRaises(UserError):
            agreement.with_user(self.member).action_bizreg_sign()

    def test_bypass_context_ignored(self):
        agreement = self._agreement()
        agreement.with_user(self.member).action_bizreg_submit()
        with self.assertRaises(UserError):
            agreement.with_user(self.member).with_context(
                skip_validation_check=True
            ).action_bizreg_sign()
        with self.assertRaises(UserError):
            agreement.with_user(self.member).unlink()
        self.assertTrue(agreement.exists())
