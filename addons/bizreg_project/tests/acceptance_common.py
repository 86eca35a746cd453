# Copyright 2026 bizreg
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

from contextlib import contextmanager

from .common import ProjectCommon


class AcceptanceCommon(ProjectCommon):
    """A regulated project in execution with two acceptance criteria, and
    helpers to run its acceptance as the project's manager and acceptor."""

    @classmethod
    def _acceptance_setup(cls):
        cls._project_setup()
        cls.Acceptance = cls.env["bizreg.project.acceptance"]

    def _project_in_execution(self, **vals):
        project = self._regulated_project(**vals)
        project._bizreg_engine_write({"bizreg_phase": "execution"})
        self.env["bizreg.project.quality.criterion"].create(
            [
                {
                    "project_id": project.id,
                    "name": "Orders flow end to end",
                    "check_method": "Integration test report",
                    "sequence": 1,
                },
                {
                    "project_id": project.id,
                    "name": "Users trained",
                    "check_method": "Training sign-off sheet",
                    "sequence": 2,
                },
            ]
        )
        return project

    def _acceptance(self, project=None):
        project = project or self._project_in_execution()
        return self.Acceptance.with_user(self.pm).create(
            {"project_id": project.id, "summary": "Rolled out to 3 plants"}
        )

    def _checked(self, acceptance, results=("passed", "na")):
        for check, result in zip(
            acceptance.check_ids.sorted("sequence"), results, strict=True
        ):
            check.with_user(self.pm).write(
                {"result": result, "evidence": f"Evidence {result}"}
            )
        return acceptance

    def _requested(self, project=None):
        acceptance = self._checked(self._acceptance(project))
        acceptance.with_user(self.pm).action_submit()
        acceptance.invalidate_recordset()
        return acceptance

    def _refuse(self, acceptance, reason, user=None):
        user = user or self.acceptor
        action = acceptance.with_user(user).reject_tier()
        self.env["comment.wizard"].with_user(user).with_context(
            **action["context"]
        ).create({"comment": reason}).add_comment()
        acceptance.invalidate_recordset()

    def _accepted(self, project=None):
        acceptance = self._requested(project)
        acceptance.with_user(self.acceptor).validate_tier()
        acceptance.invalidate_recordset()
        self.assertEqual(acceptance.state, "accepted")
        return acceptance

    @contextmanager
    def assertRaisesMessage(self, exception, text):
        """``assertRaises`` (which rolls back to a savepoint, unlike
        ``assertRaisesRegex``) and the message names ``text``."""
        with self.assertRaises(exception) as catcher:
            yield catcher
        self.assertIn(text, str(catcher.exception))
