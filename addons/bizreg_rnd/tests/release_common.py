# Copyright 2026 bizreg
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

from odoo import Command

from .common import RndCommon


class ReleaseCommon(RndCommon):
    """Helpers to make ``cls.release`` ready (an approved requirement with a
    passed test case, the checklist done), submit it, approve it and
    release it, as the users of :class:`RndCommon`."""

    @classmethod
    def _release_setup(cls):
        cls._rnd_setup()
        cls.Release = cls.env["bizreg.rnd.release"]
        cls.Checklist = cls.env["bizreg.rnd.release.checklist"]
        cls.Requirement = cls.env["bizreg.rnd.requirement"]
        cls.Case = cls.env["bizreg.rnd.test.case"]
        cls.Result = cls.env["bizreg.rnd.test.result"]
        cls.Defect = cls.env["bizreg.rnd.defect"]

    def _requirement(self, release=None, title="Export to Excel"):
        """An approved requirement (submitted by the developer, approved by
        the R&D Manager) planned into ``release``."""
        release = release or self.release
        requirement = self.Requirement.with_user(self.developer).create(
            {
                "name": title,
                "effort": 5,
                "line_ids": [
                    Command.create(
                        {"line_type": "functional", "name": f"{title}: the list"}
                    )
                ],
            }
        )
        requirement.with_user(self.developer).action_submit()
        requirement.with_user(self.manager).validate_tier()
        self.assertEqual(requirement.state, "approved")
        requirement.with_user(self.manager).write({"planned_release_id": release.id})
        return requirement

    def _case(self, requirement, name="The list exports"):
        return self.Case.with_user(self.tester).create(
            {"name": name, "requirement_id": requirement.id}
        )

    def _result(self, case, result="passed", release=None, **vals):
        return self.Result.with_user(self.tester).create(
            {
                "case_id": case.id,
                "release_id": (release or self.release).id,
                "result": result,
                **vals,
            }
        )

    def _defect(self, severity="blocker", release=None, **vals):
        return self.Defect.with_user(self.tester).create(
            {
                "name": "Export crashes",
                "severity": severity,
                "found_in_release_id": (release or self.release).id,
                **vals,
            }
        )

    def _tick_checklist(self, release=None):
        release = release or self.release
        for line in release.checklist_ids:
            if line.kind == "user_training":
                line.with_user(self.developer).write(
                    {"attendee_ids": [Command.set(self.tester.employee_id.ids)]}
                )
            line.with_user(self.developer).action_done()

    def _ready_release(self, release=None):
        """Make the release ready; returns its requirement and test case."""
        release = release or self.release
        requirement = self._requirement(release)
        case = self._case(requirement)
        self._result(case, release=release)
        self._tick_checklist(release)
        return requirement, case

    def _approved_release(self, release=None):
        release = release or self.release
        requirement, case = self._ready_release(release)
        release.with_user(self.developer).action_submit()
        release.with_user(self.manager).validate_tier()
        release.with_user(self.cs_manager).validate_tier()
        self.assertEqual(release.state, "approved")
        return requirement, case
