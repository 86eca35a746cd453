# Copyright 2026 bizreg
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

from odoo import fields, models


class BizregRndDefectReopenWizard(models.TransientModel):
    """The reason a fixed, verified or closed defect is reopened."""

    _name = "bizreg.rnd.defect.reopen.wizard"
    _description = "Reopen Defect"

    reason = fields.Text(required=True)

    def action_reopen(self):
        self.ensure_one()
        defects = self.env["bizreg.rnd.defect"].browse(
            self.env.context.get("active_ids", [])
        )
        defects._rnd_reopen(self.reason)
        return {"type": "ir.actions.act_window_close"}
