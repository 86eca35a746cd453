# Copyright 2026 bizreg
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

from odoo.tests import tagged

from odoo.addons.bizreg_base.tests.common_i18n import OcaTranslationCoverageCase


@tagged("post_install", "-at_install")
class TestProjectRoleTranslations(OcaTranslationCoverageCase):
    """OCA Project Roles ships no zh_CN: bizreg_project's i18n_extra
    translates its screens (the project team's roles and assignments)."""

    oca_modules = ("project_role",)

    def test_project_role_screens_are_chinese(self):
        self._assert_oca_translation_coverage()
