# Copyright 2026 bizreg
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import TransactionCase, tagged

from odoo.addons.bizreg_base.tests.common import assert_engine_fields_guarded

from .acceptance_common import AcceptanceCommon


@tagged("post_install", "-at_install")
class TestAcceptance(AcceptanceCommon, TransactionCase):
    """The acceptance of a project: the team's self-check, the request to the
    accepting department's manager, refusals and requests again, the
    certificate."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls._acceptance_setup()

    def test_self_check_required_before_the_request(self):
        acceptance = self._acceptance()
        project = acceptance.project_id
        self.assertEqual(len(acceptance.check_ids), 2)
        self.assertEqual(acceptance.acceptor_user_id, self.acceptor)
        self.assertEqual(acceptance.accepting_department_id, self.accepting_dept)
        self.assertEqual(acceptance.department_id, self.dept)
        # nothing checked yet
        with self.assertRaisesMessage(UserError, "Orders flow end to end"):
            acceptance.with_user(self.pm).action_submit()
        # one criterion failed
        self._checked(acceptance, ("passed", "failed"))
        with self.assertRaisesMessage(UserError, "Users trained"):
            acceptance.with_user(self.pm).action_submit()
        self.assertEqual(acceptance.state, "draft")
        self.assertEqual(acceptance.request_count, 0)
        self.assertEqual(project.bizreg_phase, "execution")
        # passed and not applicable: requested
        self._checked(acceptance, ("passed", "na"))
        acceptance.with_user(self.pm).action_submit()
        acceptance.invalidate_recordset()
        self.assertEqual(acceptance.state, "to_approve")
        self.assertEqual(acceptance.request_count, 1)
        self.assertEqual(project.bizreg_phase, "acceptance")
        self.assertEqual(acceptance.review_ids.reviewer_ids, self.acceptor)

    def test_criteria_added_later_join_the_self_check(self):
        acceptance = self._checked(self._acceptance())
        self.env["bizreg.project.quality.criterion"].create(
            {"project_id": acceptance.project_id.id, "name": "Data migrated"}
        )
        # the new criterion is not in the self-check yet: refused
        with self.assertRaisesMessage(UserError, "Data migrated"):
            acceptance.with_user(self.pm).action_submit()
        self.assertEqual(len(acceptance.check_ids), 2)
        acceptance.with_user(self.pm).action_reload_checks()
        self.assertEqual(len(acceptance.check_ids), 3)
        with self.assertRaisesMessage(UserError, "not checked"):
            acceptance.with_user(self.pm).action_submit()
        acceptance.check_ids.filtered(lambda c: not c.result).with_user(
            self.pm
        ).result = "passed"
        acceptance.with_user(self.pm).action_submit()
        self.assertEqual(acceptance.state, "to_approve")

    def test_only_the_acceptor_accepts(self):
        acceptance = self._requested()
        # the project's manager, a manager of the team's department and a
        # project user of another department cannot accept it
        with self.assertRaises(UserError):
            acceptance.with_user(self.pm).validate_tier()
        with self.assertRaises(UserError):
            acceptance.with_user(self.manager).validate_tier()
        with self.assertRaises(AccessError):
            acceptance.with_user(self.stranger).read(["state"])
        acceptance.invalidate_recordset()
        self.assertEqual(acceptance.state, "to_approve")
        # the acceptor, of another department and in no project group,
        # reads the acceptance addressed to them and its self-check
        mine = acceptance.with_user(self.acceptor)
        self.assertEqual(mine.check_ids.mapped("result"), ["passed", "na"])
        self.assertTrue(mine.can_review)
        self.assertFalse(mine.has_access("write"))
        mine.validate_tier()
        acceptance.invalidate_recordset()
        self.assertEqual(acceptance.state, "accepted")
        self.assertEqual(acceptance.validation_status, "validated")
        self.assertEqual(acceptance.accepted_by_id, self.acceptor)
        self.assertTrue(acceptance.date_accepted)
        self.assertTrue(acceptance.bizreg_approved_digest)
        # accepted: nothing changes any more
        with self.assertRaises(UserError):
            acceptance.with_user(self.pm).write({"summary": "Changed"})
        with self.assertRaises(UserError):
            acceptance.check_ids[:1].with_user(self.pm).write({"result": "failed"})

    def test_acceptor_who_manages_the_project_is_refused(self):
        project = self._project_in_execution()
        project.sudo().user_id = self.acceptor
        acceptance = self._checked(
            self.Acceptance.with_user(self.pm).create({"project_id": project.id})
        )
        with self.assertRaisesMessage(UserError, "accepted by someone else"):
            acceptance.with_user(self.pm).action_submit()
        self.assertEqual(acceptance.state, "draft")

    def test_refusal_back_to_draft_then_requested_again(self):
        acceptance = self._requested()
        with self.assertRaises(UserError):
            # a refusal needs a reason
            self._refuse(acceptance, " ")
        self._refuse(acceptance, "Plant 3 users not trained yet")
        self.assertEqual(acceptance.state, "draft")
        self.assertEqual(acceptance.validation_status, "rejected")
        self.assertIn(
            "Plant 3 users not trained yet",
            "".join(acceptance.message_ids.mapped("body")),
        )
        self.assertEqual(acceptance.project_id.bizreg_phase, "acceptance")
        # the team fixes it and requests the acceptance again
        acceptance.check_ids[1:].with_user(self.pm).write(
            {"result": "passed", "evidence": "Plant 3 trained on 2 May"}
        )
        acceptance.with_user(self.pm).action_submit()
        acceptance.invalidate_recordset()
        self.assertEqual(acceptance.state, "to_approve")
        self.assertEqual(acceptance.request_count, 2)
        acceptance.with_user(self.acceptor).validate_tier()
        acceptance.invalidate_recordset()
        self.assertEqual(acceptance.state, "accepted")
        self.assertEqual(acceptance.request_count, 2)

    def test_certificate_printed_once_accepted(self):
        acceptance = self._requested()
        Report = self.env["ir.actions.report"].with_user(self.pm)
        report = "bizreg_project.action_report_bizreg_project_acceptance"
        with self.assertRaisesMessage(UserError, "once the project is accepted"):
            acceptance.with_user(self.pm).action_print_certificate()
        with self.assertRaises(UserError):
            Report._render_qweb_html(report, acceptance.ids)
        acceptance.with_user(self.acceptor).validate_tier()
        acceptance.invalidate_recordset()
        action = acceptance.with_user(self.pm).action_print_certificate()
        self.assertEqual(
            action["report_name"], "bizreg_project.report_acceptance_certificate"
        )
        html = Report._render_qweb_html(report, acceptance.ids)[0].decode()
        for text in (
            "Test ERP rollout",
            "Orders flow end to end",
            "Training sign-off sheet",
            "Evidence passed",
            self.acceptor.name,
            "Rolled out to 3 plants",
        ):
            self.assertIn(text, html)
        content, _kind = Report._render_qweb_pdf(report, acceptance.ids)
        self.assertIn(b"Orders flow end to end", content)

    def test_engine_fields_guarded(self):
        acceptance = self._requested()
        tried = assert_engine_fields_guarded(self, acceptance, self.pm)
        for name in ("state", "request_count", "acceptor_user_id", "date_accepted"):
            self.assertIn(name, tried)
        draft = self._checked(
            self._acceptance(self._project_in_execution(name="Other project"))
        )
        tried = assert_engine_fields_guarded(self, draft.check_ids[:1], self.pm)
        self.assertIn("criterion_id", tried)
        # a self-check line is never made by hand
        with self.assertRaises(AccessError):
            self.env["bizreg.project.acceptance.check"].with_user(self.pm).create(
                {
                    "acceptance_id": draft.id,
                    "criterion_id": draft.check_ids[0].criterion_id.id,
                }
            )

    def test_default_request_count_ignored(self):
        project = self._project_in_execution()
        acceptance = (
            self.Acceptance.with_user(self.pm)
            .with_context(
                default_request_count=1,
                default_state="accepted",
                default_date_accepted="2026-05-01 08:00:00",
            )
            .create({"project_id": project.id})
        )
        self.assertEqual(acceptance.request_count, 0)
        self.assertEqual(acceptance.state, "draft")
        self.assertFalse(acceptance.date_accepted)
        with self.assertRaises(AccessError):
            self.Acceptance.with_user(self.pm).create(
                {"project_id": project.id, "request_count": 1}
            )

    def test_phase_transitions(self):
        planning = self._regulated_project(name="Still planning")
        with self.assertRaisesMessage(UserError, "not in execution"):
            self.Acceptance.with_user(self.pm).create({"project_id": planning.id})
        acceptance = self._requested()
        project = acceptance.project_id
        self.assertEqual(project.bizreg_phase, "acceptance")
        # one acceptance per project
        with self.assertRaises(ValidationError):
            self.Acceptance.with_user(self.pm).create({"project_id": project.id})
        # cancelled: back in execution, a new acceptance may be requested
        acceptance.with_user(self.pm).action_cancel()
        self.assertEqual(acceptance.state, "cancel")
        self.assertEqual(project.bizreg_phase, "execution")
        again = self._accepted(project)
        self.assertEqual(again.request_count, 1)
        self.assertEqual(project.bizreg_phase, "acceptance")
        with self.assertRaises(UserError):
            again.with_user(self.pm).action_cancel()
        with self.assertRaises(UserError):
            again.with_user(self.pm).unlink()

    def test_self_check_locked_while_requested(self):
        acceptance = self._requested()
        with self.assertRaisesMessage(UserError, "was submitted"):
            acceptance.check_ids[:1].with_user(self.pm).write({"result": "failed"})
        with self.assertRaises(UserError):
            acceptance.check_ids[:1].with_user(self.pm).unlink()
