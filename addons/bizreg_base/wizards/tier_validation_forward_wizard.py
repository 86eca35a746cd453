# Copyright 2026 bizreg
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).

from odoo import models
from odoo.exceptions import AccessError

from ..tools import trusted


class TierValidationForwardWizard(models.TransientModel):
    _inherit = "tier.validation.forward.wizard"

    def add_forward(self):
        self.ensure_one()
        document = self.env[self.res_model].browse(self.res_id)
        if document._bizreg_review_principal() != self.env.user:
            raise AccessError(
                self.env._("Only a reviewer of the current step can forward it.")
            )
        with trusted("review"):
            return super().add_forward()
