# Copyright 2026 bizreg
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

from odoo.tests import TransactionCase, tagged

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
# Investigations are written by every employee of the investigating
# department (base.group_user row, record rules): not read-only by ACL.
AUDITOR_READ_ONLY = tuple(
    m for m in AUDITOR_READS if m != "bizreg.helpdesk.investigation"
)


@tagged("post_install", "-at_install")
class TestAreaGroups(BizregHelpdeskCommon, TransactionCase):
    """The Customer Service area's groups belong to bizreg_helpdesk: its
    manager is an Area Manager, the Director implies it, the Auditor reads the
    area on its own."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls._bizreg_helpdesk_setup()

    def test_groups_declared_here(self):
        ref = self.env.ref
        user_group = ref("bizreg_helpdesk.group_bizreg_service_user")
        manager_group = ref("bizreg_helpdesk.group_bizreg_service_manager")
        self.assertFalse(ref("bizreg_base.group_bizreg_service_user", False))
        self.assertFalse(ref("bizreg_base.group_bizreg_service_manager", False))
        category = ref("bizreg_base.module_category_bizreg")
        self.assertEqual(user_group.category_id, category)
        self.assertEqual(manager_group.category_id, category)
        self.assertIn(user_group, manager_group.implied_ids)
        self.assertIn(
            ref("bizreg_base.group_bizreg_area_manager"), manager_group.implied_ids
        )
        area = ref("bizreg_base.bizreg_area_service")
        self.assertEqual(area.user_group_id, user_group)
        self.assertEqual(area.manager_group_id, manager_group)

    def test_manager_is_area_manager(self):
        self.assertTrue(self.manager.has_group("bizreg_base.group_bizreg_area_manager"))
        self.assertTrue(
            self.manager.has_group("bizreg_helpdesk.group_bizreg_service_user")
        )
        self.assertFalse(self.agent.has_group("bizreg_base.group_bizreg_area_manager"))

    def test_director_sees_service(self):
        director_group = self.env.ref("bizreg_base.group_bizreg_director")
        manager_group = self.env.ref("bizreg_helpdesk.group_bizreg_service_manager")
        self.assertIn(manager_group, director_group.implied_ids)
        self.assertTrue(
            self.director.has_group("bizreg_helpdesk.group_bizreg_service_manager")
        )

    def test_auditor_reads_service_on_its_own(self):
        auditor = self.auditor
        # No Customer Service group: the Auditor reads through its own rows.
        for xmlid in (
            "bizreg_helpdesk.group_bizreg_service_user",
            "bizreg_helpdesk.group_bizreg_service_manager",
            "bizreg_base.group_bizreg_area_manager",
        ):
            self.assertFalse(auditor.has_group(xmlid), xmlid)
        for model in AUDITOR_READS:
            Model = self.env[model].with_user(auditor)
            self.assertTrue(Model.has_access("read"), model)
            self.assertFalse(Model.has_access("create"), f"{model} create")
            self.assertFalse(Model.has_access("unlink"), f"{model} unlink")
        for model in AUDITOR_READ_ONLY:
            Model = self.env[model].with_user(auditor)
            self.assertFalse(Model.has_access("write"), f"{model} write")
