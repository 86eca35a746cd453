# Copyright 2026 bizreg
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

from odoo import fields, models


class BizregDocumentDisposal(models.Model):
    """The retention review's proposal for a document past its retention:
    archive it, or destroy it (with approval), leaving this record."""

    _name = "bizreg.document.disposal"
    _description = "Document Disposal"
    _inherit = ["mail.thread", "mail.activity.mixin"]
    _order = "id desc"

    document_id = fields.Many2one(
        "bizreg.document", required=True, index=True, ondelete="restrict"
    )
    action = fields.Selection(
        [("archive", "Archive"), ("destroy", "Destroy")],
        required=True,
        default="archive",
    )
    state = fields.Selection(
        [
            ("proposed", "Proposed"),
            ("review", "Under Review"),
            ("approved", "Approved"),
            ("done", "Done"),
            ("cancel", "Cancelled"),
        ],
        default="proposed",
        required=True,
        readonly=True,
        tracking=True,
        index=True,
        copy=False,
    )
    company_id = fields.Many2one(
        related="document_id.company_id", store=True, index=True
    )
