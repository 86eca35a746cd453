# Copyright 2026 bizreg
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

from odoo import fields, models


class BizregRndDesignReviewComment(models.Model):
    """A reviewer's comment on a design review and how it was resolved."""

    _name = "bizreg.rnd.design.review.comment"
    _description = "Design Review Comment"
    _order = "review_id, id"

    review_id = fields.Many2one(
        "bizreg.rnd.design.review",
        string="Design Review",
        required=True,
        index=True,
        ondelete="cascade",
    )
    reviewer_id = fields.Many2one(
        "res.users",
        required=True,
        default=lambda self: self.env.user,
        domain="[('share', '=', False)]",
    )
    document_id = fields.Many2one(
        "bizreg.rnd.design.document",
        domain="[('id', 'in', parent.document_ids)]",
    )
    comment = fields.Text(required=True)
    resolution = fields.Text(help="How the author resolved the comment.")
    company_id = fields.Many2one(related="review_id.company_id", store=True, index=True)
    department_id = fields.Many2one(
        related="review_id.department_id", store=True, index=True
    )
    user_id = fields.Many2one(related="review_id.user_id", store=True, index=True)
