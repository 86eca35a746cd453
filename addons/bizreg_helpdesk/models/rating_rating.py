# Copyright 2026 bizreg
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

from odoo import api, fields, models


class RatingRating(models.Model):
    _inherit = "rating.rating"

    bizreg_ticket_id = fields.Many2one(
        "helpdesk.ticket",
        string="Ticket",
        compute="_compute_bizreg_ticket_id",
        store=True,
        index="btree_not_null",
        ondelete="cascade",
        help="The helpdesk ticket rated: its record rules decide who reads the "
        "rating, its token and its feedback.",
    )

    @api.depends("res_model", "res_id")
    def _compute_bizreg_ticket_id(self):
        ticket_ratings = self.filtered(lambda r: r.res_model == "helpdesk.ticket")
        existing = set(
            self.env["helpdesk.ticket"]
            .sudo()
            .with_context(active_test=False)
            .browse(ticket_ratings.mapped("res_id"))
            .exists()
            .ids
        )
        for rating in self:
            rating.bizreg_ticket_id = (
                rating.res_id
                if rating in ticket_ratings and rating.res_id in existing
                else False
            )
