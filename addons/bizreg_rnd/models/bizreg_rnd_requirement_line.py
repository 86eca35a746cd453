# Copyright 2026 bizreg
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

from odoo import api, fields, models
from odoo.exceptions import UserError


class BizregRndRequirementLine(models.Model):
    """A line of a product requirement document: a functional, performance
    or interface requirement with its acceptance criterion."""

    _name = "bizreg.rnd.requirement.line"
    _description = "Product Requirement Line"
    _order = "requirement_id, sequence, id"

    sequence = fields.Integer(default=10)
    requirement_id = fields.Many2one(
        "bizreg.rnd.requirement",
        required=True,
        index=True,
        ondelete="cascade",
    )
    line_type = fields.Selection(
        [
            ("functional", "Functional"),
            ("performance", "Performance"),
            ("interface", "Interface"),
        ],
        string="Type",
        required=True,
        default="functional",
    )
    name = fields.Text(string="Description", required=True)
    acceptance_criterion = fields.Text(
        help="How the delivered requirement is accepted (what the tests prove).",
    )
    company_id = fields.Many2one(
        related="requirement_id.company_id", store=True, index=True
    )
    department_id = fields.Many2one(
        related="requirement_id.department_id", store=True, index=True
    )
    user_id = fields.Many2one(related="requirement_id.user_id", store=True, index=True)

    def _check_requirement_editable(self):
        """The lines of a requirement under review, delivered or cancelled do
        not change (an approved one goes back to review when they do)."""
        if self.env.su:
            return
        for requirement in self.requirement_id:
            if requirement.state == "review" and requirement.validation_status in (
                "waiting",
                "pending",
            ):
                raise UserError(
                    self.env._(
                        "Requirement “%s” is under review: its lines cannot change "
                        "now.",
                        requirement.display_name,
                    )
                )
            if requirement.state in ("delivered", "cancel"):
                raise UserError(
                    self.env._(
                        "Requirement “%s” is delivered or cancelled: its lines "
                        "cannot change.",
                        requirement.display_name,
                    )
                )

    def _send_back_changed(self, requirements):
        requirements.filtered("bizreg_approved_digest")._bizreg_send_back_changed()

    @api.model_create_multi
    def create(self, vals_list):
        lines = super().create(vals_list)
        lines._check_requirement_editable()
        self._send_back_changed(lines.requirement_id)
        return lines

    def write(self, vals):
        self._check_requirement_editable()
        before = self.requirement_id
        res = super().write(vals)
        self._check_requirement_editable()
        self._send_back_changed(before | self.requirement_id)
        return res

    def unlink(self):
        self._check_requirement_editable()
        requirements = self.requirement_id
        res = super().unlink()
        self._send_back_changed(requirements.exists())
        return res
