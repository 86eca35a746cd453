# Copyright 2026 bizreg
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

from odoo.exceptions import AccessError, ValidationError
from odoo.tests import TransactionCase, new_test_user, tagged

from .common import BizregHelpdeskCommon


@tagged("post_install", "-at_install")
class TestSecurity(BizregHelpdeskCommon, TransactionCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls._bizreg_helpdesk_setup()
        cls.t_mine = cls._complaint_cls(cls.agent, cls.team)
        cls.t_team = cls._complaint_cls(cls.agent2, cls.team)
        cls.t_other = cls._complaint_cls(cls.agent_other, cls.team_other)
        cls.portal_partner = cls.env["res.partner"].create({"name": "Portal Customer"})
        cls.portal_user = new_test_user(
            cls.env,
            login="t_hd_portal",
            groups="base.group_portal",
            partner_id=cls.portal_partner.id,
        )
        cls.t_portal = cls._complaint_cls(
            cls.agent, cls.team, partner_id=cls.portal_partner.id
        )
        cls.all_tickets = cls.t_mine | cls.t_team | cls.t_other | cls.t_portal

    @classmethod
    def _complaint_cls(cls, user, team, **vals):
        base = {
            "name": "Complaint",
            "description": "<p>x</p>",
            "partner_id": cls.customer.id,
            "team_id": team.id,
            "user_id": user.id,
            "type_id": cls.type_complaint.id,
            "bizreg_severity": "low",
        }
        base.update(vals)
        return cls.env["helpdesk.ticket"].create(base)

    def _visible(self, user):
        return (
            self.env["helpdesk.ticket"]
            .with_user(user)
            .search([("id", "in", self.all_tickets.ids)])
        )

    def test_service_user_group_implies_team_not_all(self):
        group = self.env.ref("bizreg_helpdesk.group_bizreg_service_user")
        implied = group.trans_implied_ids
        self.assertIn(self.env.ref("helpdesk_mgmt.group_helpdesk_user_team"), implied)
        self.assertNotIn(self.env.ref("helpdesk_mgmt.group_helpdesk_user"), implied)
        self.assertTrue(self.agent.has_group("helpdesk_mgmt.group_helpdesk_user_team"))
        self.assertFalse(self.agent.has_group("helpdesk_mgmt.group_helpdesk_user"))

    def test_agent_sees_team_tickets_only(self):
        visible = self._visible(self.agent)
        self.assertEqual(visible, self.t_mine | self.t_team | self.t_portal)
        with self.assertRaises(AccessError):
            self.t_other.with_user(self.agent).read(["name"])
        with self.assertRaises(AccessError):
            self.t_other.with_user(self.agent).write({"name": "hijack"})
        self.assertEqual(self._visible(self.agent_other), self.t_other)

    def test_manager_sees_department(self):
        self.assertEqual(
            self._visible(self.manager), self.t_mine | self.t_team | self.t_portal
        )
        self.assertEqual(self._visible(self.manager_other), self.t_other)
        # a ticket of another team handed to the manager's department
        self.t_other.bizreg_department_id = self.dept_service
        self.assertIn(self.t_other, self._visible(self.manager))

    def test_director_and_auditor_see_all_auditor_read_only(self):
        self.assertEqual(self._visible(self.director), self.all_tickets)
        self.assertEqual(self._visible(self.auditor), self.all_tickets)
        with self.assertRaises(AccessError):
            self.t_mine.with_user(self.auditor).write({"name": "changed"})
        with self.assertRaises(AccessError):
            self.env["bizreg.complaint.class"].with_user(self.auditor).create(
                {"name": "x", "severity": "low"}
            )
        self.assertTrue(
            self.env["bizreg.return.visit"].with_user(self.auditor).search_count([])
            >= 0
        )

    def test_portal_customer_sees_own_tickets(self):
        visible = self._visible(self.portal_user)
        self.assertEqual(visible, self.t_portal)
        with self.assertRaises(AccessError):
            self.t_mine.with_user(self.portal_user).read(["name"])
        with self.assertRaises(AccessError):
            self.t_portal.with_user(self.portal_user).write({"name": "x"})

    def test_agent_cannot_configure_classes(self):
        with self.assertRaises(AccessError):
            self.env["bizreg.complaint.class"].with_user(self.agent).create(
                {"name": "x", "severity": "low"}
            )
        with self.assertRaises(AccessError):
            self.class_high.with_user(self.agent).write({"response_hours": 100})

    def test_complaint_class_bad_input(self):
        Class = self.env["bizreg.complaint.class"].with_user(self.manager)
        count = Class.search_count([])
        category = self.env["helpdesk.ticket.category"].create({"name": "Delivery"})
        for vals in (
            {"response_hours": 16, "resolution_days": 1},  # resolution before response
            {"response_hours": -1},
            {"level2_delay_hours": -2},
            {"level2_delay_hours": 8, "level3_delay_hours": 4},
            {"resolution_days": 0},
        ):
            base = {
                "name": "Bad",
                "category_id": category.id,
                "severity": "low",
                "response_hours": 4,
                "resolution_days": 2,
                "level2_delay_hours": 4,
                "level3_delay_hours": 8,
            }
            base.update(vals)
            with self.assertRaises(ValidationError, msg=vals), self.cr.savepoint():
                Class.create(base)
        self.assertEqual(Class.search_count([]), count)
        with self.assertRaises(ValidationError), self.cr.savepoint():
            self.class_high.with_user(self.manager).write({"resolution_days": 0.1})
        self.class_high.invalidate_recordset()
        self.assertEqual(self.class_high.resolution_days, 1)

    def test_error_messages_are_translated(self):
        self.env["res.lang"]._activate_lang("zh_CN")
        self.env["ir.module.module"]._load_module_terms(["bizreg_helpdesk"], ["zh_CN"])
        Class = (
            self.env["bizreg.complaint.class"]
            .with_user(self.manager)
            .with_context(lang="zh_CN")
        )
        with self.assertRaises(ValidationError) as ctx, self.cr.savepoint():
            Class.create(
                {
                    "name": "Bad",
                    "severity": "low",
                    "response_hours": -1,
                    "resolution_days": 1,
                }
            )
        self.assertRegex(str(ctx.exception), r"[\u4e00-\u9fff]")

    def test_investigation_needs_read_access_to_the_complaint(self):
        Investigation = self.env["bizreg.helpdesk.investigation"].with_user(self.agent)
        vals = {
            "department_id": self.dept_rnd.id,
            "date_deadline": "2099-01-10",
            "request": "Tell me what is in there",
        }
        # a complaint of another team: handing it over would let the agent
        # (as the department's "manager") or anyone read it
        for manager in (False, self.agent.id):
            extra = {"manager_user_id": manager} if manager else {}
            with self.assertRaises(AccessError), self.cr.savepoint():
                Investigation.create(dict(vals, ticket_id=self.t_other.id, **extra))
        self.assertFalse(
            self.env["bizreg.helpdesk.investigation"].search(
                [("ticket_id", "=", self.t_other.id)]
            )
        )
        self.assertNotIn(self.agent.partner_id, self.t_other.message_partner_ids)
        self.assertNotIn(self.rnd_manager.partner_id, self.t_other.message_partner_ids)
        with self.assertRaises(AccessError):
            self.t_other.with_user(self.rnd_manager).read(["name"])
        # moving an investigation of one's own complaint onto another one
        investigation = Investigation.create(dict(vals, ticket_id=self.t_mine.id))
        with self.assertRaises(AccessError), self.cr.savepoint():
            investigation.write({"ticket_id": self.t_other.id})
        investigation.invalidate_recordset()
        self.assertEqual(investigation.ticket_id, self.t_mine)
