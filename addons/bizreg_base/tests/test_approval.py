# Copyright 2026 bizreg
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

import json
from datetime import datetime, timedelta

from freezegun import freeze_time

from odoo import SUPERUSER_ID, fields
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import Form, TransactionCase, tagged

from .common import BizregBaseCommon


@tagged("post_install", "-at_install")
class TestApproval(BizregBaseCommon, TransactionCase):
    def _reject(self, request, user, reason):
        action = request.with_user(user).reject_tier()
        wizard = (
            self.env[action["res_model"]]
            .with_user(user)
            .with_context(**action["context"])
            .create({"comment": reason})
        )
        return wizard.add_comment()

    # Countersign ------------------------------------------------------
    def test_countersign_all_members(self):
        self._definition(bizreg_approval_mode="all")
        request = self._submit(self._new_request())
        review = request.review_ids
        self.assertEqual(review.bizreg_required_count, 3)
        action = review.with_user(self.legal1).action_bizreg_open_document()
        self.assertEqual(
            (action["res_model"], action["res_id"]), (request._name, request.id)
        )
        request.with_user(self.legal1).validate_tier()
        self.assertEqual(review.status, "pending")
        self.assertEqual(review.bizreg_progress, "1/3")
        # The same reviewer cannot sign twice.
        self.assertFalse(request.with_user(self.legal1).can_review)
        with self.assertRaises(UserError):
            request.with_user(self.legal1).validate_tier()
        request.with_user(self.legal2).validate_tier()
        self.assertEqual(request.validation_status, "pending")
        request.with_user(self.legal3).validate_tier()
        self.assertEqual(review.status, "approved")
        self.assertEqual(request.validation_status, "validated")
        self.assertEqual(
            review.bizreg_approver_ids, self.legal1 | self.legal2 | self.legal3
        )
        request.with_user(self.mk_user).action_approve()
        self.assertEqual(request.state, "approved")

    def test_review_name_in_every_language(self):
        """A review requested in English shows its rule's Chinese name to a
        Chinese reviewer, and follows a rename of the rule in either
        language."""
        self.env["res.lang"]._activate_lang("zh_CN")
        definition = self._definition(name="Legal check")
        definition.with_context(lang="zh_CN").name = "法务审核"
        request = self._new_request()
        request.with_context(lang="en_US").request_validation()
        review = request.review_ids
        self.env.flush_all()
        self.env.invalidate_all()
        as_reviewer = review.with_user(self.legal1).with_context(lang="zh_CN")
        self.assertEqual(as_reviewer.name, "法务审核")
        self.assertEqual(review.with_context(lang="en_US").name, "Legal check")
        definition.with_context(lang="zh_CN").name = "法务审批"
        self.env.flush_all()
        self.env.invalidate_all()
        self.assertEqual(review.with_context(lang="zh_CN").name, "法务审批")
        self.assertEqual(review.with_context(lang="en_US").name, "Legal check")

    def test_review_name_takes_translations_loaded_later(self):
        """Odoo loads a module's translations after its data and demo, with
        SQL (nothing is recomputed): the reviews requested before take their
        rule's new translation when the terms are loaded."""
        self.env["res.lang"]._activate_lang("zh_CN")
        definition = self._definition(name="Finance check")
        request = self._new_request()
        request.request_validation()
        review = request.review_ids
        self.env.flush_all()
        # what Odoo's translation importer does
        self.env.cr.execute(
            "UPDATE tier_definition SET name = name || %s::jsonb WHERE id = %s",
            [json.dumps({"zh_CN": "财务审核"}), definition.id],
        )
        self.env.invalidate_all()
        self.assertEqual(review.with_context(lang="zh_CN").name, "Finance check")
        self.env["ir.module.module"]._load_module_terms(["bizreg_base"], ["zh_CN"])
        self.env.invalidate_all()
        self.assertEqual(review.with_context(lang="zh_CN").name, "财务审核")
        self.assertEqual(review.with_context(lang="en_US").name, "Finance check")

    def test_countersign_n_of_m(self):
        self._definition(bizreg_approval_mode="quorum", bizreg_quorum=2)
        request = self._submit(self._new_request())
        request.with_user(self.legal3).validate_tier()
        self.assertEqual(request.validation_status, "pending")
        with self.assertRaises(UserError):
            request.with_user(self.mk_user).action_approve()
        request.with_user(self.legal1).validate_tier()
        self.assertEqual(request.validation_status, "validated")
        self.assertFalse(request.with_user(self.legal2).can_review)

    def test_or_sign_and_sequence(self):
        """Any reviewer of a group step approves; a second step follows."""
        self._definition(sequence=20)
        self._definition(
            name="Director step",
            sequence=10,
            review_type="group",
            reviewer_group_id=self.env.ref("bizreg_base.group_bizreg_director").id,
            approve_sequence=True,
            definition_domain="[('amount', '>', 5000)]",
        )
        small = self._submit(self._new_request(amount=100))
        self.assertEqual(len(small.review_ids), 1)
        big = self._submit(self._new_request(amount=9000))
        self.assertEqual(len(big.review_ids), 2)
        big.with_user(self.legal2).validate_tier()
        self.assertEqual(big.validation_status, "pending")
        big.with_user(self.director).validate_tier()
        self.assertEqual(big.validation_status, "validated")

    # Delegation -------------------------------------------------------
    def test_delegation_inside_and_outside_dates(self):
        self._definition(
            review_type="individual",
            reviewer_id=self.legal1.id,
            reviewer_group_id=False,
        )
        now = fields.Datetime.now()
        self.env["bizreg.approval.delegation"].with_user(self.legal1).create(
            {
                "user_id": self.legal1.id,
                "substitute_id": self.director.id,
                "date_from": now - timedelta(days=1),
                "date_to": now + timedelta(days=1),
            }
        )
        # Outside the delegation period the substitute cannot act.
        future = self._submit(self._new_request(name="Later"))
        with freeze_time(now + timedelta(days=3)):
            self.assertFalse(future.with_user(self.director).can_review)
            with self.assertRaises(UserError):
                future.with_user(self.director).validate_tier()
        self.assertEqual(future.validation_status, "pending")
        # Inside it, the substitute approves for the reviewer.
        request = self._submit(self._new_request())
        self.assertTrue(request.with_user(self.director).can_review)
        self.assertIn(
            request,
            self.Request.with_user(self.director).search([("can_review", "=", True)]),
        )
        request.with_user(self.director).validate_tier()
        review = request.review_ids
        self.assertEqual(review.status, "approved")
        self.assertEqual(review.done_by, self.legal1)
        self.assertEqual(review.bizreg_acting_user_id, self.director)
        self.assertIn(
            "on behalf of",
            " ".join(request.message_ids.mapped("body")),
        )

    # Deadlines --------------------------------------------------------
    def test_deadline_reminder_and_escalation(self):
        self.env.company.resource_calendar_id.tz = "UTC"
        self._definition(notify_reminder_delay=1, bizreg_escalation_days=3)
        Review = self.env["tier.review"]
        activity_type = self.env.ref("bizreg_base.mail_activity_bizreg_review")
        # Monday 2026-11-23 09:00 UTC, a working day.
        start = datetime(2026, 11, 23, 9, 0)
        with freeze_time(start):
            request = self._submit(self._new_request())
        review = request.review_ids
        self.assertEqual(review.bizreg_pending_date, start)
        self.assertTrue(review.bizreg_remind_deadline > start)
        self.assertTrue(review.bizreg_escalate_deadline > review.bizreg_remind_deadline)

        def activities():
            return request.activity_ids.filtered(
                lambda a: a.activity_type_id == activity_type
            )

        Definition = self.env["tier.definition"]
        with freeze_time(start + timedelta(hours=2)):
            # OCA's reminder cron is the one reminder system
            Definition._cron_send_review_reminder()
        self.assertFalse(activities())
        first_due = review.bizreg_remind_deadline
        with freeze_time(first_due + timedelta(minutes=1)):
            Definition._cron_send_review_reminder()
            self.assertEqual(activities().user_id, self.legal_group.users)
            self.assertEqual(
                review.last_reminder_date, first_due + timedelta(minutes=1)
            )
            # Idempotent: a second run does nothing; the next one is a
            # working day later.
            Definition._cron_send_review_reminder()
            self.assertGreater(review.bizreg_remind_deadline, first_due)
            self.assertEqual(Review._cron_bizreg_review_deadlines(), {"escalation": 0})
        self.assertEqual(len(activities()), 3)
        with freeze_time(review.bizreg_escalate_deadline + timedelta(minutes=1)):
            fired = Review._cron_bizreg_review_deadlines()
            self.assertEqual(fired, {"escalation": 1})
            self.assertEqual(Review._cron_bizreg_review_deadlines()["escalation"], 0)
        directors = self.env.ref("bizreg_base.group_bizreg_director").users
        self.assertTrue(self.director in activities().user_id)
        self.assertEqual(len(activities()), 3 + len(directors))
        self.assertTrue(review.bizreg_escalated_date)

    # Four eyes on approvals -------------------------------------------
    def test_self_approval_refused(self):
        self._definition()
        # The requester is also a member of the reviewing group.
        self.legal_group.users |= self.mk_user
        request = self._submit(self._new_request())
        self.assertIn(self.mk_user, request.review_ids.reviewer_ids)
        self.assertFalse(request.with_user(self.mk_user).can_review)
        with self.assertRaises(UserError):
            request.with_user(self.mk_user).validate_tier()
        with self.assertRaises(UserError):
            request.with_user(self.mk_user).reject_tier()
        self.assertEqual(request.validation_status, "pending")
        request.with_user(self.legal2).validate_tier()
        self.assertEqual(request.validation_status, "validated")

    def test_guarded_action_refused_before_validation(self):
        self._definition()
        request = self._new_request()
        # Not even requested yet.
        with self.assertRaises(UserError):
            request.with_user(self.mk_user).action_approve()
        self._submit(request)
        with self.assertRaises(UserError):
            request.with_user(self.mk_user).action_approve()
        # Writing the state directly is refused, with or without bypass keys.
        with self.assertRaises(UserError):
            request.with_user(self.mk_user).write({"state": "approved"})
        with self.assertRaises(UserError):
            request.with_user(self.mk_user).with_context(
                skip_validation_check=True, skip_check_state_condition=True
            ).write({"state": "approved"})
        with self.assertRaises(UserError):
            request.with_user(self.mk_user).with_context(
                skip_validation_check=True
            ).action_approve()
        # Fields under validation stay locked even with the OCA bypass key.
        with self.assertRaises(ValidationError):
            request.with_user(self.mk_user).with_context(
                skip_validation_check=True
            ).write({"amount": 1.0})
        self.assertEqual(request.state, "draft")
        self.assertEqual(request.amount, 1000.0)

    def test_reject_resubmit(self):
        self._definition()
        request = self._submit(self._new_request())
        # A rejection needs a reason.
        with self.assertRaises(ValidationError):
            self._reject(request, self.legal1, "   ")
        self.assertEqual(request.validation_status, "pending")
        self._reject(request, self.legal1, "Budget lacks a breakdown")
        self.assertEqual(request.validation_status, "rejected")
        self.assertEqual(request.bizreg_rejection_count, 1)
        self.assertEqual(request.review_ids.comment, "Budget lacks a breakdown")
        with self.assertRaises(UserError):
            request.with_user(self.mk_user).action_approve()
        # Back with the requester: revise and submit again.
        request.with_user(self.mk_user).write({"note": "breakdown attached"})
        request.with_user(self.mk_user).action_bizreg_resubmit()
        self.assertEqual(request.validation_status, "pending")
        with self.assertRaises(ValidationError):
            request.with_user(self.mk_user).write({"note": "changed under review"})
        self.assertEqual(request.note, "breakdown attached")
        self.assertIn(
            "Budget lacks a breakdown", " ".join(request.message_ids.mapped("body"))
        )
        request.with_user(self.legal2).validate_tier()
        request.with_user(self.mk_user).action_approve()
        self.assertEqual(request.state, "approved")
        self.assertEqual(request.bizreg_rejection_count, 1)
        self.assertTrue(request.bizreg_validated_date)

    def test_reject_wizard_form(self):
        self._definition()
        request = self._submit(self._new_request())
        action = request.with_user(self.legal2).reject_tier()
        form = Form(
            self.env[action["res_model"]]
            .with_user(self.legal2)
            .with_context(**action["context"])
        )
        form.comment = "Not in the plan"
        form.save().add_comment()
        self.assertEqual(request.validation_status, "rejected")
        self.assertEqual(request.review_ids.done_by, self.legal2)

    def test_review_write_refused_for_non_reviewer(self):
        self._definition()
        request = self._submit(self._new_request())
        review = request.review_ids.with_user(self.mk_user)
        for vals in (
            {"status": "approved"},
            {"status": "rejected", "comment": "x"},
            {"done_by": self.mk_user.id},
        ):
            with self.assertRaises(AccessError):
                review.write(vals)
        with self.assertRaises(AccessError):
            review.unlink()
        with self.assertRaises(AccessError):
            self.env["tier.review"].with_user(self.mk_user).create(
                {"model": request._name, "res_id": request.id, "status": "approved"}
            )
        # Not even a reviewer can set the status directly.
        with self.assertRaises(AccessError):
            request.review_ids.with_user(self.legal1).write({"status": "approved"})
        # Nor through the document's one2many.
        with self.assertRaises(UserError):
            request.with_user(self.mk_user).write(
                {"review_ids": [(1, request.review_ids.id, {"status": "approved"})]}
            )
        # Nor by forging a comment wizard on someone else's review.
        wizard = (
            self.env["comment.wizard"]
            .with_user(self.mk_user)
            .create(
                {
                    "res_model": request._name,
                    "res_id": request.id,
                    "review_ids": [(6, 0, request.review_ids.ids)],
                    "validate_reject": "validate",
                    "comment": "ok",
                }
            )
        )
        with self.assertRaises(AccessError):
            wizard.add_comment()
        self.assertEqual(request.review_ids.status, "pending")

    def test_empty_review_commands_accepted(self):
        """The web client sends the reviews of a new record as an empty command
        list: saving the form is not an attempt to write reviews (it was
        refused, so no quotation could be created from the form)."""
        self._definition()
        request = self._new_request(review_ids=[])
        self.assertFalse(request.review_ids)
        request.with_user(self.mk_user).write({"review_ids": [], "amount": 1200.0})
        self.assertEqual(request.amount, 1200.0)
        # a command is still refused, at creation and afterwards
        with self.assertRaises(UserError):
            self._new_request(
                review_ids=[(0, 0, {"model": request._name, "res_id": request.id})]
            )
        with self.assertRaises(UserError):
            request.with_user(self.mk_user).write({"review_ids": [(5, 0, 0)]})

    def test_unlink_refused_when_approved(self):
        self._definition()
        request = self._submit(self._new_request())
        with self.assertRaises(UserError):
            request.with_user(self.mk_user).unlink()
        request.with_user(self.legal1).validate_tier()
        with self.assertRaises(UserError):
            request.with_user(self.mk_user).unlink()
        self.assertTrue(request.exists())
        draft = self._new_request(name="scratch")
        draft.with_user(self.mk_user).unlink()
        self.assertFalse(draft.exists())

    def test_query_count_independent_of_tiers(self):
        """Requesting and approving costs the same number of queries whether
        1, 5 or 20 tier definitions exist for the model (those that do not
        apply are evaluated in memory)."""
        self._definition()
        counts = {}
        existing = 1
        for total in (1, 1, 5, 20):
            for i in range(total - existing):
                self._definition(
                    name=f"never {total}-{i}", definition_domain="[('amount', '<', 0)]"
                )
            existing = total
            request = self._new_request()
            self.env.flush_all()
            self.env.invalidate_all()
            before = self.cr.sql_log_count
            request.request_validation()
            request.with_user(self.legal1).validate_tier()
            self.env.flush_all()
            counts[total] = self.cr.sql_log_count - before  # first run: warm-up
            self.assertEqual(request.validation_status, "validated")
        self.assertLessEqual(max(counts.values()) - min(counts.values()), 2, counts)
        self.assertEqual(len(counts), 3)

    def test_superuser_approval_is_counted(self):
        """A system action approving a countersign step (the superuser, an
        archived user) completes it like any approver."""
        self._definition(bizreg_approval_mode="quorum", bizreg_quorum=1)
        request = self._submit(self._new_request())
        review = request.review_ids
        review.with_user(SUPERUSER_ID).write({"status": "approved"})
        self.assertEqual(review.status, "approved")
        self.assertEqual(review.bizreg_progress, "1/1")
        self.assertEqual(request.validation_status, "validated")
