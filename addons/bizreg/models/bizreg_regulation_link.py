# Copyright 2026 bizreg
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models
from odoo.exceptions import AccessError

KINDS = [
    ("approval", "Approval Chain"),
    ("deadline", "Deadline"),
    ("numbering", "Numbering Rule"),
    ("kpi", "KPI"),
    ("access", "Access Rule"),
    ("record", "Records"),
    ("automation", "Scheduled Action"),
]


class BizregRegulationLink(models.Model):
    """What implements a clause: an approval chain, a numbering rule, a KPI,
    a record rule, the list of records the clause produces ... one click
    from the clause, to the configuration itself."""

    _name = "bizreg.regulation.link"
    _description = "Regulation Clause Implementation"
    _order = "clause_id, sequence, id"

    clause_id = fields.Many2one(
        "bizreg.regulation.clause", required=True, ondelete="cascade", index=True
    )
    sequence = fields.Integer(default=10)
    kind = fields.Selection(KINDS, required=True)
    name = fields.Char(string="Implementation", required=True, translate=True)
    target = fields.Reference(
        selection="_selection_target", string="Configuration", required=True
    )
    target_model = fields.Char(compute="_compute_target_model")

    @api.model
    def _selection_target(self):
        return [
            (model.model, model.name)
            for model in self.env["ir.model"].sudo().search([("transient", "=", False)])
        ]

    @api.depends("target")
    def _compute_target_model(self):
        for link in self:
            link.target_model = link.target._name if link.target else False

    def action_open_target(self):
        """The configuration record (or the action's records), opened with
        the user's own rights: a link he may not read opens nothing."""
        self.ensure_one()
        target = self.target
        if not target:
            return False
        if target._name == "ir.actions.act_window":
            # as the web client loads an action: its groups, then the rights
            # on its records
            action = target.sudo()
            if action.groups_id and not action.groups_id & self.env.user.groups_id:
                raise AccessError(
                    self.env._("You may not open %(action)s.", action=action.name)
                )
            self.env[action.res_model].check_access("read")
            return action._get_action_dict()
        target.check_access("read")
        return {
            "type": "ir.actions.act_window",
            "res_model": target._name,
            "res_id": target.id,
            "views": [(False, "form")],
            "target": "current",
        }
