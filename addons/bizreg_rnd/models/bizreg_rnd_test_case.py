# Copyright 2026 bizreg
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

from odoo import fields, models


class BizregRndTestCase(models.Model):
    """A test case (测试用例) proving a requirement: functional, performance
    or security."""

    _name = "bizreg.rnd.test.case"
    _description = "Test Case"
    _inherit = ["bizreg.record.mixin", "mail.thread", "mail.activity.mixin"]
    _order = "requirement_id, sequence, id"

    sequence = fields.Integer(default=10)
    name = fields.Char(required=True, tracking=True)
    requirement_id = fields.Many2one(
        "bizreg.rnd.requirement",
        required=True,
        index=True,
        ondelete="cascade",
    )
    test_type = fields.Selection(
        [
            ("functional", "Functional"),
            ("performance", "Performance"),
            ("security", "Security"),
        ],
        string="Type",
        required=True,
        default="functional",
    )
    steps = fields.Text()
    expected_result = fields.Text()
    priority = fields.Selection(
        [("0", "Low"), ("1", "Normal"), ("2", "High"), ("3", "Critical")],
        default="1",
        index=True,
    )
    preconditions = fields.Text()
    active = fields.Boolean(default=True, tracking=True)
    planned_release_id = fields.Many2one(
        related="requirement_id.planned_release_id",
        store=True,
        index=True,
        string="Planned Release",
    )
    result_ids = fields.One2many("bizreg.rnd.test.result", "case_id", string="Results")
