# Copyright 2026 bizreg
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

from odoo.tests import tagged

from odoo.addons.bizreg_base.tests.common_i18n import OcaTranslationCoverageCase


@tagged("post_install", "-at_install")
class TestAgreementTranslations(OcaTranslationCoverageCase):
    """OCA Agreement's zh_CN leaves a third of its screens in English:
    bizreg_meeting's i18n_extra completes it (partner agreements)."""

    oca_modules = ("agreement",)

    def test_agreement_screens_are_chinese(self):
        self._assert_oca_translation_coverage()
