# Copyright 2026 bizreg
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""A fake approvable, numbered business record used by the tests only."""

from odoo import fields, models


class BizregTestRequest(models.Model):
    _name = "bizreg.test.request"
    _description = "Regulation Test Request"
    _inherit = [
        "bizreg.record.mixin",
        "bizreg.approval.mixin",
        "bizreg.numbering.mixin",
        "mail.thread",
        "mail.activity.mixin",
    ]
    _state_from = ["draft"]
    _state_to = ["approved", "done"]
    _cancel_state = "cancel"

    name = fields.Char(required=True)
    amount = fields.Float()
    note = fields.Char()
    state = fields.Selection(
        [
            ("draft", "Draft"),
            ("approved", "Approved"),
            ("done", "Done"),
            ("cancel", "Cancelled"),
        ],
        default="draft",
    )

    def action_approve(self):
        self._bizreg_check_approved()
        return self._bizreg_set_state("approved")

    def action_cancel(self):
        self._bizreg_void_number(reason="cancelled")
        return self._bizreg_set_state("cancel")
