# Copyright 2026 bizreg
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

from odoo import api, models


class BizregCachedConfigMixin(models.AbstractModel):
    """Configuration that the engine reads through ``ormcache`` (rules,
    exceptions): any change of it clears the registry's caches, in every
    worker (Odoo signals the cache invalidation to the other processes)."""

    _name = "bizreg.cached.config.mixin"
    _description = "Cached Configuration"

    @api.model_create_multi
    def create(self, vals_list):
        records = super().create(vals_list)
        self.env.registry.clear_cache()
        return records

    def write(self, vals):
        res = super().write(vals)
        self.env.registry.clear_cache()
        return res

    def unlink(self):
        res = super().unlink()
        self.env.registry.clear_cache()
        return res
