# Copyright 2026 bizreg
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

from odoo import fields, models


class BizregDocumentBorrowing(models.Model):
    """A borrowing of a document (借阅): paper or electronic, with purpose
    and return date; confidential documents need the approval of the owning
    department's manager; electronic borrowing is a time-limited access."""

    _name = "bizreg.document.borrowing"
    _description = "Document Borrowing"
    _inherit = [
        "bizreg.record.mixin",
        "mail.thread",
        "mail.activity.mixin",
    ]
    _order = "id desc"

    document_id = fields.Many2one(
        "bizreg.document", required=True, index=True, ondelete="restrict"
    )
    medium = fields.Selection(
        [("paper", "Paper"), ("electronic", "Electronic")],
        default="electronic",
        required=True,
    )
    purpose = fields.Text(required=True)
    date_due = fields.Datetime(string="Return By", required=True, index=True)
    state = fields.Selection(
        [
            ("draft", "Draft"),
            ("review", "Under Review"),
            ("approved", "Approved"),
            ("lent", "Lent"),
            ("returned", "Returned"),
            ("expired", "Expired"),
            ("cancel", "Cancelled"),
        ],
        default="draft",
        required=True,
        readonly=True,
        tracking=True,
        index=True,
        copy=False,
    )
