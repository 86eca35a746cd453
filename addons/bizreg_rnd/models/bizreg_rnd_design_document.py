# Copyright 2026 bizreg
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

from odoo import api, fields, models
from odoo.exceptions import ValidationError


class BizregRndDesignDocument(models.Model):
    """A design document (设计文档) of a set of requirements: architecture,
    module design, database design or prototype, as attachments or a
    link."""

    _name = "bizreg.rnd.design.document"
    _description = "Design Document"
    _inherit = ["bizreg.record.mixin", "mail.thread", "mail.activity.mixin"]
    _order = "release_id, kind, id"

    name = fields.Char(string="Title", required=True, tracking=True)
    user_id = fields.Many2one(string="Author")
    kind = fields.Selection(
        [
            ("architecture", "Architecture Design"),
            ("module", "Module Design"),
            ("database", "Database Design"),
            ("prototype", "Prototype"),
        ],
        required=True,
        default="architecture",
        tracking=True,
    )
    release_id = fields.Many2one(
        "bizreg.rnd.release",
        index=True,
        tracking=True,
        ondelete="restrict",
    )
    requirement_ids = fields.Many2many(
        "bizreg.rnd.requirement",
        "bizreg_rnd_design_document_requirement_rel",
        "document_id",
        "requirement_id",
        string="Requirements",
    )
    attachment_ids = fields.Many2many(
        "ir.attachment",
        "bizreg_rnd_design_document_attachment_rel",
        "document_id",
        "attachment_id",
        string="Files",
    )
    url = fields.Char(string="Link", help="Where the document or prototype lives.")
    summary = fields.Html()

    def write(self, vals):
        res = super().write(vals)
        if {"name", "kind", "url", "attachment_ids"} & set(vals):
            # a document changed after its design review approved it: the
            # review is void and goes back to review
            reviews = (
                self.env["bizreg.rnd.design.review"]
                .sudo()
                .search(
                    [
                        ("document_ids", "in", self.ids),
                        ("bizreg_approved_digest", "!=", False),
                    ]
                )
            )
            reviews._bizreg_send_back_changed()
        return res

    @api.constrains("url", "attachment_ids")
    def _check_content(self):
        for document in self:
            if not document.url and not document.attachment_ids:
                raise ValidationError(
                    self.env._(
                        "Design document “%s” needs its “Files” or a “Link”.",
                        document.name,
                    )
                )
