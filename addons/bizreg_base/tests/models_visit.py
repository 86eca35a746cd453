# Copyright 2026 bizreg
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""A fake periodic-visit plan and visit used by the tests only."""

from odoo import fields, models


class BizregTestVisitPlan(models.Model):
    _name = "bizreg.test.visit.plan"
    _description = "Regulation Test Visit Plan"
    _inherit = ["bizreg.visit.plan.mixin", "mail.thread"]
    _bizreg_visit_model = "bizreg.test.visit"

    category_id = fields.Many2one("res.partner.category")

    def _bizreg_visit_partner_domain(self):
        return [("category_id", "in", self.category_id.ids)]


class BizregTestVisit(models.Model):
    _name = "bizreg.test.visit"
    _description = "Regulation Test Visit"
    _inherit = ["bizreg.visit.mixin", "mail.thread", "mail.activity.mixin"]
    _bizreg_visit_manager_group = "bizreg_base.group_bizreg_area_manager"

    plan_id = fields.Many2one("bizreg.test.visit.plan")
