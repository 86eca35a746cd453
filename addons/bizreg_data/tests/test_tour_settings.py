# Copyright 2026 bizreg
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""The Data Management settings opened and saved in the web client, in
Chinese (static/tests/tours/bizreg_data_settings.js)."""

from odoo.tests import HttpCase, tagged


@tagged("post_install", "-at_install", "is_tour")
class TestTourDataSettings(HttpCase):
    def test_settings_saved_in_chinese(self):
        admin = self.env.ref("base.user_admin")
        self.env["res.lang"]._activate_lang("zh_CN")
        admin.write(
            {
                "lang": "zh_CN",
                "groups_id": [(4, self.env.ref("bizreg_base.group_bizreg_admin").id)],
            }
        )
        Param = self.env["ir.config_parameter"].sudo()
        self.assertNotEqual(Param.get_param("bizreg_data.read_mass_threshold"), "600")
        self.start_tour("/odoo/settings", "bizreg_data_settings", login="admin")
        self.assertEqual(Param.get_param("bizreg_data.read_mass_threshold"), "600")
