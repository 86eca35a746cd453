# Copyright 2026 bizreg
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""A restore drill and an access review clicked in the web client, in
Chinese, by the demo user of each role (static/tests/tours/bizreg_data_flow.js):
the Data Administrator checks the drill the backup engine really ran and signs
it off; the manager of the sales department confirms one right of her staff
and revokes another, which is removed from the user at once."""

import time

from odoo import Command
from odoo.tests import HttpCase, tagged

from .bizreg_data_backup_common import BizregDataBackupCommon

POLICY = "每日备份（导览）"
REVIEW = "数据权限专项复核（导览）"
STEWARD = "bizreg_data.group_bizreg_data_user"


@tagged("post_install", "-at_install", "is_tour")
class TestTourDataFlow(BizregDataBackupCommon, HttpCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        ref = cls.env.ref
        cls.data_admin = ref("bizreg_base.user_regulation_admin")  # 何建华
        cls.sale_manager = ref("bizreg_base.user_sale_manager")  # 李娜
        cls.kept_user = ref("bizreg_base.user_sale_user")  # 张伟
        cls.revoked_user = ref("bizreg_base.user_sale_user2")  # 黄磊
        cls.steward = ref(STEWARD)
        for user in (cls.data_admin, cls.sale_manager):
            user.lang = "zh_CN"
        cls.policy.name = POLICY
        # what is not clicked: the two salespeople are data stewards (张伟 is
        # one in the demo already), and the Data Administrator starts an
        # access review besides the demo's
        (cls.kept_user | cls.revoked_user).write(
            {"groups_id": [Command.link(cls.steward.id)]}
        )
        Review = cls.env["bizreg.data.access.review"].with_user(cls.data_admin)
        cls.review = Review.create({"name": REVIEW})
        cls.review.action_start()

    def setUp(self):
        super().setUp()
        # what is not clicked: the backup and the restore drill, run by the
        # engine (a real pg_dump, restore into a scratch database and checks)
        backup = self._backup(user=self.data_admin)
        self.assertEqual(backup.state, "done", backup.sudo().error)
        self.drill = self._drill(user=self.data_admin)
        self.assertEqual(self.drill.state, "passed", self.drill.sudo().error)

    def _tour(self, name, user):
        started = time.monotonic()
        self.start_tour("/odoo", name, login=user.login, timeout=180)
        self._logger.info("tour %s: %.1fs", name, time.monotonic() - started)
        self.env.invalidate_all()

    def _line(self, user):
        line = self.review.line_ids.filtered(
            lambda line: line.user_id == user and line.group_id == self.steward
        )
        self.assertEqual(len(line), 1)
        return line

    def test_drill_signed_off_and_rights_decided_by_each_role(self):
        drill = self.drill
        self.assertFalse(drill.signed_by_id)
        self._tour("bizreg_data_flow_drill_sign_off", self.data_admin)
        self.assertEqual(drill.signed_by_id, self.data_admin)
        self.assertTrue(drill.signed_date)
        self.assertEqual(drill.checks_passed, drill.checks_total)

        kept, revoked = self._line(self.kept_user), self._line(self.revoked_user)
        self.assertEqual((kept + revoked).decider_id, self.sale_manager)
        self.assertEqual(set((kept + revoked).mapped("decision")), {"pending"})
        self._tour("bizreg_data_flow_access_review", self.sale_manager)
        self.assertEqual(
            (kept.decision, kept.decided_by_id), ("confirmed", self.sale_manager)
        )
        self.assertEqual(
            (revoked.decision, revoked.decided_by_id), ("revoked", self.sale_manager)
        )
        self.assertIn(self.steward, self.kept_user.groups_id)
        self.assertNotIn(self.steward, self.revoked_user.groups_id)
        self.assertEqual(self.review.state, "running")
