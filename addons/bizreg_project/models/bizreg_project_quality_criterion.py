# Copyright 2026 bizreg
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError

from odoo.addons.bizreg_base.tools import any_trusted


class BizregProjectQualityCriterion(models.Model):
    """An acceptance criterion of a project's quality plan and the check
    that proves it.  The criteria of the current plan set are active; those
    of superseded plan versions are archived."""

    _name = "bizreg.project.quality.criterion"
    _description = "Project Acceptance Criterion"
    _order = "project_id, sequence, id"

    sequence = fields.Integer(default=10)
    name = fields.Char(string="Acceptance Criterion", required=True)
    check_method = fields.Text(
        string="Check",
        help="How the criterion is proved (test, inspection, sign-off, ...).",
    )
    project_id = fields.Many2one(
        "project.project", required=True, index=True, ondelete="cascade"
    )
    company_id = fields.Many2one(
        related="project_id.company_id", store=True, index=True
    )
    active = fields.Boolean(default=True)
    # --- the quality plan (plan set) the criterion belongs to ------------
    plan_id = fields.Many2one(
        "bizreg.project.plan",
        index="btree_not_null",
        ondelete="cascade",
        help="The plan set whose quality plan lists this criterion.",
    )
    plan_state = fields.Selection(related="plan_id.state", string="Plan Status")
    department_id = fields.Many2one(
        related="project_id.bizreg_department_id",
        store=True,
        index=True,
        string="Responsible Department",
    )
    check_ids = fields.One2many(
        "bizreg.project.quality.check", "criterion_id", string="Quality Checks"
    )
    last_result = fields.Selection(
        [("passed", "Passed"), ("failed", "Failed")],
        compute="_compute_last_result",
        help="The result of the latest quality check of the criterion.",
    )

    @api.constrains("plan_id", "project_id")
    def _check_plan_project(self):
        for criterion in self:
            if criterion.plan_id and criterion.plan_id.project_id != (
                criterion.project_id
            ):
                raise ValidationError(
                    self.env._(
                        "“Project” of criterion “%s” must be the project of its plan.",
                        criterion.name,
                    )
                )

    def _compute_last_result(self):
        latest = {}
        if self.ids:
            for check in (
                self.env["bizreg.project.quality.check"]
                .sudo()
                .search([("criterion_id", "in", self.ids)], order="date desc, id desc")
            ):
                latest.setdefault(check.criterion_id.id, check.result)
        for criterion in self:
            criterion.last_result = latest.get(criterion.id, False)

    def _check_plan_editable(self, plans):
        """A criterion of a plan changes only while the plan is a draft."""
        if self.env.su or any_trusted():
            return
        if plans.filtered(lambda p: p.state != "draft"):
            raise UserError(
                self.env._(
                    "The acceptance criteria change only while their plan is a "
                    "draft: change an approved plan through a new version."
                )
            )

    @api.model_create_multi
    def create(self, vals_list):
        Plan = self.env["bizreg.project.plan"]
        for vals in vals_list:
            if vals.get("plan_id") and not vals.get("project_id"):
                vals["project_id"] = Plan.browse(vals["plan_id"]).project_id.id
        self._check_plan_editable(
            Plan.browse([vals["plan_id"] for vals in vals_list if vals.get("plan_id")])
        )
        return super().create(vals_list)

    def write(self, vals):
        self._check_plan_editable(self.plan_id)
        if vals.get("plan_id"):
            self._check_plan_editable(
                self.env["bizreg.project.plan"].browse(vals["plan_id"])
            )
        return super().write(vals)

    def unlink(self):
        self._check_plan_editable(self.plan_id)
        return super().unlink()
