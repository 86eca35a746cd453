# Copyright 2026 bizreg
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

from odoo import fields, models


class BizregDocumentAccessLog(models.Model):
    """One view or download of a confidential document: written by the
    server only, never edited or deleted."""

    _name = "bizreg.document.access.log"
    _description = "Document Access Log"
    _order = "id desc"

    document_id = fields.Many2one(
        "bizreg.document", required=True, readonly=True, index=True, ondelete="restrict"
    )
    version_id = fields.Many2one(
        "bizreg.document.version", readonly=True, ondelete="restrict"
    )
    user_id = fields.Many2one("res.users", required=True, readonly=True, index=True)
    action = fields.Selection(
        [("view", "View"), ("download", "Download")], required=True, readonly=True
    )
    company_id = fields.Many2one(
        related="document_id.company_id", store=True, index=True
    )
