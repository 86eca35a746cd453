# Copyright 2026 bizreg
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

from odoo import api, fields, models
from odoo.exceptions import UserError

from odoo.addons.bizreg_base.tools import trusted


class BizregAppraisalHonour(models.Model):
    """Honours register (优秀员工, 业务标兵, ...): proposed from the results,
    awarded once the Director approved the proposal."""

    _name = "bizreg.appraisal.honour"
    _description = "Appraisal Honour"
    _inherit = [
        "bizreg.approval.mixin",
        "mail.thread",
        "mail.activity.mixin",
        "bizreg.department.mixin",
    ]
    _bizreg_department_from = "employee_id.department_id"
    _bizreg_department_depends = ("employee_id.department_id",)
    _order = "id desc"
    _state_from = ["proposed"]
    _state_to = ["awarded"]
    _cancel_state = "cancel"

    honour_type = fields.Selection(
        [
            ("outstanding_employee", "Outstanding Employee"),
            ("pacesetter", "Business Pacesetter"),
            ("other", "Other Honour"),
        ],
        required=True,
        default="other",
        tracking=True,
    )
    name = fields.Char(
        string="Title",
        compute="_compute_name",
        store=True,
        readonly=False,
        translate=True,
    )
    employee_id = fields.Many2one(
        "hr.employee", required=True, index=True, tracking=True
    )
    user_id = fields.Many2one(
        related="employee_id.user_id", store=True, index=True, string="Employee User"
    )
    department_id = fields.Many2one(
        "hr.department", compute="_compute_bizreg_department", store=True, index=True
    )
    cycle_id = fields.Many2one(
        "bizreg.appraisal.cycle", index=True, ondelete="set null"
    )
    appraisal_id = fields.Many2one("bizreg.appraisal", index=True, ondelete="set null")
    final_score = fields.Float(related="appraisal_id.final_score")
    reason = fields.Text(required=True)
    state = fields.Selection(
        [("proposed", "Proposed"), ("awarded", "Awarded"), ("cancel", "Cancelled")],
        default="proposed",
        required=True,
        tracking=True,
        index=True,
    )
    award_date = fields.Date(compute="_compute_award_date", store=True)
    company_id = fields.Many2one(
        "res.company", required=True, default=lambda self: self.env.company, index=True
    )

    @api.depends("honour_type")
    def _compute_name(self):
        labels = dict(self._fields["honour_type"]._description_selection(self.env))
        for honour in self:
            if not honour.name or honour.honour_type != "other":
                honour.name = labels.get(honour.honour_type)

    @api.model_create_multi
    def create(self, vals_list):
        honours = super().create(vals_list)
        honours._bizreg_translate_title()
        return honours

    def write(self, vals):
        res = super().write(vals)
        if "honour_type" in vals:
            self._bizreg_translate_title()
        return res

    def _bizreg_translate_title(self):
        """The title of an honour of a defined type is its type's label in
        every active language (not only in the language of whoever proposed
        it): each reader sees it in his own."""
        typed = self.filtered(lambda h: h.honour_type != "other")
        if not typed:
            return
        labels = {
            lang: dict(
                self._fields["honour_type"]._description_selection(
                    self.with_context(lang=lang).env
                )
            )
            for lang in {code for code, _name in self.env["res.lang"].get_installed()}
            | {"en_US"}
        }
        for honour in typed:
            honour.sudo().update_field_translations(
                "name",
                {
                    lang: label[honour.honour_type]
                    for lang, label in labels.items()
                    if label.get(honour.honour_type)
                },
            )

    @api.depends("state")
    def _compute_award_date(self):
        for honour in self:
            if honour.state != "awarded":
                honour.award_date = False
            elif not honour.award_date:
                honour.award_date = fields.Date.context_today(honour)

    def _bizreg_set_state(self, state):
        with trusted("engine"):
            return super()._bizreg_set_state(state)

    def action_award(self):
        self.check_access("write")
        for honour in self:
            if honour.state != "proposed":
                raise UserError(self.env._("Only a proposed honour can be awarded."))
        self._bizreg_check_approved()
        self._bizreg_set_state("awarded")
        return True

    def validate_tier(self):
        res = super().validate_tier()
        done = self.sudo().filtered(
            lambda h: h.state == "proposed" and h.validation_status == "validated"
        )
        if done:
            done._bizreg_set_state("awarded")
        return res

    def action_cancel(self):
        self.check_access("write")
        if any(h.state == "awarded" for h in self):
            raise UserError(self.env._("An awarded honour cannot be cancelled."))
        self._bizreg_set_state("cancel")
        return True

    def _bizreg_open_action(self):
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "bizreg_appraisal.bizreg_appraisal_honour_action"
        )
        action["domain"] = [("id", "in", self.ids)]
        return action
