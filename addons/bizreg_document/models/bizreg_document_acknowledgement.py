# Copyright 2026 bizreg
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError

ACTIVITY_TYPE = "bizreg_document.mail_activity_bizreg_document_acknowledge"


class BizregDocumentAcknowledgement(models.Model):
    """A reader's acknowledgement (阅知确认) of a published version of a
    controlled document: requested on publication from the employees of the
    category's acknowledgement departments; each user acknowledges only
    their own."""

    _name = "bizreg.document.acknowledgement"
    _description = "Document Acknowledgement"
    _inherit = ["mail.thread", "mail.activity.mixin"]
    _order = "id desc"
    _rec_name = "document_id"

    document_id = fields.Many2one(
        "bizreg.document", required=True, readonly=True, index=True, ondelete="cascade"
    )
    version_id = fields.Many2one(
        "bizreg.document.version", required=True, readonly=True, ondelete="cascade"
    )
    version = fields.Integer(related="version_id.version", string="Version No.")
    user_id = fields.Many2one(
        "res.users", string="Reader", required=True, readonly=True, index=True
    )
    department_id = fields.Many2one("hr.department", readonly=True, index=True)
    state = fields.Selection(
        [
            ("pending", "To Acknowledge"),
            ("done", "Acknowledged"),
            ("superseded", "Superseded"),
        ],
        default="pending",
        required=True,
        readonly=True,
        index=True,
        tracking=True,
    )
    date_acknowledged = fields.Datetime(
        string="Acknowledged On", readonly=True, copy=False
    )
    company_id = fields.Many2one(
        related="document_id.company_id", store=True, index=True
    )

    _sql_constraints = [
        (
            "version_user_uniq",
            "unique(version_id, user_id)",
            "A reader acknowledges a version once.",
        ),
    ]

    def _compute_display_name(self):
        for ack in self:
            ack.display_name = (
                f"{ack.document_id.display_name or ''} v{ack.version_id.version}"
            )

    @api.model_create_multi
    def create(self, vals_list):
        if self._bizreg_engine_guard_active():
            raise UserError(
                self.env._(
                    "Acknowledgements are requested when a document is published."
                )
            )
        return super().create(vals_list)

    # ------------------------------------------------------------------
    # Engine
    # ------------------------------------------------------------------
    @api.model
    def _readers(self, document):
        """Internal users with an employee in the category's acknowledgement
        departments (or the owner department), sub-departments included;
        everyone when neither is set; a confidential document only within
        its owner department."""
        document = document.sudo()
        category = document.category_id
        departments = category.acknowledgement_department_ids or (
            document.department_id
        )
        # no department at all (e.g. a company-wide policy): everyone
        domain = (
            [("department_id", "child_of", departments.ids)]
            if departments
            else [("company_id", "in", [document.company_id.id, False])]
        )
        domain += [
            ("user_id", "!=", False),
            ("user_id.share", "=", False),
            ("user_id.active", "=", True),
        ]
        if document.confidentiality == "confidential":
            domain.append(("department_id", "child_of", document.department_id.ids))
        employees = self.env["hr.employee"].sudo().search(domain)
        by_user = {}
        for employee in employees:
            by_user.setdefault(employee.user_id, employee.department_id)
        users = self.env["res.users"].browse([u.id for u in by_user])
        return users, by_user

    @api.model
    def _request(self, version):
        """Ask the readers of ``version``'s document to acknowledge it; the
        pending acknowledgements of its earlier versions are superseded."""
        document = version.sudo().document_id
        Ack = self.sudo()
        older = Ack.search(
            [
                ("document_id", "=", document.id),
                ("version_id", "!=", version.id),
                ("state", "=", "pending"),
            ]
        )
        if older:
            older.activity_unlink([ACTIVITY_TYPE])
            older._bizreg_engine_write({"state": "superseded"})
        users, by_user = self._readers(document)
        done = set(Ack.search([("version_id", "=", version.id)]).user_id.ids)
        vals_list = [
            {
                "document_id": document.id,
                "version_id": version.id,
                "user_id": user.id,
                "department_id": by_user[user].id,
            }
            for user in users
            if user.id not in done
        ]
        acks = Ack.with_context(mail_create_nolog=True).create(vals_list)
        for ack in acks:
            ack.activity_schedule(
                ACTIVITY_TYPE,
                user_id=ack.user_id.id,
                summary=self.env._("Read and acknowledge %s", ack.display_name),
            )
        return acks

    # ------------------------------------------------------------------
    # Actions
    # ------------------------------------------------------------------
    def action_acknowledge(self):
        """The reader confirms they read the version: only their own."""
        self.check_access("read")
        for ack in self:
            if ack.user_id != self.env.user:
                raise AccessError(
                    self.env._("You can acknowledge only your own acknowledgements.")
                )
            if ack.state != "pending":
                raise UserError(
                    self.env._(
                        "“%s” is already acknowledged or superseded.",
                        ack.display_name,
                    )
                )
        acks = self.sudo()
        acks.activity_feedback([ACTIVITY_TYPE])
        acks._bizreg_engine_write(
            {"state": "done", "date_acknowledged": fields.Datetime.now()}
        )
        return True

    def action_open_document(self):
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "res_model": "bizreg.document",
            "res_id": self.document_id.id,
            "view_mode": "form",
        }
