# Copyright 2026 bizreg
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError

from odoo.addons.bizreg_base.tools import trusted


class BizregHelpdeskInvestigation(models.Model):
    """A complaint handed to another department for investigation."""

    _name = "bizreg.helpdesk.investigation"
    _description = "Complaint Investigation"
    _inherit = ["mail.thread", "bizreg.department.mixin"]
    _order = "date_deadline, id"
    # the department scope is the complaint's; department_id is the
    # department asked to investigate
    _bizreg_department_field = "ticket_department_id"
    _bizreg_department_from = "ticket_id.bizreg_department_id"
    _bizreg_department_depends = ("ticket_id.bizreg_department_id",)

    ticket_id = fields.Many2one(
        "helpdesk.ticket", required=True, ondelete="cascade", index=True
    )
    department_id = fields.Many2one(
        "hr.department", required=True, index=True, tracking=True
    )
    manager_user_id = fields.Many2one(
        "res.users",
        string="Department Manager",
        compute="_compute_manager_user_id",
        store=True,
        index=True,
        tracking=True,
    )
    date_deadline = fields.Date(string="Due Date", required=True, tracking=True)
    request = fields.Text(string="What to Investigate", required=True)
    findings = fields.Text(tracking=True)
    state = fields.Selection(
        [("open", "In Progress"), ("done", "Done")],
        default="open",
        required=True,
        readonly=True,
        tracking=True,
    )
    date_done = fields.Date(string="Done on", readonly=True, copy=False)
    requested_by_id = fields.Many2one(
        "res.users", default=lambda self: self.env.user, readonly=True
    )
    company_id = fields.Many2one(
        related="ticket_id.company_id", store=True, index=True, string="Company"
    )
    ticket_department_id = fields.Many2one(
        "hr.department",
        compute="_compute_bizreg_department",
        store=True,
        index=True,
    )

    @api.depends("department_id")
    def _compute_manager_user_id(self):
        for rec in self:
            rec.manager_user_id = rec.department_id.sudo().manager_id.user_id

    @api.constrains("date_deadline")
    def _check_date_deadline(self):
        for rec in self:
            if (
                rec.state == "open"
                and rec.date_deadline
                and rec.date_deadline < fields.Date.context_today(rec)
            ):
                raise ValidationError(self.env._("The due date cannot be in the past."))

    def _check_ticket_readable(self, ticket_ids):
        """Handing a complaint over subscribes the department's manager to it:
        only for a complaint the current user reads himself."""
        tickets = self.env["helpdesk.ticket"].browse([tid for tid in ticket_ids if tid])
        if tickets and not self.env.su:
            tickets.check_access("read")

    @api.model_create_multi
    def create(self, vals_list):
        self._check_ticket_readable([vals.get("ticket_id") for vals in vals_list])
        records = super().create(vals_list)
        for rec in records:
            if not rec.manager_user_id:
                raise UserError(
                    self.env._(
                        "Department %s has no manager linked to a user: set its "
                        "manager first.",
                        rec.department_id.display_name,
                    )
                )
            ticket = rec.ticket_id.sudo()
            ticket.message_subscribe(partner_ids=rec.manager_user_id.partner_id.ids)
            ticket.activity_schedule(
                "bizreg_base.mail_activity_bizreg_followup",
                date_deadline=rec.date_deadline,
                summary=self.env._("Investigate complaint %s", ticket.display_name),
                note=rec.request,
                user_id=rec.manager_user_id.id,
            )
            ticket.message_post(
                body=self.env._(
                    "Assigned to %(dept)s for investigation, due %(date)s.",
                    dept=rec.department_id.display_name,
                    date=rec.date_deadline,
                ),
                subtype_xmlid="mail.mt_note",
            )
        return records

    def write(self, vals):
        if "ticket_id" in vals:
            self._check_ticket_readable([vals["ticket_id"]])
        return super().write(vals)

    def action_done(self):
        self.check_access("write")
        for rec in self:
            if not rec.findings:
                raise UserError(self.env._("Record the findings first."))
        with trusted("engine"):
            self.write({"state": "done", "date_done": fields.Date.context_today(self)})
        activity_type = self.env.ref("bizreg_base.mail_activity_bizreg_followup")
        for rec in self:
            activities = rec.ticket_id.sudo().activity_ids.filtered(
                lambda a, r=rec: (
                    a.activity_type_id == activity_type
                    and a.user_id == r.manager_user_id
                )
            )
            activities.action_feedback(feedback=rec.findings)
        return True
