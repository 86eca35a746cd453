# Copyright 2026 bizreg
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

from odoo.tests import tagged

from odoo.addons.bizreg_base.tests.common_i18n import OcaTranslationCoverageCase


@tagged("post_install", "-at_install")
class TestHelpdeskTranslations(OcaTranslationCoverageCase):
    oca_modules = (
        "helpdesk_mgmt",
        "helpdesk_mgmt_sla",
        "helpdesk_mgmt_rating",
        "helpdesk_type",
    )

    def test_helpdesk_screens_are_chinese(self):
        self._assert_oca_translation_coverage()
