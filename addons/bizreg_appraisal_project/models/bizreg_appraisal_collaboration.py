# Copyright 2026 bizreg
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

from odoo import api, models


class BizregAppraisalCollaboration(models.AbstractModel):
    """Collaboration source "project_tasks": colleagues who worked on the same
    project tasks."""

    _inherit = "bizreg.appraisal.collaboration"

    @api.model
    def _bizreg_collaboration_sources(self):
        sources = super()._bizreg_collaboration_sources()
        sources["project_tasks"] = self.env._("Project tasks")
        return sources

    @api.model
    def _bizreg_collaboration_project_tasks(
        self, employees, date_from, date_to, company=None
    ):
        """Tasks of the period (assigned, moved to another stage or due in it)
        shared by every two of their assignees, and by each assignee with the
        manager of the task's project.

        Only tasks an appraised employee was assigned to or whose project they
        manage are read.  Four queries whatever the number of employees and
        tasks.
        """
        user_ids = self._bizreg_user_ids(employees)
        if not user_ids:
            return {emp_id: {} for emp_id in employees.ids}
        start, stop = self._bizreg_period(employees, date_from, date_to, company)
        tasks = (
            self.env["project.task"]
            .sudo()
            .search_fetch(
                [
                    ("project_id", "!=", False),
                    "|",
                    ("user_ids", "in", user_ids),
                    ("project_id.user_id", "in", user_ids),
                    "|",
                    "|",
                    "&",
                    ("date_assign", ">=", start),
                    ("date_assign", "<", stop),
                    "&",
                    ("date_last_stage_update", ">=", start),
                    ("date_last_stage_update", "<", stop),
                    "&",
                    ("date_deadline", ">=", start),
                    ("date_deadline", "<", stop),
                ],
                ["user_ids", "project_id"],
            )
        )
        shared = []
        for task in tasks:
            assignees = task.user_ids.ids
            pairs = {
                frozenset((user_id, other))
                for index, user_id in enumerate(assignees)
                for other in assignees[index + 1 :]
            }
            manager = task.project_id.user_id.id
            if manager:
                pairs.update(frozenset((manager, user_id)) for user_id in assignees)
            for pair in pairs:
                if len(pair) == 2:
                    user_id, other = sorted(pair)
                    shared.append((user_id, [other]))
        return self._bizreg_shared_records(employees, shared)
