# Copyright 2026 bizreg
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

from datetime import date, timedelta

from odoo import fields
from odoo.exceptions import AccessError, UserError
from odoo.tests import TransactionCase, tagged

from .research_common import ResearchCommon

KEYWORD = "zqxfeedback"


@tagged("post_install", "-at_install")
class TestFeedbackWizard(ResearchCommon, TransactionCase):
    """Customer feedback pulled from CRM opportunities, with the researcher's
    own access rights, without retyping and without duplicates."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls._research_setup()
        cls.plan = cls.Plan.with_user(cls.researcher).create(
            {
                "name": "Feedback plan",
                "date_start": date(2026, 3, 1),
                "date_report_due": date(2026, 3, 31),
            }
        )
        Lead = cls.env["crm.lead"]
        cls.partner = cls.env["res.partner"].create({"name": "Huaxin Packaging"})
        cls.reason = cls.env["crm.lost.reason"].create({"name": "Delivery too slow"})
        cls.lead_lost = Lead.create(
            {
                "name": f"Controllers for line 3 {KEYWORD}",
                "type": "opportunity",
                "partner_id": cls.partner.id,
                "user_id": cls.researcher.id,
                "description": "<p>Competitor delivers in one week.</p>",
            }
        )
        cls.lead_lost.action_set_lost(lost_reason_id=cls.reason.id)
        cls.lead_hidden = Lead.create(
            {
                "name": f"Someone else's deal {KEYWORD}",
                "type": "opportunity",
                "user_id": cls.stranger.id,
                "description": "<p>Not for the researcher's eyes.</p>",
            }
        )
        cls.lead_hidden.action_set_lost(lost_reason_id=cls.reason.id)
        cls.lead_notes = Lead.create(
            {
                "name": f"Open deal {KEYWORD}",
                "type": "opportunity",
                "user_id": cls.researcher.id,
                "description": "<p>Asks for local technical support.</p>",
            }
        )

    def _wizard(self, user=None, **vals):
        base = {"plan_id": self.plan.id, "keywords": KEYWORD}
        base.update(vals)
        return (
            self.env["bizreg.marketing.feedback.wizard"]
            .with_user(user or self.researcher)
            .create(base)
        )

    def _refs(self, wizard):
        return {line.source_ref for line in wizard.line_ids}

    def test_search_with_own_rights_and_add(self):
        wizard = self._wizard()
        wizard.action_search()
        self.assertEqual(self._refs(wizard), {self.lead_lost, self.lead_notes})
        line = wizard.line_ids.filtered(lambda ln: ln.source_ref == self.lead_lost)
        self.assertEqual(line.partner_id, self.partner)
        self.assertIn("Delivery too slow", line.text)
        self.assertIn("Competitor delivers in one week.", line.text)
        self.assertEqual(line.source_key, "crm_lost")
        line.selected = True
        wizard.action_add()
        entry = self.Entry.search([("plan_id", "=", self.plan.id)])
        self.assertEqual(len(entry), 1)
        self.assertEqual(entry.kind, "customer_feedback")
        self.assertEqual(entry.source_ref, self.lead_lost)
        self.assertEqual(entry.partner_id, self.partner)
        self.assertEqual(entry.user_id, self.researcher)
        self.assertIn("Delivery too slow", entry.summary)
        # searched again: what is on the plan is left out
        wizard.action_search()
        self.assertEqual(self._refs(wizard), {self.lead_notes})

    def test_duplicates_skipped(self):
        first, second = self._wizard(), self._wizard()
        first.action_search()
        second.action_search()
        first.line_ids.selected = True
        second.line_ids.selected = True
        first.action_add()
        second.action_add()
        entries = self.Entry.search([("plan_id", "=", self.plan.id)])
        self.assertEqual(len(entries), 2)
        self.assertEqual(
            {entry.source_ref for entry in entries}, {self.lead_lost, self.lead_notes}
        )

    def test_filters(self):
        wizard = self._wizard(source="crm_notes")
        wizard.action_search()
        self.assertEqual(self._refs(wizard), {self.lead_notes})
        wizard = self._wizard(keywords=f"{KEYWORD} line")
        wizard.action_search()
        self.assertEqual(self._refs(wizard), {self.lead_lost})
        wizard = self._wizard(partner_id=self.partner.id)
        wizard.action_search()
        self.assertEqual(self._refs(wizard), {self.lead_lost})
        tomorrow = fields.Date.context_today(self.plan) + timedelta(days=2)
        wizard = self._wizard(date_from=tomorrow)
        wizard.action_search()
        self.assertFalse(wizard.line_ids)
        with self.assertRaises(UserError):
            self._wizard(
                date_from=tomorrow, date_to=tomorrow - timedelta(days=5)
            ).action_search()
        with self.assertRaises(UserError):
            self._wizard().action_add()

    def test_manager_sees_more(self):
        """Who may read more leads finds more: the wizard never searches as
        superuser."""
        self.stranger.groups_id = [
            (4, self.env.ref("sales_team.group_sale_salesman_all_leads").id)
        ]
        plan = self.Plan.with_user(self.stranger).create(
            {
                "name": "Stranger plan",
                "date_start": date(2026, 3, 1),
                "date_report_due": date(2026, 3, 31),
            }
        )
        wizard = self._wizard(self.stranger, plan_id=plan.id)
        wizard.action_search()
        self.assertEqual(
            self._refs(wizard), {self.lead_lost, self.lead_hidden, self.lead_notes}
        )

    def test_plan_access_and_state(self):
        wizard = self._wizard(self.stranger)
        with self.assertRaises(AccessError):
            wizard.action_search()
        self.plan.action_cancel()
        with self.assertRaises(UserError):
            self._wizard().action_search()
