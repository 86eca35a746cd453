# Copyright 2026 bizreg
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

from odoo import Command

from odoo.addons.bizreg_base.tests.common import bizreg_test_user


class BizregHelpdeskCommon:
    """Teams, a Mon-Fri 09:00-17:00 UTC calendar, users of every role."""

    @classmethod
    def _bizreg_helpdesk_setup(cls):
        env = cls.env
        ref = env.ref
        cls.calendar = env["resource.calendar"].create(
            {
                "name": "Test Mon-Fri 9-17 UTC",
                "tz": "UTC",
                "hours_per_day": 8.0,
                "attendance_ids": [Command.clear()]
                + [
                    Command.create(
                        {
                            "name": f"Day {day}",
                            "dayofweek": str(day),
                            "hour_from": 9,
                            "hour_to": 17,
                            "day_period": "morning",
                        }
                    )
                    for day in range(5)
                ],
            }
        )
        cls.env.company.resource_calendar_id = cls.calendar
        cls.dept_service = env["hr.department"].create(
            {
                "name": "Test Service",
                "bizreg_area_id": ref("bizreg_base.bizreg_area_service").id,
            }
        )
        cls.dept_service2 = env["hr.department"].create(
            {
                "name": "Test Service 2",
                "bizreg_area_id": ref("bizreg_base.bizreg_area_service").id,
            }
        )
        cls.dept_rnd = env["hr.department"].create(
            {
                "name": "Test R&D",
                "bizreg_area_id": ref("bizreg_base.bizreg_area_rnd").id,
            }
        )

        def user(login, groups, department=None, manager_of=None):
            usr = bizreg_test_user(
                env, login, groups, department, user_vals={"tz": "UTC"}
            )
            if manager_of:
                manager_of.manager_id = usr.employee_id
            return usr

        cls.agent = user(
            "t_hd_agent",
            ["bizreg_helpdesk.group_bizreg_service_user"],
            cls.dept_service,
        )
        cls.agent2 = user(
            "t_hd_agent2",
            ["bizreg_helpdesk.group_bizreg_service_user"],
            cls.dept_service,
        )
        cls.agent_other = user(
            "t_hd_agent_other",
            ["bizreg_helpdesk.group_bizreg_service_user"],
            cls.dept_service2,
        )
        cls.manager = user(
            "t_hd_manager",
            ["bizreg_helpdesk.group_bizreg_service_manager"],
            cls.dept_service,
            manager_of=cls.dept_service,
        )
        cls.manager_other = user(
            "t_hd_manager_other",
            ["bizreg_helpdesk.group_bizreg_service_manager"],
            cls.dept_service2,
            manager_of=cls.dept_service2,
        )
        cls.rnd_manager = user(
            "t_hd_rnd_manager",
            ["bizreg_base.group_bizreg_area_manager"],
            cls.dept_rnd,
            manager_of=cls.dept_rnd,
        )
        cls.director = user("t_hd_director", ["bizreg_base.group_bizreg_director"])
        cls.auditor = user("t_hd_auditor", ["bizreg_base.group_bizreg_auditor"])
        # Only our director receives level-3 escalations in these tests.
        director_group = ref("bizreg_base.group_bizreg_director")
        director_group.users = [Command.set(cls.director.ids)]
        cls.team = env["helpdesk.ticket.team"].create(
            {
                "name": "Test Hotline",
                "bizreg_department_id": cls.dept_service.id,
                "resource_calendar_id": cls.calendar.id,
                "user_ids": [Command.set((cls.agent | cls.agent2 | cls.manager).ids)],
            }
        )
        cls.team_other = env["helpdesk.ticket.team"].create(
            {
                "name": "Test Other Team",
                "bizreg_department_id": cls.dept_service2.id,
                "resource_calendar_id": cls.calendar.id,
                "user_ids": [Command.set((cls.agent_other | cls.manager_other).ids)],
            }
        )
        cls.customer = env["res.partner"].create(
            {"name": "Test Customer", "email": "customer@example.com"}
        )
        cls.type_consultation = ref("bizreg_helpdesk.helpdesk_ticket_type_consultation")
        cls.type_complaint = ref("bizreg_helpdesk.helpdesk_ticket_type_complaint")
        cls.type_request = ref("bizreg_helpdesk.helpdesk_ticket_type_request")
        cls.stage_new = ref("helpdesk_mgmt.helpdesk_ticket_stage_new")
        cls.stage_done = ref("helpdesk_mgmt.helpdesk_ticket_stage_done")
        cls.stage_cancelled = ref("helpdesk_mgmt.helpdesk_ticket_stage_cancelled")
        cls.class_high = ref("bizreg_helpdesk.bizreg_complaint_class_high")
        cls.class_medium = ref("bizreg_helpdesk.bizreg_complaint_class_medium")
        cls.Ticket = env["helpdesk.ticket"]

    def _complaint(self, user=None, **vals):
        user = user or self.agent
        base = {
            "name": "Broken device",
            "description": "<p>It does not start.</p>",
            "partner_id": self.customer.id,
            "team_id": self.team.id,
            "user_id": user.id,
            "type_id": self.type_complaint.id,
            "bizreg_severity": "high",
        }
        base.update(vals)
        return self.Ticket.with_user(user).create(base)

    def _ticket(self, user=None, **vals):
        user = user or self.agent
        base = {
            "name": "Question",
            "description": "<p>How do I ...?</p>",
            "partner_id": self.customer.id,
            "team_id": self.team.id,
            "user_id": user.id,
            "type_id": self.type_consultation.id,
        }
        base.update(vals)
        return self.Ticket.with_user(user).create(base)
