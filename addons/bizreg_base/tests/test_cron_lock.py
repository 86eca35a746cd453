# Copyright 2026 bizreg
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""The jobs of one model run one at a time across cron workers and servers:
while another transaction holds the model's lock, its escalations do nothing
(left to the next run) instead of failing on the rows being changed."""

from odoo.tests import TransactionCase, tagged


@tagged("post_install", "-at_install")
class TestCronLock(TransactionCase):
    def test_escalations_wait_for_the_other_job_of_the_model(self):
        Review = self.env["tier.review"]
        self.assertTrue(Review._bizreg_cron_lock())
        # the same transaction takes it again (a job calling two steps)
        self.assertTrue(Review._bizreg_cron_lock())
        with self.registry.cursor() as other:
            # another worker's job of the same model: refused while we hold it
            other.execute(
                "SELECT pg_try_advisory_xact_lock(hashtext(%s))",
                ["bizreg.cron:tier.review"],
            )
            self.assertFalse(other.fetchone()[0])
            # another model's job is not held up
            other.execute(
                "SELECT pg_try_advisory_xact_lock(hashtext(%s))",
                ["bizreg.cron:hr.department"],
            )
            self.assertTrue(other.fetchone()[0])
            other.rollback()

    def test_held_lock_leaves_the_run_to_the_next(self):
        Review = self.env["tier.review"]
        keys = {level[0] for level in Review._bizreg_escalation_levels()}
        self.assertTrue(keys)
        with self.registry.cursor() as other:
            other.execute(
                "SELECT pg_advisory_xact_lock(hashtext(%s))",
                ["bizreg.cron:tier.review"],
            )
            self.assertFalse(Review._bizreg_cron_lock())
            self.assertEqual(Review._bizreg_run_escalations(), {})
            other.rollback()
        # once the other job ended, the run does its work: every level
        self.assertEqual(set(Review._bizreg_run_escalations()), keys)
