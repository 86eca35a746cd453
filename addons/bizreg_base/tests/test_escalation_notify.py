# Copyright 2026 bizreg
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

import logging
from datetime import datetime, timedelta

from freezegun import freeze_time

from odoo import Command
from odoo.tests import TransactionCase, tagged

from .common import BizregBaseCommon, bizreg_test_user

PENDING = datetime(2026, 3, 1, 0, 30)  # 08:30 in Shanghai, 19:30 the day before in NY

_logger = logging.getLogger(__name__)


@tagged("post_install", "-at_install")
class TestEscalationNotify(BizregBaseCommon, TransactionCase):
    """``bizreg.escalation.mixin._bizreg_escalation_notify``: one activity per
    recipient, in the recipient's language and time zone, naming the
    configured target; one chatter note; activities created in one batch."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env.company.resource_calendar_id.tz = "UTC"
        cls.shanghai = bizreg_test_user(
            cls.env,
            "t_esc_shanghai",
            [],
            user_vals={"tz": "Asia/Shanghai", "lang": "zh_CN"},
        )
        cls.new_york = bizreg_test_user(
            cls.env,
            "t_esc_new_york",
            [],
            user_vals={"tz": "America/New_York", "lang": "en_US"},
        )
        cls.escalation_group = cls.env["res.groups"].create(
            {
                "name": "Contract Escalation",
                "users": [Command.set((cls.shanghai | cls.new_york).ids)],
            }
        )
        cls.escalation_group.with_context(lang="zh_CN").name = "合同升级组"
        cls.review_type = cls.env.ref("bizreg_base.mail_activity_bizreg_review")

    def _pending(self):
        self._definition(bizreg_escalation_group_id=self.escalation_group.id)
        with freeze_time(PENDING):
            request = self._submit(self._new_request())
        review = request.review_ids
        self.assertEqual(review.bizreg_pending_date, PENDING)
        return request, review

    def _activities(self, request):
        return request.activity_ids.filtered(
            lambda a: a.activity_type_id == self.review_type
        )

    def test_helper_language_time_zone_and_target(self):
        request, review = self._pending()
        activities = review.with_context(lang="en_US")._bizreg_escalation_notify(
            "bizreg_base.mail_activity_bizreg_review",
            lambda r: self.escalation_group,
            summary=lambda r, user, target: f"{r.env.lang} {user.login}",
            note=lambda r, user, target: (
                f"since {r._bizreg_escalation_time(r.bizreg_pending_date)} to {target}"
            ),
            post=lambda r, user, target: f"Escalated to {target} ({user})",
            target=lambda r: r._bizreg_document(),
        )
        # on the document, not on the review; one per member of the group
        self.assertEqual(activities, self._activities(request))
        self.assertEqual(set(activities.mapped("res_model")), {request._name})
        self.assertEqual(activities.user_id, self.shanghai | self.new_york)
        zh = activities.filtered(lambda a: a.user_id == self.shanghai)
        en = activities.filtered(lambda a: a.user_id == self.new_york)
        # each in the recipient's language and time zone, naming the group
        self.assertEqual(zh.summary, "zh_CN t_esc_shanghai")
        self.assertIn("2026年3月1日 08:30:00", zh.note)
        self.assertIn("合同升级组", zh.note)
        self.assertEqual(en.summary, "en_US t_esc_new_york")
        self.assertIn("Feb 28, 2026, 7:30:00", en.note)
        self.assertIn("Contract Escalation", en.note)
        for activity in activities:
            self.assertNotIn("UTC", activity.note)
            self.assertNotIn("Director", activity.note)
        # one note in the document's chatter, in the current language
        notes = request.message_ids.filtered(lambda m: "Escalated to" in (m.body or ""))
        self.assertEqual(len(notes), 1)
        self.assertIn("Escalated to Contract Escalation (None)", notes.body)
        # a recipient's day: the deadline is today in their time zone
        self.assertTrue(all(activities.mapped("date_deadline")))

    def test_helper_skips_a_missing_target_and_nobody(self):
        request, review = self._pending()
        none = review._bizreg_escalation_notify(
            "bizreg_base.mail_activity_bizreg_review",
            lambda r: self.env["res.users"],
            summary="nobody",
        )
        self.assertFalse(none)
        gone = review._bizreg_escalation_notify(
            "bizreg_base.mail_activity_bizreg_review",
            lambda r: self.escalation_group,
            summary="gone",
            target=lambda r: r.env[r.model].browse(request.id + 100000),
        )
        self.assertFalse(gone)
        self.assertFalse(self._activities(request))

    def test_step_escalation_names_the_configured_group(self):
        request, review = self._pending()
        Review = self.env["tier.review"]
        with freeze_time(review.bizreg_escalate_deadline + timedelta(minutes=1)):
            self.assertEqual(Review._cron_bizreg_review_deadlines(), {"escalation": 1})
        self.assertTrue(review.bizreg_escalated_date)
        activities = self._activities(request)
        # the configured group, not the Director group
        self.assertEqual(activities.user_id, self.shanghai | self.new_york)
        self.assertNotIn(self.director, activities.user_id)
        zh = activities.filtered(lambda a: a.user_id == self.shanghai)
        en = activities.filtered(lambda a: a.user_id == self.new_york)
        self.assertIn("08:30:00", zh.note)
        self.assertIn("合同升级组", zh.note)
        self.assertIn("7:30:00", en.note)
        self.assertIn("Contract Escalation", en.note)
        bodies = " ".join(request.message_ids.mapped("body"))
        self.assertIn("Contract Escalation", bodies)
        self.assertNotIn("UTC", bodies)

    def test_batch_costs_a_constant_plus_little_per_record(self):
        """The activities of a batch are created together: the queries grow
        by a small amount per record, not by a per-record activity_schedule."""
        one = self.env["res.groups"].create(
            {"name": "One escalation", "users": [Command.set(self.shanghai.ids)]}
        )
        definition = self._definition(bizreg_escalation_group_id=one.id)
        with freeze_time(PENDING):
            requests = self.Request.with_user(self.mk_user).create(
                [{"name": f"Request {i}", "amount": 10.0} for i in range(12)]
            )
            for request in requests:
                request.request_validation()
        reviews = self.env["tier.review"].search(
            [("definition_id", "=", definition.id)], order="id"
        )
        self.assertEqual(len(reviews), 12)

        def cost(batch):
            self.env.flush_all()
            self.env.invalidate_all()
            before = self.env.cr.sql_log_count
            # e-mails queued as in a cron (sent after commit), not sent
            # on the test cursor
            batch.with_context(mail_notify_force_send=False)._bizreg_escalate_step()
            self.env.flush_all()
            return self.env.cr.sql_log_count - before

        def notices():
            return self.env["mail.message"].search(
                [
                    ("partner_ids", "in", self.shanghai.partner_id.ids),
                    ("message_type", "=", "user_notification"),
                ]
            )

        cost(reviews[:1])  # warm-up
        # one activity: Odoo's own "assigned to you" notice
        self.assertEqual(len(notices()), 1)
        self.assertEqual(notices().model, requests._name)
        small = cost(reviews[1:3])
        seen = notices()
        large = cost(reviews[3:12])
        # nine activities for the same person: one notice listing them
        digest = notices() - seen
        self.assertEqual(len(digest), 1)
        self.assertEqual(digest.body.count("<li>"), 9)
        for request in requests[3:12]:
            self.assertIn(request.display_name, digest.body)
        per_record = (large - small) / 7
        _logger.info(
            "Step escalation: 2 due %s, 9 due %s queries (%.1f per step)",
            small,
            large,
            per_record,
        )
        # measured: 43 -> 47 queries; one activity_schedule per record
        # costs about 20 per record
        self.assertLessEqual(per_record, 5, f"{small} -> {large} queries")
        self.assertEqual(len(self._activities(requests)), 12)
