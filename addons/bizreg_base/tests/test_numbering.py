# Copyright 2026 bizreg
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

import threading
import time
from datetime import date

from freezegun import freeze_time
from psycopg2 import IntegrityError, OperationalError

from odoo import SUPERUSER_ID, api
from odoo.api import Transaction
from odoo.exceptions import UserError, ValidationError
from odoo.sql_db import db_connect
from odoo.tests import TransactionCase, tagged
from odoo.tools import mute_logger

from .common import BizregBaseCommon


@tagged("post_install", "-at_install")
class TestNumbering(BizregBaseCommon, TransactionCase):
    def test_number_format_per_rule(self):
        with freeze_time("2026-03-15"):
            first = self._new_request()
            second = self._new_request(user=self.mk_user2)
        self.assertEqual(first.bizreg_number, "TR-TM-2026-0001")
        self.assertEqual(second.bizreg_number, "TR-TM-2026-0002")
        self.numbering_rule.write(
            {
                "pattern": "{code}{year}{month}-{seq}",
                "padding": 5,
                "reset_period": "month",
            }
        )
        with freeze_time("2026-04-02"):
            third = self._new_request()
        self.assertEqual(third.bizreg_number, "TR202604-00001")
        self.assertEqual(self.numbering_rule.preview[:6], "TR" + str(date.today().year))

    def test_year_reset(self):
        with freeze_time("2026-12-31 10:00:00"):
            last = self._new_request()
            last2 = self._new_request()
        with freeze_time("2027-01-01 10:00:00"):
            first = self._new_request()
        self.assertEqual(last.bizreg_number, "TR-TM-2026-0001")
        self.assertEqual(last2.bizreg_number, "TR-TM-2026-0002")
        self.assertEqual(first.bizreg_number, "TR-TM-2027-0001")

    def test_number_is_protected_and_voided(self):
        request = self._new_request()
        number = request.bizreg_number
        with self.assertRaises(UserError):
            request.with_user(self.mk_user).write({"bizreg_number": "TR-FAKE"})
        with self.assertRaises(UserError):
            self._new_request(bizreg_number="TR-FAKE")
        request.with_user(self.mk_user).action_cancel()
        self.assertEqual(request.state, "cancel")
        self.assertEqual(request.bizreg_number, number)
        void = self.env["bizreg.numbering.void"].search([("name", "=", number)])
        self.assertEqual(void.rule_id, self.numbering_rule)
        self.assertEqual(void.res_id, request.id)
        self.assertEqual(void.user_id, self.mk_user)
        self.assertEqual(self.numbering_rule.void_count, 1)
        action = void.action_open_document()
        self.assertEqual(
            (action["res_model"], action["res_id"]), (request._name, request.id)
        )
        # The voided number is not handed out again.
        nxt = self._new_request()
        self.assertNotEqual(nxt.bizreg_number, number)

    def test_every_exit_voids_and_a_voided_number_never_lives_again(self):
        Void = self.env["bizreg.numbering.void"]
        # cancelled by a plain state write (the engine's route) instead of
        # the action: voided all the same, once
        request = self._new_request()
        number = request.bizreg_number
        request._bizreg_set_state("cancel")
        request.with_user(self.mk_user).action_cancel()
        self.assertEqual(Void.search_count([("name", "=", number)]), 1)
        # back to draft: the voided number is dropped and a new one drawn
        request._bizreg_set_state("draft")
        self.assertTrue(request.bizreg_number)
        self.assertNotEqual(request.bizreg_number, number)
        self.assertFalse(Void.search_count([("name", "=", request.bizreg_number)]))
        # deleted: the number is voided before the record goes
        deleted = self._new_request()
        deleted_number = deleted.bizreg_number
        deleted.with_user(self.mk_user).unlink()
        void = Void.search([("name", "=", deleted_number)])
        self.assertEqual(void.reason, "Deleted")

    def test_rollback_gives_the_number_back(self):
        first = self._new_request()
        serial = int(first.bizreg_number.rsplit("-", 1)[1])
        with self.assertRaises(RuntimeError), self.cr.savepoint():
            lost = self._new_request()
            self.assertEqual(int(lost.bizreg_number.rsplit("-", 1)[1]), serial + 1)
            raise RuntimeError("the submission fails after numbering")
        again = self._new_request()
        self.assertEqual(int(again.bizreg_number.rsplit("-", 1)[1]), serial + 1)

    def test_pattern_without_department(self):
        rule = self.numbering_rule
        rule.write({"pattern": "{code}--X-{dept}-{seq}"})
        on = date(2026, 3, 15)
        # the pattern's own "--" is kept; only the empty department goes
        self.assertEqual(rule._format(on, "", 7), f"{rule.code}--X-0007")
        self.assertEqual(rule._format(on, "TM", 7), f"{rule.code}--X-TM-0007")

    def test_unique_per_company(self):
        request = self._new_request()
        with self.assertRaises(IntegrityError), mute_logger("odoo.sql_db"):
            with self.cr.savepoint():
                self.Request.sudo().create(
                    {"name": "dup", "bizreg_number": request.bizreg_number}
                )

    def test_missing_rule(self):
        self.numbering_rule.unlink()
        with self.assertRaises(UserError):
            self._new_request()

    def test_bad_rules(self):
        Rule = self.env["bizreg.numbering.rule"]
        bad = [
            {"pattern": "{code}-{year}"},
            {"pattern": "{code}-{nope}-{seq}"},
            {"pattern": "{code-{seq}"},
            {"padding": 0},
            {"padding": 42},
            {"code": "S C"},
        ]
        for vals in bad:
            base = {
                "name": "bad",
                "code": "BD",
                "model_id": self.env["ir.model"]._get("res.partner").id,
            }
            base.update(vals)
            with self.assertRaises(ValidationError, msg=vals):
                with self.cr.savepoint():
                    Rule.create(base)
        self.assertFalse(Rule.search([("name", "=", "bad")]))


@tagged("post_install", "-at_install")
class TestNumberingConcurrency(TransactionCase):
    """20 creations from separate database cursors get 20 distinct numbers.

    Concurrency needs real transactions: the numbering rule is committed from
    separate cursors (the test cursor's data is invisible to them), each worker
    commits its number, and the rule is removed afterwards.  These are the
    only commits of the suite, all on cursors of their own.
    """

    def test_concurrent_numbers(self):
        connection = db_connect(self.env.cr.dbname)
        registry = self.env.registry

        def environment(cr):
            # The registry lock is held by the test runner: give the cursor
            # its transaction on the loaded registry instead of looking it up.
            cr.transaction = Transaction(registry)
            return api.Environment(cr, SUPERUSER_ID, {})

        with connection.cursor() as cr:
            env = environment(cr)
            rule = env["bizreg.numbering.rule"].create(
                {
                    "name": "Concurrency probe",
                    "code": "CC",
                    "model_id": env["ir.model"]._get("res.partner.category").id,
                    "pattern": "{code}-{year}-{seq}",
                }
            )
            cr.commit()  # pylint: disable=invalid-commit
            rule_id = rule.id
        numbers, errors, retries, failed = [], [], [], []
        barrier = threading.Barrier(20)

        def worker():
            # the first draw of the period included: 20 transactions at once,
            # each retried on a serialisation failure as Odoo's RPC layer does
            try:
                with connection.cursor() as cr:
                    env = environment(cr)
                    barrier.wait(timeout=30)
                    for _attempt in range(60):
                        try:
                            number = (
                                env["bizreg.numbering.rule"]
                                .browse(rule_id)
                                ._next_number()
                            )
                            if len(numbers) % 3 == 0 and number not in failed:
                                # a submission that fails after drawing its
                                # number: the rollback must give it back
                                failed.append(number)
                                raise OperationalError("simulated failure")
                            cr.commit()  # pylint: disable=invalid-commit
                            numbers.append(number)
                            break
                        except OperationalError:
                            cr.rollback()
                            env.invalidate_all()
                            retries.append(1)
                            time.sleep(0.01 * (1 + len(retries) % 7))
            except Exception as exc:  # collected and asserted below
                errors.append(exc)

        threads = [threading.Thread(target=worker) for _ in range(20)]
        try:
            for thread in threads:
                thread.start()
            for thread in threads:
                thread.join(60)
        finally:
            with connection.cursor() as cr:
                env = environment(cr)
                env["bizreg.numbering.rule"].browse(rule_id).unlink()
                cr.commit()  # pylint: disable=invalid-commit
        self.assertFalse(errors, errors)
        self.assertEqual(len(numbers), 20)
        self.assertEqual(len(set(numbers)), 20, numbers)
        year = date.today().year
        # gapless: the failed submissions' numbers were given back
        self.assertEqual(sorted(numbers), [f"CC-{year}-{i:04d}" for i in range(1, 21)])
        self.assertTrue(failed)
