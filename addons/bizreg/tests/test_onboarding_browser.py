# Copyright 2026 bizreg
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""The onboarding checklist in the browser, in Chinese
(static/tests/tours/bizreg_onboarding.js): a Regulation Administrator opens
Settings → Business Regulation, reads the five steps and the progress, and
confirms the review of the approval chains with the step's button."""

from odoo.tests import HttpCase, tagged

from odoo.addons.bizreg_base.tests.common import bizreg_test_user


@tagged("post_install", "-at_install")
class TestOnboardingBrowser(HttpCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env["res.lang"]._activate_lang("zh_CN")
        cls.company = cls.env.ref("base.main_company")
        cls.admin = bizreg_test_user(
            cls.env,
            "t_onb_admin",
            ["base.group_system", "bizreg_base.group_bizreg_admin"],
            user_vals={"lang": "zh_CN"},
        )

    def test_administrator_confirms_the_chains_review(self):
        # never reviewed: the step is open
        self.company.write(
            {"bizreg_chains_reviewed_date": False, "bizreg_chains_reviewed_uid": False}
        )
        self.assertFalse(self.company.bizreg_onboarding_steps()["chains"][0])
        self.start_tour("/odoo/settings", "bizreg_onboarding", login="t_onb_admin")
        self.company.invalidate_recordset()
        self.assertEqual(self.company.bizreg_chains_reviewed_uid, self.admin)
        self.assertTrue(self.company.bizreg_onboarding_steps()["chains"][0])
