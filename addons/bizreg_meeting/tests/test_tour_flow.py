# Copyright 2026 bizreg
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""A department meeting clicked in the web client, in Chinese, by each of
its people (static/tests/tours/bizreg_meeting_flow.js): the secretary takes
the attendance and writes the minutes, the chair approves them, the owner
closes his action item."""

import time

from odoo.tests import HttpCase, tagged


@tagged("post_install", "-at_install", "is_tour")
class TestTourMeetingFlow(HttpCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        ref = cls.env.ref
        cls.secretary = ref("bizreg_base.user_sale_user")
        cls.owner = ref("bizreg_base.user_sale_user2")
        cls.chair = ref("bizreg_base.user_sale_manager")
        for user in (cls.secretary, cls.owner, cls.chair):
            user.lang = "zh_CN"
        cls.series = ref("bizreg_meeting.meeting_series_sales_weekly")

    def _tour(self, url, name, user):
        started = time.monotonic()
        self.start_tour(url, name, login=user.login, timeout=120)
        self._logger.info("tour %s: %.1fs", name, time.monotonic() - started)
        self.env.invalidate_all()

    def test_meeting_to_closed_action_item(self):
        Meeting = self.env["bizreg.meeting"]
        meeting = Meeting.search(
            [("series_id", "=", self.series.id), ("state", "=", "planned")],
            order="start",
            limit=1,
        )
        self.assertTrue(meeting, "the demo generated the coming meetings")
        carried = meeting.agenda_line_ids.filtered("action_id")
        self.assertTrue(carried, "the demo's open item is on the agenda")
        self.assertEqual(meeting.user_id, self.secretary)

        self._tour(
            f"/odoo/bizreg.meeting/{meeting.id}",
            "bizreg_meeting_flow_minutes",
            self.secretary,
        )
        self.assertEqual(meeting.state, "to_approve")
        excused = meeting.attendance_ids.filtered(lambda a: a.user_id == self.owner)
        self.assertEqual((excused.status, excused.reason), ("excused", "拜访无锡客户"))
        self.assertIn("无锡客户的报价", meeting.discussion)
        self.assertEqual(meeting.decision_ids.mapped("name"), ["无锡客户报价下调 3%。"])
        item = meeting.action_ids
        self.assertEqual(len(item), 1)
        self.assertEqual((item.name, item.user_id), ("发送无锡客户新报价", self.owner))
        self.assertTrue(item.date_due)
        self.assertRegex(meeting.bizreg_number, r"^MT-XS-\d{4}-\d{4}$")
        self.assertEqual(meeting.review_ids.reviewer_ids, self.chair)

        self._tour(
            f"/odoo/bizreg.meeting/{meeting.id}",
            "bizreg_meeting_flow_approve",
            self.chair,
        )
        self.assertEqual(meeting.state, "approved")
        self.assertEqual(meeting.review_ids.done_by, self.chair)
        self.assertTrue(meeting.date_published)
        self.assertEqual(item.activity_ids.user_id, self.owner)

        self._tour(
            f"/odoo/bizreg.meeting.action/{item.id}",
            "bizreg_meeting_flow_close_item",
            self.owner,
        )
        self.assertEqual(item.state, "done")
        self.assertTrue(item.is_on_time)
        self.assertFalse(item.activity_ids)
