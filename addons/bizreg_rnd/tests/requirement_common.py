# Copyright 2026 bizreg
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

from odoo import Command

from odoo.addons.bizreg_base.tests.common import bizreg_test_user

from .common import RndCommon


class RequirementCommon(RndCommon):
    """Requirements, design documents, design reviews and development tasks
    on top of :class:`RndCommon`.  Call ``cls._requirement_setup()`` from
    ``setUpClass``."""

    @classmethod
    def _requirement_setup(cls):
        cls._rnd_setup()
        ref = cls.env.ref
        cls.Requirement = cls.env["bizreg.rnd.requirement"]
        cls.rice = ref("bizreg_rnd.scoring_model_rice")
        cls.weighted = ref("bizreg_rnd.scoring_model_weighted")
        cls.salesperson = bizreg_test_user(
            cls.env, "t_rnd_salesperson", ["sales_team.group_sale_salesman"]
        )
        cls.lead = (
            cls.env["crm.lead"]
            .sudo()
            .create(
                {
                    "name": "Test opportunity: needs an API",
                    "type": "opportunity",
                    "user_id": cls.salesperson.id,
                    "description": "<p>The customer needs a REST API.</p>",
                }
            )
        )
        # a second R&D reviewer of the department (the countersign)
        cls.reviewer = bizreg_test_user(
            cls.env, "t_rnd_reviewer", ["bizreg_rnd.group_bizreg_rnd_user"], cls.dept
        )
        Stage = cls.env["project.task.type"].sudo()
        cls.stage_todo = Stage.create(
            {"name": "Test To Do", "sequence": 1, "project_ids": [cls.project.id]}
        )
        cls.stage_dev = Stage.create(
            {
                "name": "Test In Development",
                "sequence": 5,
                "project_ids": [cls.project.id],
            }
        )
        cls.stage_done = Stage.create(
            {"name": "Test Done", "sequence": 9, "project_ids": [cls.project.id]}
        )

    # Requirements --------------------------------------------------------
    def _requirement(self, user=None, lines=1, **vals):
        user = user or self.developer
        base = {
            "name": "Test requirement",
            "scope": "The export only",
            "reach": 100.0,
            "impact": 2.0,
            "confidence": 50.0,
            "effort": 10.0,
            "line_ids": [
                Command.create(
                    {
                        "line_type": "functional",
                        "name": f"Line {pos + 1}",
                        "acceptance_criterion": "It works",
                    }
                )
                for pos in range(lines)
            ],
        }
        base.update(vals)
        return self.Requirement.with_user(user).create(base)

    def _approved(self, user=None, **vals):
        requirement = self._requirement(user, **vals)
        requirement.with_user(user or self.developer).action_submit()
        requirement.with_user(self.manager).validate_tier()
        self.assertEqual(requirement.state, "approved")
        return requirement

    # Design ----------------------------------------------------------------
    def _document(self, user=None, release=None, **vals):
        base = {
            "name": "Test architecture",
            "kind": "architecture",
            "release_id": (release or self.release).id,
            "url": "https://example.com/design",
        }
        base.update(vals)
        return (
            self.env["bizreg.rnd.design.document"]
            .with_user(user or self.developer)
            .create(base)
        )

    def _design_review(self, user=None, release=None, submit=True):
        user = user or self.developer
        release = release or self.release
        document = self._document(user, release)
        review = (
            self.env["bizreg.rnd.design.review"]
            .with_user(user)
            .create(
                {
                    "name": "Test design review",
                    "release_id": release.id,
                    "document_ids": [Command.set(document.ids)],
                }
            )
        )
        if submit:
            review.action_submit()
        return review

    def _task(self, user=None, **vals):
        base = {
            "name": "Test development task",
            "project_id": self.project.id,
            "bizreg_rnd_release_id": self.release.id,
        }
        base.update(vals)
        return self.env["project.task"].with_user(user or self.developer).create(base)
