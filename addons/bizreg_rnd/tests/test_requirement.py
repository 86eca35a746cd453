# Copyright 2026 bizreg
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Product requirements (PRD): numbered at submission, approved by the R&D
Manager, sent back to review when changed, planned into a release,
delivered by the release; created from an opportunity, a research report or
a helpdesk ticket by the source's user, who follows what became of it."""

from odoo import Command
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import TransactionCase, tagged

from odoo.addons.bizreg_base.tests.common import assert_engine_fields_guarded
from odoo.addons.bizreg_base.tools import trusted

from .requirement_common import RequirementCommon


@tagged("post_install", "-at_install")
class TestRequirement(RequirementCommon, TransactionCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls._requirement_setup()

    def _notified(self, record, user):
        """Messages of ``record`` addressed to ``user``."""
        return record.sudo().message_ids.filtered(
            lambda m: user.partner_id in m.partner_ids
        )

    # Numbering and approval --------------------------------------------
    def test_number_at_submit(self):
        requirement = self._requirement()
        self.assertFalse(requirement.bizreg_number)
        requirement.action_submit()
        self.assertEqual(requirement.state, "review")
        self.assertRegex(requirement.bizreg_number, r"^PRD-.+-\d{4}-\d{4}$")

    def test_submit_needs_lines(self):
        requirement = self._requirement(lines=0)
        with self.assertRaises(UserError):
            requirement.action_submit()
        self.assertEqual(requirement.state, "draft")

    def test_approved_by_rnd_manager_only(self):
        requirement = self._requirement()
        requirement.action_submit()
        for user in (self.developer, self.tester):
            with self.assertRaises(UserError, msg=user.login):
                requirement.with_user(user).validate_tier()
        with self.assertRaises(UserError):
            requirement.with_user(self.stranger).validate_tier()
        self.assertEqual(requirement.state, "review")
        requirement.with_user(self.manager).validate_tier()
        self.assertEqual(requirement.state, "approved")
        self.assertTrue(requirement.bizreg_approved_digest)

    def test_manager_does_not_approve_own_requirement(self):
        requirement = self._requirement(user=self.manager)
        requirement.action_submit()
        with self.assertRaises(UserError):
            requirement.with_user(self.manager).validate_tier()
        self.assertEqual(requirement.state, "review")

    def test_change_after_approval_back_to_review(self):
        requirement = self._approved()
        requirement.line_ids[:1].with_user(self.developer).write(
            {"name": "Changed after approval"}
        )
        self.assertEqual(requirement.state, "review")
        self.assertIn(requirement.validation_status, ("waiting", "pending"))
        requirement.with_user(self.manager).validate_tier()
        self.assertEqual(requirement.state, "approved")
        # the priority and the scope are terms too
        requirement.with_user(self.developer).write({"priority": "3"})
        self.assertEqual(requirement.state, "review")
        requirement.with_user(self.manager).validate_tier()
        requirement.with_user(self.developer).write(
            {"line_ids": [Command.create({"name": "New line"})]}
        )
        self.assertEqual(requirement.state, "review")

    def test_lines_locked_under_review(self):
        requirement = self._requirement()
        requirement.action_submit()
        with self.assertRaises(UserError):
            requirement.line_ids.with_user(self.developer).write({"name": "Sneaky"})
        with self.assertRaises(UserError):
            self.env["bizreg.rnd.requirement.line"].with_user(self.developer).create(
                {"requirement_id": requirement.id, "name": "Sneaky"}
            )

    # Planning and delivery ---------------------------------------------
    def test_planned_by_manager_and_requester_notified(self):
        requirement = self._approved(requester_id=self.outsider.id)
        self.assertTrue(self._notified(requirement, self.outsider), "approved")
        requirement.with_user(self.manager).write(
            {"planned_release_id": self.release.id}
        )
        self.assertEqual(requirement.state, "approved")
        self.assertFalse(requirement._bizreg_terms_differ())
        self.assertEqual(len(self._notified(requirement, self.outsider)), 2)
        # moved to another release by the developer: reviewed again
        other = (
            self.env["bizreg.rnd.release"]
            .with_user(self.developer)
            .create({"name": "Test 2.1", "project_id": self.project.id})
        )
        requirement.with_user(self.developer).write({"planned_release_id": other.id})
        self.assertEqual(requirement.state, "review")

    def test_planned_release_open_and_same_company(self):
        requirement = self._requirement()
        company2 = self.env["res.company"].create({"name": "Test Other Company"})
        foreign = (
            self.env["bizreg.rnd.release"]
            .sudo()
            .create({"name": "Foreign 1.0", "company_id": company2.id})
        )
        with self.assertRaises(UserError):
            requirement.sudo().write({"planned_release_id": foreign.id})
        closed = self.env["bizreg.rnd.release"].sudo().create({"name": "Old 0.9"})
        with trusted("state"):
            closed.sudo().write({"state": "cancel"})
        with self.assertRaises(UserError):
            requirement.with_user(self.developer).write(
                {"planned_release_id": closed.id}
            )

    def test_deliver_by_release(self):
        requirement = self._approved(
            requester_id=self.outsider.id, planned_release_id=self.release.id
        )
        draft = self._requirement()
        delivered = (requirement | draft)._deliver(self.release)
        self.assertEqual(delivered, requirement)
        self.assertEqual(requirement.state, "delivered")
        self.assertEqual(requirement.delivered_release_id, self.release)
        self.assertEqual(draft.state, "draft")
        self.assertTrue(
            self._notified(requirement, self.outsider).filtered(
                lambda m: "delivered" in (m.body or "")
            )
        )
        # a delivered requirement does not change any more
        with self.assertRaises(UserError):
            requirement.with_user(self.developer).write({"scope": "Changed"})

    def test_cancel_needs_reason_and_notifies(self):
        requirement = self._requirement(requester_id=self.outsider.id)
        with self.assertRaises(UserError):
            requirement.action_cancel()
        requirement.write({"cancel_reason": "Duplicate of another requirement"})
        requirement.action_cancel()
        self.assertEqual(requirement.state, "cancel")
        self.assertTrue(self._notified(requirement, self.outsider))
        approved = self._approved()
        approved.write({"cancel_reason": "Strategy changed"})
        self.assertEqual(approved.state, "approved", "the reason is no term")
        with self.assertRaises(UserError):
            approved.with_user(self.developer).action_cancel()
        approved.with_user(self.manager).action_cancel()
        self.assertEqual(approved.state, "cancel")

    # Sources ---------------------------------------------------------------
    def test_create_from_ticket_as_its_user(self):
        ticket = self.env.ref("bizreg_helpdesk.helpdesk_ticket_complaint_demo")
        agent = ticket.user_id
        self.assertFalse(agent.has_group("bizreg_rnd.group_bizreg_rnd_user"))
        before = ticket.with_user(agent).bizreg_rnd_requirement_count
        action = ticket.with_user(agent).bizreg_action_create_rnd_requirement()
        requirement = self.Requirement.browse(action["res_id"])
        self.assertEqual(requirement.source_ticket_id, ticket)
        self.assertEqual(requirement.source_kind, "ticket")
        self.assertEqual(requirement.requester_id, agent)
        self.assertTrue(
            requirement.user_id.has_group("bizreg_rnd.group_bizreg_rnd_user")
        )
        ticket.invalidate_recordset()
        self.assertEqual(
            ticket.with_user(agent).bizreg_rnd_requirement_count, before + 1
        )
        # the requester reads what became of it, and does not change it
        self.assertEqual(requirement.with_user(agent).name, ticket.name)
        with self.assertRaises(AccessError):
            requirement.with_user(agent).write({"name": "Mine now"})
        smart = ticket.with_user(agent).bizreg_action_view_rnd_requirements()
        self.assertIn(
            requirement, self.Requirement.with_user(agent).search(smart["domain"])
        )

    def test_rnd_does_not_follow_the_source(self):
        """Approving and planning a requirement raised from a complaint tells
        the complaint's followers, without making the R&D people followers of
        the complaint (a follower reads a ticket: complaints stay the
        service's)."""
        ticket = self.env.ref("bizreg_helpdesk.helpdesk_ticket_complaint_demo")
        requirement = self._approved(source_ticket_id=ticket.id)
        requirement.with_user(self.manager).write(
            {"planned_release_id": self.release.id}
        )
        self.assertIn("planned", ticket.message_ids[0].body)
        partners = (self.manager | self.developer).partner_id
        self.assertFalse(partners & ticket.message_partner_ids)
        with self.assertRaises(AccessError):
            ticket.with_user(self.manager).read(["name"])

    def test_create_from_lead_and_report(self):
        action = self.lead.with_user(
            self.salesperson
        ).bizreg_action_create_rnd_requirement()
        from_lead = self.Requirement.browse(action["res_id"])
        self.assertEqual(from_lead.source_lead_id, self.lead)
        self.assertEqual(from_lead.requester_id, self.salesperson)
        self.assertIn("REST API", from_lead.description)
        report = self.env.ref("bizreg_marketing.demo_research_report_east")
        action = report.with_user(report.user_id).bizreg_action_create_rnd_requirement()
        from_report = self.Requirement.browse(action["res_id"])
        self.assertEqual(from_report.source_research_report_id, report)
        self.assertEqual(from_report.requester_id, report.user_id)
        with self.assertRaises(AccessError):
            # who cannot read the opportunity raises nothing from it
            self.lead.with_user(self.outsider).bizreg_action_create_rnd_requirement()

    def test_one_source_and_requester_default(self):
        ticket = self.env.ref("bizreg_helpdesk.helpdesk_ticket_consultation_demo")
        with self.assertRaises(ValidationError):
            self._requirement(source_ticket_id=ticket.id, source_lead_id=self.lead.id)
        requirement = self._requirement(source_lead_id=self.lead.id)
        self.assertEqual(requirement.requester_id, self.salesperson)
        plain = self._requirement()
        self.assertEqual(plain.requester_id, self.developer)
        self.assertEqual(plain.source_kind, "none")

    # Evaluation --------------------------------------------------------------
    def test_score_rice_and_weighted(self):
        requirement = self._requirement(
            reach=200.0, impact=2.0, confidence=50.0, effort=4.0
        )
        self.assertEqual(requirement.scoring_model_id, self.rice)
        self.assertAlmostEqual(requirement.score, 200 * 2 * 0.5 / 4)
        requirement.write({"effort": 8.0})
        self.assertAlmostEqual(requirement.score, 25.0)
        requirement.write(
            {"scoring_model_id": self.weighted.id, "value": 8.0, "risk": 3.0}
        )
        # 2 × value + 1 × reach − 0.5 × effort − 1 × risk
        self.assertAlmostEqual(requirement.score, 16 + 200 - 4 - 3)
        self.weighted.sudo().weight_reach = 0.0
        self.assertAlmostEqual(requirement.score, 16 - 4 - 3)

    def test_bad_scoring_input(self):
        requirement = self._requirement()
        cases = [
            ({"reach": -1.0}, "Reach"),
            ({"effort": 0.0}, "Effort"),
            ({"confidence": 120.0}, "Confidence"),
            ({"risk": -2.0}, "Risk"),
        ]
        for vals, label in cases:
            with self.assertRaises(ValidationError, msg=vals) as caught:
                with self.env.cr.savepoint():
                    requirement.with_user(self.developer).write(vals)
            self.assertIn(label, str(caught.exception))
        with self.assertRaises(ValidationError):
            self._requirement(effort=0.0)

    # Access ----------------------------------------------------------------
    def test_record_rules(self):
        requirement = self._requirement()
        Requirement = self.Requirement
        for user in (self.stranger, self.outsider, self.other_manager):
            self.assertFalse(
                Requirement.with_user(user).search([("id", "=", requirement.id)]),
                user.login,
            )
            with self.assertRaises(AccessError, msg=user.login):
                requirement.with_user(user).read(["name"])
        for user in (self.tester, self.manager, self.director, self.auditor):
            self.assertEqual(
                requirement.with_user(user).read(["name"])[0]["name"],
                "Test requirement",
            )
        with self.assertRaises(AccessError):
            requirement.with_user(self.auditor).write({"name": "Audited"})
        with self.assertRaises(AccessError):
            requirement.line_ids.with_user(self.stranger).read(["name"])

    def test_engine_fields_guarded(self):
        requirement = self._requirement()
        tried = assert_engine_fields_guarded(self, requirement, self.developer)
        for name in (
            "state",
            "score",
            "bizreg_number",
            "delivered_release_id",
            "source_kind",
            "bizreg_approved_digest",
        ):
            self.assertIn(name, tried)
        # and a default_* key does not set them on create
        created = (
            self.Requirement.with_user(self.developer)
            .with_context(default_state="approved", default_bizreg_number="PRD-FAKE")
            .create({"name": "Defaults"})
        )
        self.assertEqual(created.state, "draft")
        self.assertFalse(created.bizreg_number)

    def test_report_renders(self):
        requirement = self._approved()
        html, _kind = self.env["ir.actions.report"]._render_qweb_html(
            "bizreg_rnd.action_report_bizreg_rnd_requirement", requirement.ids
        )
        self.assertIn(requirement.bizreg_number, html.decode())
