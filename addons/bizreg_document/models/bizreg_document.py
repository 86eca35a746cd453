# Copyright 2026 bizreg
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

from dateutil.relativedelta import relativedelta

from odoo import api, fields, models

from .bizreg_document_category import CONFIDENTIALITY


class BizregDocument(models.Model):
    """An entry of the document register (文档登记): a controlled document
    written here in versions, or a document of another bizreg module
    (research report, contract, PRD, ...) registered with its number."""

    _name = "bizreg.document"
    _description = "Controlled Document"
    _inherit = [
        "bizreg.record.mixin",
        "bizreg.numbering.mixin",
        "mail.thread",
        "mail.activity.mixin",
    ]
    _order = "id desc"
    _rec_names_search = ["name", "bizreg_number"]
    _bizreg_numbering_trigger = "manual"

    name = fields.Char(string="Title", required=True, tracking=True)
    category_id = fields.Many2one(
        "bizreg.document.category",
        required=True,
        index=True,
        tracking=True,
        ondelete="restrict",
    )
    confidentiality = fields.Selection(CONFIDENTIALITY, required=True, tracking=True)
    state = fields.Selection(
        [
            ("draft", "Draft"),
            ("published", "Published"),
            ("archived", "Archived"),
            ("destroyed", "Destroyed"),
        ],
        default="draft",
        required=True,
        readonly=True,
        tracking=True,
        index=True,
        copy=False,
    )
    res_model = fields.Char(string="Source Model", readonly=True, index=True)
    res_id = fields.Many2oneReference(
        string="Source Record", model_field="res_model", readonly=True, index=True
    )
    version_ids = fields.One2many("bizreg.document.version", "document_id")
    current_version_id = fields.Many2one(
        "bizreg.document.version", readonly=True, copy=False
    )
    date_published = fields.Datetime(readonly=True, copy=False)
    borrowing_ids = fields.One2many("bizreg.document.borrowing", "document_id")
    retention_date = fields.Date(
        string="Keep Until",
        compute="_compute_retention_date",
        store=True,
        index=True,
        help="Publication date plus the category's retention period: the "
        "retention review proposes the document for archiving or destruction "
        "from this date.",
    )

    @api.depends("date_published", "category_id.retention_years")
    def _compute_retention_date(self):
        for doc in self:
            years = doc.category_id.retention_years
            doc.retention_date = (
                doc.date_published.date() + relativedelta(years=years)
                if doc.date_published and years > 0
                else False
            )
