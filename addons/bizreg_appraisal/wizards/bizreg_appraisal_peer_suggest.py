# Copyright 2026 bizreg
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

from odoo import Command, fields, models
from odoo.exceptions import AccessError

from odoo.addons.bizreg_base.tools import trusted


class BizregAppraisalPeerSuggest(models.TransientModel):
    """Peer evaluators suggested for one appraisal, from the records the
    employee shared with colleagues in the period; the ticked ones are added
    to the appraisal's peers (existing peers are kept).

    Only who may manage the appraisal (HR, its department's manager, the
    Director; never on their own appraisal) opens and applies it, and each
    user sees only the wizards they opened (record rules)."""

    _name = "bizreg.appraisal.peer.suggest"
    _description = "Suggest Peer Evaluators"

    appraisal_id = fields.Many2one(
        "bizreg.appraisal", required=True, readonly=True, ondelete="cascade"
    )
    employee_id = fields.Many2one(related="appraisal_id.employee_id")
    line_ids = fields.One2many(
        "bizreg.appraisal.peer.suggest.line", "wizard_id", string="Suggestions"
    )

    def _bizreg_open(self, appraisal):
        """Create the suggestions of ``appraisal`` (the top N ticked, N from
        the company settings) and open them."""
        suggestions = appraisal._bizreg_peer_suggestions()[appraisal.id]
        top = appraisal.company_id.bizreg_appraisal_peer_count
        colleagues = (
            self.env["hr.employee"]
            .sudo()
            .browse([employee_id for employee_id, _total, _details in suggestions])
        )
        departments = {c.id: c.department_id.id for c in colleagues}
        own_department = appraisal.sudo().employee_id.department_id.id
        appraisal._bizreg_check_peers_editable()
        with trusted("engine"):
            wizard = self.create(
                {
                    "appraisal_id": appraisal.id,
                    "line_ids": [
                        Command.create(
                            {
                                "sequence": rank,
                                "employee_id": employee_id,
                                "department_id": departments.get(employee_id),
                                "cross_department": departments.get(employee_id)
                                != own_department,
                                "shared_count": total,
                                "details": ", ".join(
                                    f"{label}: {count}"
                                    for label, count in sorted(details.items())
                                ),
                                "already_peer": employee_id
                                in appraisal.peer_employee_ids.ids,
                                "selected": rank < top
                                or employee_id in appraisal.peer_employee_ids.ids,
                            }
                        )
                        for rank, (employee_id, total, details) in enumerate(
                            suggestions
                        )
                    ],
                }
            )
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Suggest Peers"),
            "res_model": self._name,
            "res_id": wizard.id,
            "view_mode": "form",
            "target": "new",
        }

    def action_apply(self):
        """Add the ticked colleagues to the appraisal's peers."""
        self.ensure_one()
        self.check_access("write")
        if not self.env.su and self.create_uid != self.env.user:
            raise AccessError(
                self.env._("Apply the peer suggestions you opened yourself.")
            )
        appraisal = self.appraisal_id
        appraisal._bizreg_check_peers_editable()
        new = self.line_ids.filtered("selected").employee_id - (
            appraisal.peer_employee_ids
        )
        if new:
            appraisal.write({"peer_employee_ids": [Command.link(e.id) for e in new]})
        return {"type": "ir.actions.act_window_close"}
