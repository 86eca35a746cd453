# Copyright 2026 bizreg
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

import logging
from datetime import date
from unittest.mock import patch

from odoo import Command, api
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import TransactionCase, new_test_user, tagged

from .common import AppraisalCommon

_logger = logging.getLogger(__name__)


@tagged("post_install", "-at_install")
class TestPeerSuggestion(AppraisalCommon, TransactionCase):
    """Peer suggestions from the collaboration registry, on two test sources
    registered by patching the registry: "Test tickets" (fixed counts per
    employee) and "Test reviews" (shared records between users, counted by the
    registry's helper, i.e. with real queries)."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls._appraisal_setup()
        Employee = cls.env["hr.employee"]

        def employee(login, department, **vals):
            usr = new_test_user(cls.env, login=login, groups="base.group_user")
            return Employee.create(
                dict(
                    {
                        "name": login.replace("_", " ").title(),
                        "user_id": usr.id,
                        "department_id": department.id,
                    },
                    **vals,
                )
            )

        cls.emp_service2 = employee("t_ap_service2", cls.dept_service)
        cls.emp_archived = employee("t_ap_archived", cls.dept_service)
        cls.emp_archived.active = False
        cls.emp_no_user = Employee.create(
            {"name": "T Ap No User", "department_id": cls.dept_service.id}
        )
        cls.other_company = cls.env["res.company"].create({"name": "T Other Co"})
        other_user = new_test_user(
            cls.env,
            login="t_ap_other_co",
            groups="base.group_user",
            company_id=cls.other_company.id,
            company_ids=[Command.set(cls.other_company.ids)],
        )
        cls.emp_other_co = Employee.create(
            {
                "name": "T Ap Other Co",
                "user_id": other_user.id,
                "company_id": cls.other_company.id,
            }
        )
        # More sales people for the cycle-level tests.
        cls.sellers = cls.emp1 | cls.emp2
        for index in range(4):
            cls.sellers |= employee(
                f"t_ap_seller{index}", cls.dept_sales, parent_id=cls.emp_manager.id
            )
        cls.seller3 = cls.sellers[-1]
        cls.Collaboration = cls.env["bizreg.appraisal.collaboration"]
        # "Test tickets": fixed counts for emp1.
        cls.tickets = {
            cls.emp1.id: {
                cls.emp2.id: 5,  # same department, most records
                cls.emp_peer.id: 2,  # other department
                cls.emp_service2.id: 1,  # other department, fewer records
                cls.emp_manager.id: 9,  # manager: evaluates separately
                cls.emp1.id: 3,  # self
                cls.emp_archived.id: 4,
                cls.emp_no_user.id: 6,
                cls.emp_other_co.id: 7,
            }
        }
        # "Test reviews": every seller shared two records with emp_peer (other
        # department) and one with the next seller (same department).
        cls.reviews = []
        users = cls.sellers.user_id
        for index, usr in enumerate(users):
            cls.reviews += [(usr.id, [cls.peer.id])] * 2
            cls.reviews.append((usr.id, [users[(index + 1) % len(users)].id]))

    def setUp(self):
        super().setUp()
        tickets, reviews = self.tickets, self.reviews

        @api.model
        def sources(model):
            return {"test_tickets": "Test tickets", "test_reviews": "Test reviews"}

        @api.model
        def test_tickets(model, employees, date_from, date_to, company):
            return {e: tickets.get(e, {}) for e in employees.ids}

        @api.model
        def test_reviews(model, employees, date_from, date_to, company):
            return model._bizreg_shared_records(employees, reviews)

        cls = type(self.Collaboration)
        for name, method in (
            ("_bizreg_collaboration_sources", sources),
            ("_bizreg_collaboration_test_tickets", test_tickets),
            ("_bizreg_collaboration_test_reviews", test_reviews),
        ):
            patcher = patch.object(cls, name, method, create=True)
            patcher.start()
            self.addCleanup(patcher.stop)
        self.company.bizreg_appraisal_peer_count = 2

    def _cycle(self, month, employees, **vals):
        return self._open_cycle(
            "monthly",
            2026,
            month,
            employee_ids=[Command.set(employees.ids)],
            with_evaluations=True,
            **vals,
        )

    # Registry ---------------------------------------------------------
    def test_shared_records_counted_both_ways(self):
        shared = [
            (self.user1.id, [self.peer.id, self.user2.id]),
            (self.user1.id, [self.peer.id, self.user1.id]),
            (self.peer.id, [self.user2.id]),
        ]
        found = self.Collaboration._bizreg_shared_records(
            self.emp1 | self.emp2 | self.emp_peer, shared
        )
        self.assertEqual(found[self.emp1.id], {self.emp_peer.id: 2, self.emp2.id: 1})
        self.assertEqual(found[self.emp2.id], {self.emp1.id: 1, self.emp_peer.id: 1})
        self.assertEqual(found[self.emp_peer.id], {self.emp1.id: 2, self.emp2.id: 1})

    def test_ranking_cross_department_first_and_exclusions(self):
        found = self.Collaboration._bizreg_collaborators(
            self.emp1, date(2026, 1, 1), date(2026, 1, 31)
        )[self.emp1.id]
        self.assertEqual(
            [colleague for colleague, _total, _details in found],
            # Other department first (by shared records), then emp2 with more.
            [self.emp_peer.id, self.emp_service2.id, self.emp2.id, self.seller3.id],
        )
        # Totals add up the sources; each source is explained.
        self.assertEqual(
            found[0], (self.emp_peer.id, 4, {"Test tickets": 2, "Test reviews": 2})
        )
        self.assertEqual(found[1], (self.emp_service2.id, 1, {"Test tickets": 1}))
        self.assertEqual(
            found[2], (self.emp2.id, 6, {"Test tickets": 5, "Test reviews": 1})
        )
        self.assertEqual(found[3], (self.seller3.id, 1, {"Test reviews": 1}))

    def test_appraisal_manager_and_company_exclusions(self):
        cycle = self._cycle(1, self.emp1)
        appraisal = self._appraisal(cycle, self.emp1)
        appraisal.sudo().manager_user_id = self.peer
        found = appraisal._bizreg_peer_suggestions()[appraisal.id]
        self.assertEqual(
            [colleague for colleague, _total, _details in found],
            [self.emp_service2.id, self.emp2.id, self.seller3.id],
        )

    # Appraisal wizard -------------------------------------------------
    def test_wizard_hr_adds_top_peers(self):
        cycle = self._cycle(1, self.emp1)
        appraisal = self._appraisal(cycle, self.emp1)
        appraisal.with_user(self.hr1).write(
            {"peer_employee_ids": [Command.link(self.emp2.id)]}
        )
        action = appraisal.with_user(self.hr1).action_suggest_peers()
        wizard = (
            self.env[action["res_model"]].with_user(self.hr1).browse(action["res_id"])
        )
        lines = wizard.line_ids
        self.assertEqual(
            lines.employee_id.ids,
            [self.emp_peer.id, self.emp_service2.id, self.emp2.id, self.seller3.id],
        )
        self.assertEqual(lines.mapped("cross_department"), [True, True, False, False])
        self.assertEqual(lines[0].details, "Test reviews: 2, Test tickets: 2")
        self.assertEqual(lines[0].shared_count, 4)
        # Top 2 ticked, plus the existing peer (kept).
        self.assertEqual(lines.mapped("selected"), [True, True, True, False])
        self.assertEqual(lines.mapped("already_peer"), [False, False, True, False])
        lines[1].selected = False
        wizard.action_apply()
        self.assertEqual(appraisal.peer_employee_ids, self.emp_peer | self.emp2)
        # The department manager may do it too.
        appraisal.with_user(self.manager).action_suggest_peers()

    def test_wizard_refused_to_employee_and_after_self_assessment(self):
        cycle = self._cycle(1, self.emp1 | self.emp2)
        appraisal = self._appraisal(cycle, self.emp1)
        with self.assertRaises(AccessError):
            appraisal.with_user(self.user2).action_suggest_peers()
        action = appraisal.with_user(self.hr1).action_suggest_peers()
        wizard = self.env[action["res_model"]].browse(action["res_id"])
        with self.assertRaises(AccessError):
            wizard.with_user(self.user2).action_apply()
        self.assertFalse(appraisal.peer_employee_ids)
        cycle.action_start()
        cycle.action_open_evaluations()
        with self.assertRaises(UserError):
            appraisal.with_user(self.hr1).action_suggest_peers()
        with self.assertRaises(UserError):
            wizard.with_user(self.hr1).action_apply()
        with self.assertRaises(UserError):
            cycle.action_suggest_peers()
        self.assertFalse(appraisal.peer_employee_ids)

    def test_wizard_other_company_colleague_refused(self):
        cycle = self._cycle(1, self.emp1)
        appraisal = self._appraisal(cycle, self.emp1)
        action = appraisal.with_user(self.hr1).action_suggest_peers()
        wizard = (
            self.env[action["res_model"]]
            .with_user(self.hr1)
            .with_context(lang="zh_CN")
            .browse(action["res_id"])
        )
        wizard.sudo().line_ids = [
            Command.create({"employee_id": self.emp_other_co.id, "selected": True})
        ]
        with self.assertRaises(ValidationError) as error:
            wizard.action_apply()
        self.assertIn("同事评价人必须属于考核周期所在公司", str(error.exception))
        self.assertIn(self.emp_other_co.name, str(error.exception))
        appraisal.invalidate_recordset()
        self.assertFalse(appraisal.peer_employee_ids)

    # Cycle ------------------------------------------------------------
    def test_cycle_fills_appraisals_without_peers(self):
        cycle = self._cycle(1, self.sellers)
        first = self._appraisal(cycle, self.emp1)
        first.write({"peer_employee_ids": [Command.link(self.emp_service2.id)]})
        cycle.action_suggest_peers()
        self.assertEqual(first.peer_employee_ids, self.emp_service2)  # untouched
        second = self._appraisal(cycle, self.emp2)
        # Top 2: the other department first, then the seller after emp2 (the
        # one before emp2 is emp1: same count, ordered by name).
        self.assertEqual(len(second.peer_employee_ids), 2)
        self.assertIn(self.emp_peer, second.peer_employee_ids)
        for appraisal in cycle.appraisal_ids - first:
            self.assertEqual(len(appraisal.peer_employee_ids), 2)
            self.assertIn(self.emp_peer, appraisal.peer_employee_ids)
            self.assertNotIn(appraisal.employee_id, appraisal.peer_employee_ids)
        # Peers get their evaluation forms.
        cycle.action_start()
        cycle.action_open_evaluations()
        peer_forms = second.evaluation_ids.filtered(
            lambda e: e.evaluation_type == "peer"
        )
        self.assertEqual(peer_forms.evaluator_user_id, second.peer_employee_ids.user_id)

    def test_cycle_open_wizard_option(self):
        cycle = self._cycle(1, self.emp1 | self.emp2, suggest_peers=True)
        self.assertEqual(
            self._appraisal(cycle, self.emp1).peer_employee_ids,
            self.emp_peer | self.emp_service2,
        )
        plain = self._cycle(2, self.emp1)
        self.assertFalse(plain.appraisal_ids.peer_employee_ids)

    def test_cycle_constant_queries(self):
        # Cycles created first, two warm-up runs: the first runs after record
        # creations reload registry caches (access rules).
        warmups = self._cycle(3, self.sellers[:2]) | self._cycle(4, self.sellers)
        small = self._cycle(1, self.sellers[:2])
        large = self._cycle(2, self.sellers)
        counts = []
        for cycle in (*warmups, small, large):
            self.env.invalidate_all()
            before = self.env.cr.sql_log_count
            cycle.action_suggest_peers()
            counts.append(self.env.cr.sql_log_count - before)
            self.assertEqual(
                [len(a.peer_employee_ids) for a in cycle.appraisal_ids],
                [2] * len(cycle.appraisal_ids),
            )
        self.assertEqual(len(large.appraisal_ids), 6)
        # 2 and 6 appraisals: the same number of queries (11 today).
        _logger.info("Suggest peers, queries for 2 and 6 appraisals: %s", counts[2:])
        self.assertEqual(counts[2], counts[3], counts)
        self.assertLessEqual(counts[3], 15, counts)
