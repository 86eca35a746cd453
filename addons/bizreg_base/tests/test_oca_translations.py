# Copyright 2026 bizreg
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

from odoo.tests import tagged

from .common_i18n import OcaTranslationCoverageCase


@tagged("post_install", "-at_install")
class TestTierTranslations(OcaTranslationCoverageCase):
    oca_modules = ("base_tier_validation", "base_tier_validation_forward")

    def test_tier_validation_screens_are_chinese(self):
        self._assert_oca_translation_coverage()
