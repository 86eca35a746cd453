# Copyright 2026 bizreg
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

from datetime import date

from .common import RndCommon


class TestingCommon(RndCommon):
    """R&D users (:class:`RndCommon`), a requirement planned into
    ``cls.release`` with two test cases, and helpers to record results."""

    @classmethod
    def _testing_setup(cls):
        cls._rnd_setup()
        cls.env = cls.env(context=dict(cls.env.context, mail_notrack=True))
        cls.req = cls._new_requirement("Login")
        cls.case_a = cls._new_case(cls.req, "Log in")
        cls.case_b = cls._new_case(cls.req, "Wrong password refused", "security")

    @classmethod
    def _new_requirement(cls, name, release=None):
        return (
            cls.env["bizreg.rnd.requirement"]
            .sudo()
            .create(
                {
                    "name": name,
                    "planned_release_id": (release or cls.release).id,
                    "user_id": cls.developer.id,
                }
            )
        )

    @classmethod
    def _new_case(cls, requirement, name, test_type="functional", user=None):
        return (
            cls.env["bizreg.rnd.test.case"]
            .with_user(user or cls.tester)
            .create(
                {
                    "name": name,
                    "requirement_id": requirement.id,
                    "test_type": test_type,
                    "steps": "1. Open the login page",
                    "expected_result": "Welcome page",
                }
            )
        )

    @classmethod
    def _new_release(cls, name):
        return (
            cls.env["bizreg.rnd.release"]
            .with_user(cls.developer)
            .create(
                {
                    "name": name,
                    "project_id": cls.project.id,
                    "date_planned": date(2026, 10, 31),
                }
            )
        )

    @classmethod
    def _new_run(cls, release=None, user=None):
        return (
            cls.env["bizreg.rnd.test.run"]
            .with_user(user or cls.tester)
            .create({"name": "Run", "release_id": (release or cls.release).id})
        )

    @classmethod
    def _record(cls, run, case, result, user=None, **vals):
        return (
            cls.env["bizreg.rnd.test.result"]
            .with_user(user or cls.tester)
            .create({"run_id": run.id, "case_id": case.id, "result": result, **vals})
        )
