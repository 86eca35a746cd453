# Copyright 2026 bizreg
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

from odoo import fields, models


class BizregDocumentUpload(models.TransientModel):
    """Upload a file as the next version of a controlled document."""

    _name = "bizreg.document.upload"
    _description = "Upload a Document Version"

    document_id = fields.Many2one("bizreg.document", required=True)
    required_sections = fields.Text(related="document_id.category_id.required_sections")
    allowed_extensions = fields.Char(
        related="document_id.category_id.allowed_extensions"
    )
    file = fields.Binary(required=True)
    filename = fields.Char(string="File Name")
    note = fields.Text(
        string="Change Note", help="What changed in this version, for the reviewers."
    )

    def action_upload(self):
        self.ensure_one()
        version = self.document_id.add_version(
            self.file, self.filename or "", self.note
        )
        return {
            "type": "ir.actions.act_window",
            "res_model": "bizreg.document.version",
            "res_id": version.id,
            "view_mode": "form",
        }
