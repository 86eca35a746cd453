# Copyright 2026 bizreg
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

from odoo.exceptions import AccessError
from odoo.tests import TransactionCase, tagged

from .common import BizregBaseCommon


@tagged("post_install", "-at_install")
class TestRoles(BizregBaseCommon, TransactionCase):
    # The roles of bizreg_base; the business areas' groups belong to the area
    # modules (bizreg_sale, bizreg_helpdesk, ...).
    ROLES = {
        "group_bizreg_area_manager",
        "group_bizreg_legal",
        "group_bizreg_finance",
        "group_bizreg_risk",
        "group_bizreg_auditor",
        "group_bizreg_director",
        "group_bizreg_admin",
    }

    def test_roles_only(self):
        ref = self.env.ref
        declared = self.env["ir.model.data"].search(
            [("module", "=", "bizreg_base"), ("model", "=", "res.groups")]
        )
        self.assertEqual(set(declared.mapped("name")), self.ROLES)
        category = ref("bizreg_base.module_category_bizreg")
        for name in self.ROLES:
            self.assertEqual(ref(f"bizreg_base.{name}").category_id, category)
        # No area group is left in bizreg_base: an area's groups, when set,
        # come from its area module.
        base_groups = self.env["res.groups"].browse(declared.mapped("res_id"))
        areas = self.env["bizreg.area"].with_context(active_test=False).search([])
        self.assertTrue(areas)
        self.assertFalse((areas.user_group_id | areas.manager_group_id) & base_groups)
        # bizreg_base's Director implies no bizreg_base role but base.group_user;
        # each area module adds its manager group.
        director = ref("bizreg_base.group_bizreg_director")
        self.assertFalse(director.implied_ids & base_groups)
        self.assertIn(ref("base.group_user"), director.implied_ids)
        area_manager = ref("bizreg_base.group_bizreg_area_manager")
        self.assertIn(ref("base.group_user"), area_manager.implied_ids)
        self.assertFalse(area_manager.implied_ids & base_groups)

    def test_group_hierarchy(self):
        # A test area declared as an area module does (see common.py).
        area_user = self.area_groups["user"]
        area_manager = self.area_groups["manager"]
        self.assertIn(area_user, area_manager.trans_implied_ids)
        self.assertTrue(
            self.mk_manager.has_group("bizreg_base.group_bizreg_area_manager")
        )
        self.assertIn(area_user, self.mk_manager.groups_id)
        self.assertNotIn(area_manager, self.mk_user.groups_id)
        for user in (self.mk_user, self.sale_user, self.auditor):
            self.assertFalse(user.has_group("bizreg_base.group_bizreg_area_manager"))
        self.assertNotIn(area_user, self.auditor.groups_id)
        # The Director sees the areas whose modules say so (common.py does).
        self.assertTrue(
            self.director.has_group("bizreg_base.group_bizreg_area_manager")
        )
        self.assertIn(area_manager, self.director.groups_id)

    def test_department_mapping(self):
        self.assertEqual(self.mk_user.bizreg_department_ids, self.dept_marketing)
        self.assertIn(
            self.dept_marketing,
            self.env.ref("bizreg_base.bizreg_area_marketing").department_ids,
        )
        self.assertEqual(self.dept_marketing._bizreg_numbering_code(), "TM")
        # Without its own code a department uses its area's code.
        self.assertEqual(self.dept_sales._bizreg_numbering_code(), "XS")
        record = self._new_request()
        self.assertEqual(record.department_id, self.dept_marketing)

    def test_record_rules(self):
        mine = self._new_request(self.mk_user, name="Mine")
        colleague = self._new_request(self.mk_user2, name="Colleague's")
        # A user sees their own records, not a colleague's.
        visible = self.Request.with_user(self.mk_user).search([])
        self.assertIn(mine, visible)
        self.assertNotIn(colleague, visible)
        with self.assertRaises(AccessError):
            colleague.with_user(self.mk_user).read(["name"])
        # The manager sees the department's records.
        visible = self.Request.with_user(self.mk_manager).search([])
        self.assertEqual(visible & (mine | colleague), mine | colleague)
        # A Sales user cannot read Marketing's records at all.
        with self.assertRaises(AccessError):
            self.Request.with_user(self.sale_user).search([])
        with self.assertRaises(AccessError):
            mine.with_user(self.sale_user).read(["name"])
        # The auditor reads everything and cannot write.
        self.assertEqual(
            self.Request.with_user(self.auditor).search([]) & (mine | colleague),
            mine | colleague,
        )
        with self.assertRaises(AccessError):
            mine.with_user(self.auditor).write({"name": "changed"})
        self.assertEqual(mine.name, "Mine")

    def test_auditor_reads_configuration_only(self):
        rule = self.numbering_rule.with_user(self.auditor)
        self.assertEqual(rule.code, "TR")
        with self.assertRaises(AccessError):
            rule.write({"code": "XX"})
        with self.assertRaises(AccessError):
            self.env["bizreg.area"].with_user(self.auditor).create(
                {"name": "X", "code": "X"}
            )
