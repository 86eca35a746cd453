# Copyright 2026 bizreg
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

from datetime import date

from odoo.tests import TransactionCase, tagged

from odoo.addons.bizreg_base.tests.common import bizreg_test_user

KEYWORD = "zqxservice"


@tagged("post_install", "-at_install")
class TestFeedbackFromService(TransactionCase):
    """Consultations and complaints as a source of customer feedback, read
    with the researcher's own rights."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env = cls.env(context=dict(cls.env.context, tracking_disable=True))
        ref = cls.env.ref
        dept = cls.env["hr.department"].create({"name": "Test Research Dept"})
        cls.researcher = bizreg_test_user(
            cls.env,
            "t_mh_user",
            ["bizreg_marketing.group_bizreg_marketing_user"],
            dept,
        )
        cls.agent_researcher = bizreg_test_user(
            cls.env,
            "t_mh_agent",
            [
                "bizreg_marketing.group_bizreg_marketing_user",
                "helpdesk_mgmt.group_helpdesk_user",
            ],
            dept,
        )
        cls.customer = cls.env["res.partner"].create({"name": "Dongfang Logistics"})
        Ticket = cls.env["helpdesk.ticket"]
        cls.consultation = Ticket.create(
            {
                "name": f"Spare part lead time {KEYWORD}",
                "description": "<p>How long do spare parts take?</p>",
                "partner_id": cls.customer.id,
                "type_id": ref("bizreg_helpdesk.helpdesk_ticket_type_consultation").id,
            }
        )
        cls.complaint = Ticket.create(
            {
                "name": f"Controller failed twice {KEYWORD}",
                "description": "<p>The controller restarted twice this week.</p>",
                "partner_id": cls.customer.id,
                "type_id": ref("bizreg_helpdesk.helpdesk_ticket_type_complaint").id,
                "bizreg_severity": "medium",
            }
        )
        # the researcher follows the consultation only
        cls.consultation.message_subscribe(partner_ids=cls.researcher.partner_id.ids)
        cls.plan = (
            cls.env["bizreg.marketing.research.plan"]
            .with_user(cls.researcher)
            .create(
                {
                    "name": "Service feedback",
                    "date_start": date(2026, 3, 1),
                    "date_report_due": date(2026, 3, 31),
                }
            )
        )

    def _search(self, user, **vals):
        wizard = (
            self.env["bizreg.marketing.feedback.wizard"]
            .with_user(user)
            .create(dict({"plan_id": self.plan.id, "keywords": KEYWORD}, **vals))
        )
        wizard.action_search()
        return wizard

    def test_sources_and_selection(self):
        keys = {
            key
            for key, _label in self.env[
                "bizreg.marketing.feedback.wizard"
            ]._selection_source()
        }
        self.assertTrue(
            {"crm_lost", "service_consultation", "service_complaint"} <= keys
        )
        self.assertIn(
            ("helpdesk.ticket", "Ticket"),
            self.env["bizreg.marketing.research.entry"]._selection_source_models(),
        )

    def test_researcher_sees_only_readable_tickets(self):
        wizard = self._search(self.researcher)
        self.assertEqual(
            {line.source_ref for line in wizard.line_ids}, {self.consultation}
        )
        line = wizard.line_ids
        self.assertEqual(line.source_key, "service_consultation")
        self.assertIn("How long do spare parts take?", line.text)
        line.selected = True
        wizard.action_add()
        entry = self.env["bizreg.marketing.research.entry"].search(
            [("plan_id", "=", self.plan.id)]
        )
        self.assertEqual(entry.source_ref, self.consultation)
        self.assertEqual(entry.kind, "customer_feedback")
        self.assertEqual(entry.partner_id, self.customer)

    def test_service_staff_find_complaints(self):
        self.plan.user_id = self.agent_researcher
        wizard = self._search(self.agent_researcher, source="service_complaint")
        self.assertEqual(
            {line.source_ref for line in wizard.line_ids}, {self.complaint}
        )
        wizard.line_ids.selected = True
        wizard.action_add()
        # searched again: already on the plan
        wizard = self._search(self.agent_researcher)
        self.assertEqual(
            {line.source_ref for line in wizard.line_ids}, {self.consultation}
        )
