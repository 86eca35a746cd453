# Copyright 2026 bizreg
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

from datetime import date, datetime

from odoo import Command

from .common import ProjectCommon


class PlanCommon(ProjectCommon):
    """A regulated project in planning with a schedule (two milestones,
    three tasks with dependencies), and helpers to build, submit and approve
    its plan set as the project's manager and the Project Management
    Manager."""

    @classmethod
    def _plan_setup(cls):
        cls._project_setup()
        cls.Plan = cls.env["bizreg.project.plan"]

    def _scheduled_project(self, **vals):
        project = self._regulated_project(
            allow_milestones=True, allow_task_dependencies=True, **vals
        )
        # the colleague is in the team (follows the project)
        project.message_subscribe(partner_ids=self.colleague.partner_id.ids)
        Milestone = self.env["project.milestone"]
        self.m_req = Milestone.create(
            {
                "name": "Requirements",
                "project_id": project.id,
                "deadline": date(2026, 4, 15),
            }
        )
        self.m_live = Milestone.create(
            {"name": "Go-live", "project_id": project.id, "deadline": date(2026, 7, 31)}
        )
        Task = self.env["project.task"].with_context(mail_create_nolog=True)
        self.t_analyse = Task.create(
            {
                "name": "Analyse",
                "project_id": project.id,
                "milestone_id": self.m_req.id,
                "date_deadline": datetime(2026, 4, 10, 2, 0),
                "user_ids": [Command.set(self.pm.ids)],
            }
        )
        self.t_build = Task.create(
            {
                "name": "Build",
                "project_id": project.id,
                "milestone_id": self.m_live.id,
                "date_deadline": datetime(2026, 7, 1, 2, 0),
                "depend_on_ids": [Command.set(self.t_analyse.ids)],
                "user_ids": [Command.set(self.colleague.ids)],
            }
        )
        self.t_train = Task.create(
            {
                "name": "Train users",
                "project_id": project.id,
                "milestone_id": self.m_live.id,
                "date_deadline": datetime(2026, 7, 20, 2, 0),
                "depend_on_ids": [Command.set(self.t_build.ids)],
            }
        )
        return project

    def _plan(self, project=None, user=None, cadence=7, **vals):
        project = project or self._scheduled_project()
        user = user or self.pm
        values = {
            "name": "ERP rollout plan",
            "project_id": project.id,
            "quality_objective": "No open blocker at go-live.",
            "risk_approach": "Weekly review of the register.",
            "risk_thresholds": "High: score 15 or more.",
            "risk_review_days": 14,
            "quality_criterion_ids": [
                Command.create(
                    {"name": "Orders flow end to end", "check_method": "Test report"}
                ),
                Command.create(
                    {"name": "Users trained", "check_method": "Sign-off sheet"}
                ),
            ],
            "communication_ids": [
                Command.create(
                    {
                        "kind": "status_update",
                        "name": "Project update",
                        "audience": "Sponsor, departments",
                        "user_id": self.pm.id,
                        "cadence_days": cadence,
                    }
                ),
                Command.create(
                    {
                        "kind": "meeting",
                        "name": "Weekly team meeting",
                        "audience": "Team",
                        "user_id": self.pm.id,
                        "cadence_days": 7,
                    }
                ),
            ],
        }
        values.update(vals)
        return self.Plan.with_user(user).create(values)

    def _approve(self, plan, submitter=None, reviewer=None):
        plan.with_user(submitter or plan.user_id).action_submit()
        plan.with_user(reviewer or self.manager).validate_tier()
        plan.invalidate_recordset()
        plan.project_id.invalidate_recordset()
        self.assertEqual(plan.state, "approved")
        return plan

    def _approved_plan(self, **kwargs):
        return self._approve(self._plan(**kwargs))
