# Copyright 2026 bizreg
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

from psycopg2 import IntegrityError

from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import TransactionCase, tagged
from odoo.tools import mute_logger

from .acceptance_common import AcceptanceCommon


@tagged("post_install", "-at_install")
class TestClosing(AcceptanceCommon, TransactionCase):
    """Closing a project: the closing formalities, the lessons learned every
    project user can search, the evaluation by the PM Manager."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls._acceptance_setup()
        cls.Lesson = cls.env["bizreg.project.lesson"]
        cls.Evaluation = cls.env["bizreg.project.evaluation"]

    def _lesson(self, project, user=None):
        return self.Lesson.with_user(user or self.pm).create(
            {
                "name": "Supplier delays",
                "project_id": project.id,
                "went_well": "Key users involved early",
                "went_wrong": "The barcode scanner supplier delivered late",
                "recommendations": "Order hardware before the design review",
                "tags": "supplier, hardware",
            }
        )

    def _evaluation(self, project, user=None, **scores):
        return self.Evaluation.with_user(user or self.manager).create(
            {
                "project_id": project.id,
                "schedule_score": 4,
                "quality_score": 5,
                "cost_score": 3,
                "collaboration_score": 4,
                **scores,
            }
        )

    def test_closing_refused_with_issues_then_allowed(self):
        project = self._project_in_execution()
        task = self.env["project.task"].create(
            {"name": "Go-live support", "project_id": project.id}
        )
        with self.assertRaises(UserError) as caught:
            project.with_user(self.pm).action_bizreg_close()
        message = str(caught.exception)
        for text in (
            "task(s) are still open",
            "has not accepted the project",
            "No lessons-learned record",
            "has not evaluated the project",
        ):
            self.assertIn(text, message)
        self.assertEqual(project.bizreg_phase, "execution")
        # the formalities shown on the acceptance before it is requested
        acceptance = self._checked(self._acceptance(project))
        self.assertIn("has not accepted the project", acceptance.closing_issues)
        acceptance.with_user(self.pm).action_submit()
        acceptance.with_user(self.acceptor).validate_tier()
        task.state = "1_done"
        self._lesson(project)
        with self.assertRaises(UserError) as caught:
            project.with_user(self.pm).action_bizreg_close()
        self.assertEqual(
            project._bizreg_closing_issues(),
            ["The Project Management Manager has not evaluated the project."],
        )
        self._evaluation(project)
        self.assertEqual(project._bizreg_closing_issues(), [])
        # a colleague of the team is not the project's manager
        with self.assertRaisesMessage(UserError, "Only the project's manager"):
            project.with_user(self.colleague).action_bizreg_close()
        project.with_user(self.pm).action_bizreg_close()
        self.assertEqual(project.bizreg_phase, "closed")
        self.assertTrue(project.bizreg_date_closed)
        # the project's stage and archiving stay the users' choice
        self.assertTrue(project.active)
        with self.assertRaisesMessage(UserError, "already closed"):
            project.with_user(self.pm).action_bizreg_close()

    def test_pm_manager_closes_and_unregulated_projects_are_left_alone(self):
        project = self._project_in_execution()
        self._accepted(project)
        self._lesson(project)
        self._evaluation(project)
        project.with_user(self.other_manager).action_bizreg_close()
        self.assertEqual(project.bizreg_phase, "closed")
        plain = self.env["project.project"].create({"name": "Not regulated"})
        self.assertFalse(plain.bizreg_closing_issues)
        with self.assertRaisesMessage(UserError, "not created from a project request"):
            plain.with_user(self.manager).action_bizreg_close()
        self.assertFalse(plain.bizreg_phase)

    def test_lessons_searchable_by_everyone_written_by_author(self):
        project = self._project_in_execution()
        lesson = self._lesson(project)
        self.assertEqual(lesson.department_id, self.dept)
        # a project user of another department finds and reads it...
        found = self.Lesson.with_user(self.stranger).search(
            [("went_wrong", "ilike", "scanner supplier")]
        )
        self.assertEqual(found, lesson)
        self.assertEqual(
            found.recommendations, "Order hardware before the design review"
        )
        # ...but does not change it
        with self.assertRaises(AccessError):
            lesson.with_user(self.stranger).write({"tags": "forged"})
        with self.assertRaises(AccessError):
            lesson.with_user(self.stranger).unlink()
        # the project's manager edits a lesson a colleague wrote
        colleague_lesson = self._lesson(project, user=self.colleague)
        colleague_lesson.with_user(self.pm).write({"tags": "supplier"})
        # once the project is closed the lessons are final
        project._bizreg_engine_write({"bizreg_phase": "closed"})
        with self.assertRaisesMessage(UserError, "is closed"):
            lesson.with_user(self.pm).write({"tags": "late edit"})
        with self.assertRaisesMessage(UserError, "is closed"):
            self._lesson(project)
        # still readable by all
        self.assertEqual(lesson.with_user(self.stranger).tags, "supplier, hardware")

    def test_evaluation_scores_and_evaluator(self):
        project = self._project_in_execution()
        for score in (0, 6):
            with self.assertRaisesMessage(ValidationError, "Schedule"):
                self._evaluation(project, schedule_score=score)
        with self.assertRaisesMessage(ValidationError, "Team Collaboration"):
            self._evaluation(project, collaboration_score=-1)
        # a project user does not evaluate
        with self.assertRaises(AccessError):
            self._evaluation(project, user=self.pm)
        # nor does the PM Manager who manages the project
        project.sudo().user_id = self.manager
        with self.assertRaisesMessage(ValidationError, "someone else"):
            self._evaluation(project)
        project.sudo().user_id = self.pm
        evaluation = self._evaluation(project)
        self.assertEqual(evaluation.overall_score, 4.0)
        self.assertEqual(evaluation.user_id, self.manager)
        # the project's manager reads the evaluation of the project
        self.assertEqual(evaluation.with_user(self.pm).cost_score, 3)
        with self.assertRaises(ValidationError):
            evaluation.with_user(self.manager).write({"quality_score": 9})
        # one evaluation per project
        with self.assertRaises(IntegrityError), mute_logger("odoo.sql_db"):
            self._evaluation(project)
