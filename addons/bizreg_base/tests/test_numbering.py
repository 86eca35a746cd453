# Copyright 2026 bizreg
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).

import threading
from datetime import date

from freezegun import freeze_time
from psycopg2 import IntegrityError

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
            rule._ensure_range(date.today())
            cr.commit()  # pylint: disable=invalid-commit
            rule_id = rule.id
        numbers, errors = [], []
        barrier = threading.Barrier(20)

        def worker():
            try:
                with connection.cursor() as cr:
                    env = environment(cr)
                    barrier.wait(timeout=30)
                    numbers.append(
                        env["bizreg.numbering.rule"].browse(rule_id)._next_number()
                    )
                    cr.commit()  # pylint: disable=invalid-commit
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
                rule = env["bizreg.numbering.rule"].browse(rule_id)
                sequence = rule.sequence_id
                rule.unlink()
                sequence.unlink()
                cr.commit()  # pylint: disable=invalid-commit
        self.assertFalse(errors, errors)
        self.assertEqual(len(numbers), 20)
        self.assertEqual(len(set(numbers)), 20, numbers)
        year = date.today().year
        self.assertEqual(sorted(numbers), [f"CC-{year}-{i:04d}" for i in range(1, 21)])
