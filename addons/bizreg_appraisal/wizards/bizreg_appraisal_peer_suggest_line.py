# Copyright 2026 bizreg
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

from odoo import fields, models


class BizregAppraisalPeerSuggestLine(models.TransientModel):
    """One suggested colleague and the records they shared with the employee."""

    _name = "bizreg.appraisal.peer.suggest.line"
    _description = "Suggested Peer Evaluator"
    _order = "sequence, id"

    wizard_id = fields.Many2one(
        "bizreg.appraisal.peer.suggest",
        required=True,
        ondelete="cascade",
        readonly=True,
    )
    sequence = fields.Integer(readonly=True)
    selected = fields.Boolean(string="Add")
    employee_id = fields.Many2one(
        "hr.employee", string="Colleague", required=True, readonly=True
    )
    department_id = fields.Many2one("hr.department", readonly=True)
    cross_department = fields.Boolean(
        string="Other Department",
        readonly=True,
        help="The colleague works in another department than the employee: "
        "cross-department cooperation is what peers evaluate.",
    )
    shared_count = fields.Integer(
        string="Shared Records",
        readonly=True,
        help="Records of the period the colleague and the employee worked on together.",
    )
    details = fields.Char(string="Shared Records per Source", readonly=True)
    already_peer = fields.Boolean(string="Already a Peer", readonly=True)
