# Copyright 2026 bizreg
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Settings → Business Regulation shows how many areas and rules there are.
The page is the web client's first onchange of a new settings record, where
a compute runs only through its dependencies: the figures are checked
there, as the administrator sees them, not on a saved record."""

from odoo.tests import TransactionCase, tagged

from .common import bizreg_test_user, settings_page_values

COUNTS = {
    "bizreg_area_count": "bizreg.area",
    "bizreg_tier_definition_count": "tier.definition",
    "bizreg_numbering_rule_count": "bizreg.numbering.rule",
    "bizreg_four_eyes_rule_count": "bizreg.four.eyes.rule",
}


@tagged("post_install", "-at_install")
class TestSettingsCounts(TransactionCase):
    def test_settings_page_counts_the_configuration(self):
        admin = bizreg_test_user(
            self.env,
            "t_set_admin",
            ["base.group_system", "bizreg_base.group_bizreg_admin"],
        )
        env = self.env(user=admin)
        if not self.env["bizreg.four.eyes.rule"].search_count([]):
            self.skipTest("no important data rule in this database (no demo)")
        values = settings_page_values(env)
        for name, model in COUNTS.items():
            expected = env[model].search_count([])
            self.assertGreater(expected, 0, model)
            self.assertEqual(values[name], expected, name)
