# Copyright 2026 bizreg
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

from odoo import fields, models


class BizregDocumentVersion(models.Model):
    """A version of a controlled document: one uploaded file (kept in OCA
    DMS), reviewed before it is published; the approval is bound to the
    file's digest."""

    _name = "bizreg.document.version"
    _description = "Document Version"
    _inherit = [
        "bizreg.record.mixin",
        "bizreg.approval.mixin",
        "mail.thread",
        "mail.activity.mixin",
    ]
    _order = "document_id, version desc, id desc"
    _state_from = ["draft", "review", "approved"]
    _state_to = ["published"]
    _cancel_state = "cancel"
    _bizreg_review_states = ("draft", "review", "approved")

    document_id = fields.Many2one(
        "bizreg.document", required=True, index=True, ondelete="cascade"
    )
    version = fields.Integer(readonly=True, copy=False)
    dms_file_id = fields.Many2one("dms.file", readonly=True, copy=False)
    checksum = fields.Char(string="SHA-256", readonly=True, copy=False)
    state = fields.Selection(
        [
            ("draft", "Draft"),
            ("review", "Under Review"),
            ("approved", "Approved"),
            ("published", "Published"),
            ("superseded", "Superseded"),
            ("cancel", "Cancelled"),
        ],
        default="draft",
        required=True,
        readonly=True,
        tracking=True,
        index=True,
        copy=False,
    )
