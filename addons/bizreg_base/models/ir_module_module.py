# Copyright 2026 bizreg
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

from odoo import api, models


class IrModuleModule(models.Model):
    _inherit = "ir.module.module"

    @api.model
    def _load_module_terms(
        self, modules, langs, overwrite=False, imported_module=False
    ):
        """The approval rules' names may have got translations: the reviews,
        which store their rule's name in every language, take them."""
        res = super()._load_module_terms(
            modules, langs, overwrite=overwrite, imported_module=imported_module
        )
        self.env["tier.review"].refresh_names(langs)
        return res
