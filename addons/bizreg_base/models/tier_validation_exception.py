# Copyright 2026 bizreg
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

from odoo import models


class TierValidationException(models.Model):
    """The exceptions are cached per model, companies and groups
    (``tier.validation._bizreg_exception_fields``): a change clears it."""

    _name = "tier.validation.exception"
    _inherit = ["tier.validation.exception", "bizreg.cached.config.mixin"]
