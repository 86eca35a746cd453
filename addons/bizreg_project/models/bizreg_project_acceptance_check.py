# Copyright 2026 bizreg
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

from odoo import api, fields, models
from odoo.exceptions import UserError


class BizregProjectAcceptanceCheck(models.Model):
    """The team's self-check of one acceptance criterion of the project's
    quality plan, before the acceptance is requested.  The lines are created
    from the criteria (never by hand); the team records the result and the
    evidence while the acceptance is a draft."""

    _name = "bizreg.project.acceptance.check"
    _description = "Acceptance Self-Check"
    _order = "acceptance_id, sequence, id"

    acceptance_id = fields.Many2one(
        "bizreg.project.acceptance",
        required=True,
        readonly=True,
        index=True,
        ondelete="cascade",
    )
    criterion_id = fields.Many2one(
        "bizreg.project.quality.criterion",
        string="Acceptance Criterion",
        required=True,
        readonly=True,
        index=True,
        ondelete="restrict",
    )
    sequence = fields.Integer(related="criterion_id.sequence", store=True)
    check_method = fields.Text(related="criterion_id.check_method", string="Check")
    result = fields.Selection(
        [
            ("passed", "Passed"),
            ("failed", "Failed"),
            ("na", "Not Applicable"),
        ],
        help="Empty until the team has checked the criterion.",
    )
    evidence = fields.Text(
        help="What proves the result: test report, inspection record, sign-off..."
    )
    company_id = fields.Many2one(
        related="acceptance_id.company_id", store=True, index=True
    )
    state = fields.Selection(related="acceptance_id.state", string="Status")

    _sql_constraints = [
        (
            "criterion_unique",
            "unique(acceptance_id, criterion_id)",
            "A criterion is checked once per acceptance.",
        )
    ]

    def _check_editable(self):
        if not self._bizreg_engine_guard_active():
            return
        locked = self.filtered(lambda c: c.acceptance_id.state != "draft")
        if locked:
            raise UserError(
                self.env._(
                    "The self-check of “%s” was submitted: it changes only after "
                    "a refusal, while the acceptance is a draft again.",
                    locked[0].acceptance_id.display_name,
                )
            )

    @api.model_create_multi
    def create(self, vals_list):
        records = super().create(vals_list)
        records._check_editable()
        return records

    def write(self, vals):
        self._check_editable()
        return super().write(vals)

    def unlink(self):
        if self._bizreg_engine_guard_active():
            raise UserError(
                self.env._(
                    "Self-check lines follow the project's acceptance criteria: "
                    "they cannot be deleted."
                )
            )
        return super().unlink()
