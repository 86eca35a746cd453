# Copyright 2026 bizreg
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

from odoo.tests import TransactionCase, tagged

from odoo.addons.bizreg_base.tests.common import assert_area_roles

from .common import MANAGER, USER, ProjectCommon

# What the Auditor reads of the Project Management area, through this
# module's access rows and "all" rules (not through a Project group).
AUDITOR_READS = (
    "bizreg.project.request",
    "bizreg.project.request.budget.line",
    "bizreg.project.request.member",
    "bizreg.project.cost.category",
    "bizreg.project.quality.criterion",
)


@tagged("post_install", "-at_install")
class TestAreaGroups(ProjectCommon, TransactionCase):
    """The Project Management area's groups belong to bizreg_project: its
    manager is an Area Manager, the Director implies it, the Auditor reads
    the area on its own."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls._project_setup()

    def test_area_roles(self):
        assert_area_roles(
            self,
            "bizreg_base.bizreg_area_project",
            USER,
            MANAGER,
            {
                "manager": self.manager,
                "user": self.pm,
                "director": self.director,
                "auditor": self.auditor,
            },
            AUDITOR_READS,
        )

    def test_project_roles_configured_by_managers(self):
        Role = self.env["project.role"]
        self.assertFalse(Role.with_user(self.pm).has_access("create"))
        self.assertTrue(Role.with_user(self.manager).has_access("create"))
        self.assertTrue(Role.with_user(self.pm).has_access("read"))
