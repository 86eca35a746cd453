# Copyright 2026 bizreg
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

from odoo.tests import TransactionCase, tagged

from odoo.addons.bizreg_base.tests import common as base_common

from .common import BizregHelpdeskCommon


@tagged("post_install", "-at_install")
class TestEngineFields(BizregHelpdeskCommon, TransactionCase):
    """What the engine computes or stamps is refused to users, field by field
    (bizreg_base's engine-owned fields), while the module's own actions,
    run as the same users, still write them."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls._bizreg_helpdesk_setup()

    def _guarded(self, record, user):
        helper = getattr(base_common, "assert_engine_fields_guarded", None)
        if helper is None:
            self.skipTest("bizreg_base has no engine-owned field guard yet")
        # the number has its own guard (bizreg_base's numbering mixin)
        return helper(self, record, user, skip=("bizreg_number",))

    def test_ticket_fields_refused_to_the_agent(self):
        ticket = self._complaint()
        tried = self._guarded(ticket, self.agent)
        for name in (
            "bizreg_kind",
            "bizreg_closed",
            "bizreg_complaint_class_id",
            "bizreg_response_deadline",
            "bizreg_resolution_deadline",
            "bizreg_breach_date",
            "bizreg_escalation_level",
            "bizreg_escalation_l1_date",
            "bizreg_first_response_date",
            "bizreg_first_response_hours",
            "bizreg_resolution",
            "bizreg_close_override_reason",
        ):
            self.assertIn(name, tried)

    def test_module_actions_still_write_them_as_the_user(self):
        ticket = self._complaint()
        ticket.with_user(self.agent).action_bizreg_mark_responded()
        self.assertTrue(ticket.bizreg_first_response_date)
        self.env["bizreg.helpdesk.close.override"].with_user(self.manager).create(
            {"ticket_id": ticket.id, "reason": "Customer unreachable"}
        ).action_confirm()
        self.assertTrue(ticket.closed)
        investigation = (
            self.env["bizreg.helpdesk.investigation"]
            .with_user(self.agent)
            .create(
                {
                    "ticket_id": self._complaint().id,
                    "department_id": self.dept_rnd.id,
                    "date_deadline": "2099-01-10",
                    "request": "Check",
                    "findings": "Done",
                }
            )
        )
        investigation.with_user(self.rnd_manager).action_done()
        self.assertEqual(investigation.state, "done")
        self.assertTrue(investigation.date_done)
        tried = self._guarded(investigation, self.rnd_manager)
        self.assertIn("date_done", tried)
        self.assertIn("state", tried)
        visit = self.env["bizreg.return.visit"].create(
            {"partner_id": self.customer.id, "user_id": self.agent.id}
        )
        visit.with_user(self.agent).write({"feedback": "Fine", "satisfaction": "4"})
        visit.with_user(self.agent).action_done()
        self.assertEqual(visit.state, "done")
        tried = self._guarded(visit, self.agent)
        self.assertIn("date_done", tried)
        self.assertIn("state", tried)
