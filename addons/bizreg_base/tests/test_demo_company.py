# Copyright 2026 bizreg
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

from datetime import datetime

from odoo.tests import TransactionCase, tagged


@tagged("post_install", "-at_install")
class TestDemoCompany(TransactionCase):
    """The demo company is a Chinese company (the tests run with demo data)."""

    def test_company_is_chinese(self):
        company = self.env.ref("base.main_company")
        self.assertEqual(company.name, "上海博智自动化科技有限公司")
        self.assertEqual(company.country_id, self.env.ref("base.cn"))
        self.assertEqual(company.state_id, self.env.ref("base.state_cn_SH"))
        self.assertEqual(company.currency_id, self.env.ref("base.CNY"))
        self.assertEqual(company.partner_id.tz, "Asia/Shanghai")
        self.assertEqual(company.resource_calendar_id.tz, "Asia/Shanghai")
        if "product.pricelist" in self.env:
            pricelists = self.env["product.pricelist"].search(
                [("company_id", "in", (company.id, False))]
            )
            self.assertEqual(pricelists.currency_id, company.currency_id)

    def test_deadlines_skip_public_holidays(self):
        calendar = self.env.ref("base.main_company").resource_calendar_id
        holidays = calendar.global_leave_ids.mapped("name")
        for year in ("2026", "2027"):
            for name in (
                "元旦",
                "春节",
                "清明节",
                "劳动节",
                "端午节",
                "中秋节",
                "国庆节",
            ):
                self.assertIn(f"{year} {name}", holidays)
        # 13:00 on Wednesday 30 September 2026 in Shanghai (05:00 UTC): one
        # working day (8 hours) ends at noon on Thursday 8 October, after
        # the National Day holiday, not on 1 October.
        self.assertEqual(
            calendar._bizreg_add_working_days(datetime(2026, 9, 30, 5, 0), 1),
            datetime(2026, 10, 8, 4, 0),
        )

    def test_demo_roles(self):
        ref = self.env.ref
        hr_officer = ref("bizreg_base.user_hr_officer")
        employee = ref("bizreg_base.user_employee")
        regulation_admin = ref("bizreg_base.user_regulation_admin")
        self.assertTrue(hr_officer.has_group("hr.group_hr_user"))
        self.assertTrue(regulation_admin.has_group("bizreg_base.group_bizreg_admin"))
        self.assertFalse(employee.has_group("hr.group_hr_user"))
        bizreg_groups = self.env["ir.model.data"].search(
            [("module", "=", "bizreg_base"), ("model", "=", "res.groups")]
        )
        self.assertFalse(
            set(employee.groups_id.ids) & set(bizreg_groups.mapped("res_id"))
        )
        # admin keeps English; the Chinese staff use Chinese.
        self.assertEqual(ref("base.user_admin").lang, "en_US")
        for user in hr_officer | employee | regulation_admin:
            self.assertEqual(user.lang, "zh_CN")
            self.assertTrue(user.employee_id.department_id, user.login)
        self.assertEqual(
            employee.employee_id.department_id, ref("bizreg_base.hr_department_sale")
        )

    def test_demo_users_log_in_with_their_login(self):
        """The demo users' passwords are stored as hashes computed once: each
        user's login is its password, and nothing else is."""
        from odoo.exceptions import AccessDenied

        for xmlid in ("user_marketing_user", "user_director", "user_auditor"):
            user = self.env.ref(f"bizreg_base.{xmlid}")
            checked = user.with_user(user)._check_credentials(
                {"type": "password", "password": user.login}, {"interactive": False}
            )
            self.assertEqual(checked["uid"], user.id)
            with self.assertRaises(AccessDenied):
                user.with_user(user)._check_credentials(
                    {"type": "password", "password": f"{user.login}-wrong"},
                    {"interactive": False},
                )
