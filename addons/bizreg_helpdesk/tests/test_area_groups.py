# Copyright 2026 bizreg
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

from odoo.tests import TransactionCase, tagged

from odoo.addons.bizreg_base.tests.common import assert_area_roles

from .common import BizregHelpdeskCommon

# What the Auditor reads in the Customer Service area, through this module's
# own access rows and "all" rules (not through a Customer Service group).
AUDITOR_READS = (
    "helpdesk.ticket",
    "helpdesk.ticket.type",
    "bizreg.complaint.class",
    "bizreg.return.visit.plan",
    "bizreg.return.visit",
    "bizreg.helpdesk.investigation",
)
# (investigations are written by every employee of the investigating
# department: base.group_user row and record rules)


@tagged("post_install", "-at_install")
class TestAreaGroups(BizregHelpdeskCommon, TransactionCase):
    """The Customer Service area's groups belong to bizreg_helpdesk: its
    manager is an Area Manager, the Director implies it, the Auditor reads the
    area on its own."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls._bizreg_helpdesk_setup()

    def test_area_roles(self):
        assert_area_roles(
            self,
            "bizreg_base.bizreg_area_service",
            "bizreg_helpdesk.group_bizreg_service_user",
            "bizreg_helpdesk.group_bizreg_service_manager",
            {
                "manager": self.manager,
                "user": self.agent,
                "director": self.director,
                "auditor": self.auditor,
            },
            AUDITOR_READS,
            writes=("bizreg.helpdesk.investigation",),
        )
        self.assertFalse(self.env.ref("bizreg_base.group_bizreg_service_user", False))
