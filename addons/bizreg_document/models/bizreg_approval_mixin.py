# Copyright 2026 bizreg
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

from odoo import fields, models


class BizregApprovalMixin(models.AbstractModel):
    """The register entry of an approved document follows its approval: it is
    filed as a draft when the document gets its number (e.g. minutes at
    their submission), published when the last step approves it, and back
    to draft when its approved terms change before its guarded action and
    the approval is void."""

    _inherit = "bizreg.approval.mixin"

    def _bizreg_store_approved_digest(self):
        res = super()._bizreg_store_approved_digest()
        if "bizreg_number" in self._fields:
            self._bizreg_move_registered(
                ("draft",),
                {"state": "published", "date_published": fields.Datetime.now()},
            )
        return res

    def _bizreg_send_back_changed(self):
        changed = super()._bizreg_send_back_changed()
        if changed and "bizreg_number" in self._fields:
            changed._bizreg_move_registered(
                ("published",), {"state": "draft", "date_published": False}
            )
        return changed
