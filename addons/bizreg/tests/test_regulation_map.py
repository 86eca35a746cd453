# Copyright 2026 bizreg
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""The regulation map: every clause with its text and implementations, the
live compliance figures with the reader's rights, the records that break a
clause one click away, and who may change the map."""

from datetime import timedelta

from freezegun import freeze_time

from odoo.exceptions import AccessError
from odoo.tests import TransactionCase, tagged

from odoo.addons.bizreg_meeting.tests.meeting_helpers import MeetingFlowCommon

from ..models.bizreg_regulation_clause import MEASURES

KIND_MODELS = {
    "approval": {"tier.definition"},
    "numbering": {"bizreg.numbering.rule"},
    "kpi": {"bizreg.appraisal.kpi"},
    "access": {"ir.rule"},
    "automation": {"ir.cron"},
    "record": {"ir.actions.act_window"},
}


@tagged("post_install", "-at_install")
class TestRegulationMap(MeetingFlowCommon, TransactionCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls._meeting_flow_setup()
        cls.Clause = cls.env["bizreg.regulation.clause"]
        cls.clause = cls.Clause.search([("measure", "=", "action_on_time")])

    def test_every_clause_has_its_text_and_implementations(self):
        sections = self.Clause.search([("parent_id", "=", False)])
        self.assertEqual(sections.mapped("code"), [str(n) for n in range(10)])
        clauses = self.Clause.search([("parent_id", "!=", False)])
        self.assertGreaterEqual(len(clauses), 30)
        for clause in clauses:
            self.assertTrue(clause.source_text, clause.code)
            if not clause.code.startswith("0."):
                self.assertTrue(clause.outline, clause.code)
                self.assertTrue(clause.link_ids, f"{clause.code} is implemented")
        for link in clauses.link_ids:
            self.assertTrue(link.target.exists(), link.name)
            if link.kind in KIND_MODELS:
                self.assertIn(link.target._name, KIND_MODELS[link.kind], link.name)
        # each measure sits on one clause
        measured = clauses.filtered("measure")
        self.assertEqual(
            sorted(measured.mapped("measure")),
            sorted(code for code, _label in MEASURES),
        )
        # the map in Chinese: the clause titles are translated
        zh = self.clause.with_context(lang="zh_CN")
        self.env["res.lang"]._activate_lang("zh_CN")
        self.assertNotEqual(zh.name, self.clause.name)

    def _figures(self, user):
        clause = self.clause.with_user(user)
        clause.invalidate_recordset()
        return clause.compliance_total, clause.compliance_breaches

    def test_compliance_figure_counts_with_the_readers_rights(self):
        before_director = self._figures(self.director)
        before_stranger = self._figures(self.stranger)
        _meeting, actions = self._approved(items=(("Late one", 2), ("On time", 5)))
        late, on_time = actions
        with freeze_time(self.today + timedelta(days=4)):
            late.with_user(self.member2).action_done()
            on_time.with_user(self.member2).action_done()
        total, breaches = self._figures(self.director)
        self.assertEqual(total, before_director[0] + 2)
        self.assertEqual(breaches, before_director[1] + 1)
        clause = self.clause.with_user(self.director)
        self.assertEqual(clause.compliance_status, "breached")
        self.assertAlmostEqual(
            clause.compliance_rate, 100.0 * (total - breaches) / total, places=1
        )
        # the records that break it, one click away
        action = clause.action_open_breaches()
        found = (
            self.env[action["res_model"]]
            .with_user(self.director)
            .search(action["domain"])
        )
        self.assertIn(late, found)
        self.assertNotIn(on_time, found)
        concerned = clause.action_open_concerned()
        self.assertIn(
            on_time, self.env[concerned["res_model"]].search(concerned["domain"])
        )
        # another department's employee does not see these items
        self.assertEqual(self._figures(self.stranger), before_stranger)

    def test_open_overdue_item_is_a_breach(self):
        _meeting, action = self._approved(items=(("Forgotten", 1),))
        before = self._figures(self.director)
        with freeze_time(self.today + timedelta(days=3)):
            after = self._figures(self.director)
        self.assertEqual(after, (before[0] + 1, before[1] + 1))
        self.assertEqual(action.state, "open")

    def test_clause_without_measure_shows_no_figure(self):
        clause = self.Clause.search([("measure", "=", False)], limit=1)
        self.assertEqual(clause.compliance_status, "none")
        self.assertFalse(clause.action_open_breaches())

    def test_only_the_regulation_administrator_changes_the_map(self):
        for user in (self.member, self.director, self.auditor):
            with self.assertRaises(AccessError, msg=user.login):
                self.clause.with_user(user).write({"measure": False})
            with self.assertRaises(AccessError, msg=user.login):
                self.clause.link_ids[:1].with_user(user).unlink()
        admin = self.env.ref("base.user_admin")
        self.clause.with_user(admin).write({"name": "Meetings and minutes"})
        self.assertEqual(self.clause.name, "Meetings and minutes")

    def test_link_opens_its_configuration_with_the_users_rights(self):
        links = self.env["bizreg.regulation.link"].search([])
        rule_link = links.filtered(lambda link: link.kind == "access")[:1]
        record_link = links.filtered(lambda link: link.kind == "record")[:1]
        action = record_link.with_user(self.director).action_open_target()
        self.assertEqual(action["type"], "ir.actions.act_window")
        self.assertEqual(action["id"], record_link.target.id)
        if rule_link:
            # an employee does not read record rules: the link opens nothing
            with self.assertRaises(AccessError):
                rule_link.with_user(self.member).action_open_target()
            admin = self.env.ref("base.user_admin")
            action = rule_link.with_user(admin).action_open_target()
            self.assertEqual(
                (action["res_model"], action["res_id"]),
                ("ir.rule", rule_link.target.id),
            )
