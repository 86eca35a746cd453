# Copyright 2026 bizreg
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

from odoo.tests import TransactionCase, tagged

from odoo.addons.bizreg_base.tests.common import assert_area_roles

from .common import MANAGER, USER, RndCommon

# What the Auditor reads of the R&D area, through this module's access rows
# and "all" rules (not through an R&D group).
AUDITOR_READS = (
    "bizreg.rnd.requirement",
    "bizreg.rnd.requirement.line",
    "bizreg.rnd.scoring.model",
    "bizreg.rnd.design.document",
    "bizreg.rnd.design.review",
    "bizreg.rnd.design.review.comment",
    "bizreg.rnd.release",
    "bizreg.rnd.release.checklist",
    "bizreg.rnd.release.checklist.template",
    "bizreg.rnd.test.plan",
    "bizreg.rnd.test.case",
    "bizreg.rnd.test.run",
    "bizreg.rnd.test.result",
    "bizreg.rnd.defect",
    "bizreg.rnd.defect.policy",
)


@tagged("post_install", "-at_install")
class TestAreaGroups(RndCommon, TransactionCase):
    """The R&D area's groups belong to bizreg_rnd: its manager is an Area
    Manager, the Director implies it, the Auditor reads the area on its
    own."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls._rnd_setup()

    def test_area_roles(self):
        assert_area_roles(
            self,
            "bizreg_base.bizreg_area_rnd",
            USER,
            MANAGER,
            {
                "manager": self.manager,
                "user": self.developer,
                "director": self.director,
                "auditor": self.auditor,
            },
            AUDITOR_READS,
        )
