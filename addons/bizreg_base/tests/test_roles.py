# Copyright 2026 bizreg
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

from odoo.exceptions import AccessError
from odoo.tests import TransactionCase, tagged

from .common import BizregBaseCommon


@tagged("post_install", "-at_install")
class TestRoles(BizregBaseCommon, TransactionCase):
    def test_group_hierarchy(self):
        ref = self.env.ref
        category = ref("bizreg_base.module_category_bizreg")
        for area in ("marketing", "sale", "service", "rnd", "project"):
            user_group = ref(f"bizreg_base.group_bizreg_{area}_user")
            manager_group = ref(f"bizreg_base.group_bizreg_{area}_manager")
            self.assertEqual(user_group.category_id, category)
            self.assertIn(user_group, manager_group.trans_implied_ids)
            self.assertIn(
                manager_group,
                ref("bizreg_base.group_bizreg_director").trans_implied_ids,
            )
        self.assertTrue(
            self.mk_manager.has_group("bizreg_base.group_bizreg_marketing_user")
        )
        self.assertFalse(
            self.mk_user.has_group("bizreg_base.group_bizreg_marketing_manager")
        )
        self.assertFalse(
            self.auditor.has_group("bizreg_base.group_bizreg_marketing_user")
        )

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
