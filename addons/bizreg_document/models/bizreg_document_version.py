# Copyright 2026 bizreg
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

from odoo import api, fields, models
from odoo.exceptions import UserError

# version states in which nothing of it changes any more
FROZEN_STATES = ("review", "approved", "published", "superseded", "cancel")
FREE_PREFIXES = ("message_", "activity_", "website_message")


class BizregDocumentVersion(models.Model):
    """A version of a controlled document: one uploaded file (kept in OCA
    DMS), reviewed before it is published; the approval is bound to the
    file's digest."""

    _name = "bizreg.document.version"
    _description = "Document Version"
    _inherit = [
        "bizreg.record.mixin",
        "bizreg.approval.mixin",
        "mail.thread",
        "mail.activity.mixin",
    ]
    _order = "document_id, version desc, id desc"
    _state_from = ["draft", "review", "approved"]
    _state_to = ["published"]
    _cancel_state = "cancel"
    _bizreg_review_states = ("draft", "review", "approved")
    # a published version is not amended: a change is a new upload
    _bizreg_amendable = False
    _bizreg_department_from = "document_id.department_id"
    _bizreg_department_depends = ("document_id", "document_id.department_id")
    _rec_name = "document_id"

    document_id = fields.Many2one(
        "bizreg.document", required=True, index=True, ondelete="cascade"
    )
    category_id = fields.Many2one(
        related="document_id.category_id", store=True, index=True
    )
    confidentiality = fields.Selection(related="document_id.confidentiality")
    is_policy = fields.Boolean(related="document_id.category_id.is_policy")
    filename = fields.Char(string="File Name", readonly=True, copy=False)
    file_size = fields.Integer(string="Size (Bytes)", readonly=True, copy=False)
    note = fields.Text(
        string="Change Note", help="What changed in this version, for the reviewers."
    )
    reviewer_user_id = fields.Many2one(
        "res.users",
        string="Department Reviewer",
        compute="_compute_reviewer_user_id",
        store=True,
        index=True,
        help="The manager of the author's department (of the parent "
        "department when the author is that manager): the first reviewer.",
    )
    date_published = fields.Datetime(string="Published On", readonly=True, copy=False)
    version = fields.Integer(readonly=True, copy=False)
    dms_file_id = fields.Many2one("dms.file", readonly=True, copy=False)
    checksum = fields.Char(string="SHA-256", readonly=True, copy=False)
    state = fields.Selection(
        [
            ("draft", "Draft"),
            ("review", "Under Review"),
            ("approved", "Approved"),
            ("published", "Published"),
            ("superseded", "Superseded"),
            ("cancel", "Cancelled"),
        ],
        default="draft",
        required=True,
        readonly=True,
        tracking=True,
        index=True,
        copy=False,
    )

    # ------------------------------------------------------------------
    # Computes
    # ------------------------------------------------------------------
    @api.depends("user_id")
    def _compute_reviewer_user_id(self):
        for rec in self:
            if rec.state != "draft" and rec.reviewer_user_id:
                continue
            author = rec.sudo().user_id
            department = author.employee_id.department_id
            reviewer = self.env["res.users"]
            for _depth in range(10):
                if not department:
                    break
                reviewer = department.manager_id.user_id
                if reviewer and reviewer != author:
                    break
                reviewer = self.env["res.users"]
                department = department.parent_id
            rec.reviewer_user_id = reviewer

    def _compute_display_name(self):
        for rec in self:
            rec.display_name = f"{rec.document_id.display_name or ''} v{rec.version}"

    # ------------------------------------------------------------------
    # Approved terms: bound to the file
    # ------------------------------------------------------------------
    def _bizreg_terms(self):
        """The reviewers approve this file (its SHA-256), of this document,
        as this version."""
        terms = super()._bizreg_terms()
        terms.update(
            {
                "document_id": self.document_id.id,
                "version": self.version,
                "checksum": self.checksum or "",
                "dms_file_id": self.dms_file_id.id,
                "filename": self.filename or "",
            }
        )
        return terms

    def _bizreg_owner_users(self):
        """Neither the version's author nor the document's owner approves it."""
        return super()._bizreg_owner_users() | self.sudo().document_id.user_id

    @api.model
    def _bizreg_engine_fields(self):
        return super()._bizreg_engine_fields() + [
            "state",
            "date_published",
            "reviewer_user_id",
        ]

    # ------------------------------------------------------------------
    # CRUD
    # ------------------------------------------------------------------
    @api.model_create_multi
    def create(self, vals_list):
        if self._bizreg_engine_guard_active():
            raise UserError(
                self.env._(
                    "A version is created by uploading its file on the document "
                    "(Upload New Version)."
                )
            )
        return super().create(vals_list)

    def write(self, vals):
        if self._bizreg_engine_guard_active():
            # the engine's fields are refused as such first
            self._bizreg_check_engine_fields(vals.keys())
            names = [name for name in vals if not name.startswith(FREE_PREFIXES)]
            if "document_id" in vals:
                raise UserError(
                    self.env._("A version belongs to its document for good.")
                )
            if names and self.filtered(lambda v: v.state in FROZEN_STATES):
                raise UserError(
                    self.env._(
                        "A version under review, approved, published, superseded "
                        "or cancelled does not change: upload a new version."
                    )
                )
        return super().write(vals)

    # ------------------------------------------------------------------
    # Actions
    # ------------------------------------------------------------------
    def _bizreg_check_submit(self):
        for rec in self:
            doc = rec.sudo().document_id
            if not rec.dms_file_id or not rec.checksum:
                raise UserError(
                    self.env._("Version “%s” has no file.", rec.display_name)
                )
            if doc.state not in ("draft", "published"):
                raise UserError(
                    self.env._(
                        "Document “%s” is archived or destroyed: its versions are "
                        "not reviewed any more.",
                        doc.display_name,
                    )
                )
            if not rec.reviewer_user_id:
                raise UserError(
                    self.env._(
                        "The department of %s has no manager with a user (nor "
                        "its parent departments): nobody could review the version.",
                        rec.user_id.name,
                    )
                )

    def action_preview(self):
        """Open this version in the browser, through the route that checks
        access, logs confidential reading and watermarks."""
        return self._content_url("preview")

    def action_download(self):
        return self._content_url("download")

    def _content_url(self, mode):
        self.ensure_one()
        return {
            "type": "ir.actions.act_url",
            "url": f"/bizreg_document/version/{self.id}/{mode}",
            "target": "new" if mode == "preview" else "self",
        }

    def action_submit(self):
        """Draft → under review, explicitly (never on save): the manager of
        the author's department, then the Regulation Administrator for a
        policy.  The document gets its number with its first submission."""
        self._bizreg_submit_for_review()
        documents = self.sudo().document_id.filtered(lambda d: not d.bizreg_number)
        documents._bizreg_assign_number()
        return True

    def action_cancel(self):
        """Withdraw a version in draft or under review (it stays listed)."""
        self.check_access("write")
        self._bizreg_check_state(("draft", "review"))
        self.filtered("review_ids").restart_validation()
        self._bizreg_set_state("cancel")
        return True

    def _bizreg_store_approved_digest(self):
        """On the last approval the version is published: it becomes the
        document's current version and supersedes the previous one."""
        res = super()._bizreg_store_approved_digest()
        for rec in self.filtered(lambda v: v.state == "approved"):
            rec.document_id._publish(rec)
        return res
