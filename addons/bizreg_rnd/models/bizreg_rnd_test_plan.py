# Copyright 2026 bizreg
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

from odoo import api, fields, models


class BizregRndTestPlan(models.Model):
    """A test plan (测试计划) of a release: its scope, the requirements it
    covers and the approach per type of test (functional, performance,
    security)."""

    _name = "bizreg.rnd.test.plan"
    _description = "Test Plan"
    _inherit = ["bizreg.record.mixin", "mail.thread", "mail.activity.mixin"]
    _order = "id desc"

    name = fields.Char(required=True, tracking=True)
    release_id = fields.Many2one(
        "bizreg.rnd.release",
        required=True,
        index=True,
        tracking=True,
        ondelete="cascade",
    )
    scope = fields.Html()
    requirement_ids = fields.Many2many(
        "bizreg.rnd.requirement",
        "bizreg_rnd_test_plan_requirement_rel",
        "plan_id",
        "requirement_id",
        string="Requirements Covered",
        domain="[('planned_release_id', '=', release_id)]",
    )
    approach_functional = fields.Text(string="Functional Tests")
    approach_performance = fields.Text(string="Performance Tests")
    approach_security = fields.Text(string="Security Tests")
    case_ids = fields.Many2many(
        "bizreg.rnd.test.case",
        compute="_compute_case_ids",
        string="Test Cases",
    )
    case_count = fields.Integer(compute="_compute_case_ids", string="Cases")
    run_ids = fields.One2many("bizreg.rnd.test.run", "plan_id", string="Test Runs")

    @api.depends("requirement_ids")
    def _compute_case_ids(self):
        Case = self.env["bizreg.rnd.test.case"]
        for plan in self:
            cases = Case.search([("requirement_id", "in", plan.requirement_ids.ids)])
            plan.case_ids = cases
            plan.case_count = len(cases)

    def action_load_requirements(self):
        """Cover every requirement planned into the release."""
        for plan in self:
            plan.requirement_ids = [
                fields.Command.link(req.id) for req in plan.release_id.requirement_ids
            ]
        return True
