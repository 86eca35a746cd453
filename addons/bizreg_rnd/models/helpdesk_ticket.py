# Copyright 2026 bizreg
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError


class HelpdeskTicket(models.Model):
    """Maintenance after a release: a ticket may be about a released version
    (a defect found after the release, or a question); the service reports
    the defect to R&D from the ticket (its deadlines follow the defect
    policy).  Feedback becomes a new requirement with the requirements' own
    button (``bizreg.rnd.requirement.source``), as any consultation or
    complaint can.  Plain tickets (no release) are not touched."""

    _name = "helpdesk.ticket"
    _inherit = ["helpdesk.ticket", "bizreg.rnd.requirement.source"]

    bizreg_rnd_release_id = fields.Many2one(
        "bizreg.rnd.release",
        string="Release",
        index="btree_not_null",
        tracking=True,
        domain="[('state', '=', 'released')]",
        help="The product release the ticket is about.",
    )
    bizreg_rnd_ticket_kind = fields.Selection(
        [("defect", "Defect"), ("question", "Question")],
        string="Release Ticket Kind",
        tracking=True,
        help="A defect found after the release, or a question about it.",
    )
    bizreg_rnd_defect_ids = fields.One2many(
        "bizreg.rnd.defect", "ticket_id", string="Reported Defects", readonly=True
    )
    bizreg_rnd_defect_count = fields.Integer(
        string="Reported Defects Count", compute="_compute_bizreg_rnd_defect_count"
    )

    def _compute_bizreg_rnd_defect_count(self):
        defects = {}
        if self.ids:
            defects = {
                ticket.id: count
                for ticket, count in self.env["bizreg.rnd.defect"]
                .sudo()
                ._read_group(
                    [("ticket_id", "in", self.ids)], ["ticket_id"], ["__count"]
                )
            }
        for ticket in self:
            ticket.bizreg_rnd_defect_count = defects.get(ticket.id, 0)

    @api.constrains("bizreg_rnd_release_id")
    def _check_bizreg_rnd_release(self):
        for ticket in self:
            release = ticket.sudo().bizreg_rnd_release_id
            if release and release.state != "released":
                raise ValidationError(
                    self.env._(
                        "“Release”: %s is not released yet; a ticket is about a "
                        "released version.",
                        release.display_name,
                    )
                )

    def action_bizreg_rnd_report_defect(self):
        """Button: report the defect to R&D (the defect opens for who may
        read it)."""
        defect = self._bizreg_rnd_report_defect()
        if not defect.has_access("read"):
            return True
        return {
            "type": "ir.actions.act_window",
            "res_model": "bizreg.rnd.defect",
            "res_id": defect.id,
            "view_mode": "form",
            "views": [(False, "form")],
        }

    def _bizreg_rnd_report_defect(self):
        """Report the defect of a ticket about a release to R&D: a defect
        found in the release, linked to the ticket, owned by the release's
        responsible."""
        self.ensure_one()
        self.check_access("write")
        release = self.sudo().bizreg_rnd_release_id
        if not release:
            raise UserError(
                self.env._("“Release”: choose the release the ticket is about first.")
            )
        if self.sudo().bizreg_rnd_defect_ids:
            raise UserError(
                self.env._("A defect was already reported from this ticket.")
            )
        defect = (
            self.env["bizreg.rnd.defect"]
            .sudo()
            .create(
                {
                    "name": self.name,
                    "severity": "major",
                    "found_in_release_id": release.id,
                    "ticket_id": self.id,
                    "user_id": release.user_id.id,
                    "company_id": release.company_id.id,
                }
            )
        )
        if self.bizreg_rnd_ticket_kind != "defect":
            self.write({"bizreg_rnd_ticket_kind": "defect"})
        self.message_post(
            body=self.env._("Defect reported to R&D: %s", defect.display_name),
            subtype_xmlid="mail.mt_note",
        )
        return defect.sudo(False)

    def action_bizreg_rnd_view_defects(self):
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Reported Defects"),
            "res_model": "bizreg.rnd.defect",
            "view_mode": "list,form",
            "domain": [("ticket_id", "=", self.id)],
            "context": {"create": False},
        }
