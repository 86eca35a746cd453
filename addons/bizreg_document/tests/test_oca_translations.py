# Copyright 2026 bizreg
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

from odoo.tests import tagged

from odoo.addons.bizreg_base.tests.common_i18n import OcaTranslationCoverageCase


@tagged("post_install", "-at_install")
class TestDmsTranslations(OcaTranslationCoverageCase):
    """The dms screens behind the document register (storages, directories,
    files, categories, tags, access groups) show in Simplified Chinese."""

    oca_modules = ("dms",)

    def test_dms_screens_are_chinese(self):
        self._assert_oca_translation_coverage()

    def test_dms_key_labels(self):
        """Spot checks of what a Documents user sees: menus, an action, a field
        label, a selection value and a view term, read in zh_CN."""
        env = self.env(context=dict(self.env.context, lang=self.lang))
        menus = {
            "dms.main_menu_dms": "文档",
            "dms.menu_dms_file": "文件",
            "dms.menu_dms_directory": "目录",
            "dms.menu_dms_storage": "存储",
            "dms.menu_dms_access_groups": "访问组",
            "dms.menu_dms_category": "类别",
            "dms.menu_dms_tag": "标签",
        }
        for xmlid, name in menus.items():
            self.assertEqual(env.ref(xmlid).name, name, xmlid)
        self.assertEqual(env.ref("dms.action_dms_storage").name, "存储")
        fields = env["dms.file"].fields_get(["storage_id", "directory_id", "tag_ids"])
        self.assertEqual(fields["storage_id"]["string"], "存储")
        self.assertEqual(fields["directory_id"]["string"], "目录")
        self.assertEqual(fields["tag_ids"]["string"], "标签")
        save_types = dict(
            env["dms.storage"].fields_get(["save_type"])["save_type"]["selection"]
        )
        self.assertEqual(save_types["database"], "数据库")
        self.assertEqual(save_types["file"], "文件存储")
        arch = env.ref("dms.view_dms_file_kanban").arch_db
        self.assertIn("取消归档", arch)
        self.assertNotIn("Unarchive", arch)
