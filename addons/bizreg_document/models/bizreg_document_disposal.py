# Copyright 2026 bizreg
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

import logging

from markupsafe import Markup

from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError, ValidationError

from odoo.addons.bizreg_base.tools import any_trusted, trusted

_logger = logging.getLogger(__name__)

CONTROLLER = "bizreg_document.group_bizreg_document_manager"
OPEN_STATES = ("proposed", "review", "approved")
# what a user may still change while the disposal is proposed
USER_FIELDS = ("document_id", "action", "reason")
FREE_PREFIXES = ("message_", "activity_", "website_message")


class BizregDocumentDisposal(models.Model):
    """The retention review's proposal for a document past its retention:
    archive it, or destroy it (with approval), leaving this record.

    proposed → done (archive: the controller confirms) or proposed → review
    (destroy: the manager of the owning department, then the Director) →
    approved → done (the controller destroys the files); cancel.  A done
    destruction keeps the destruction record: what (number, title, category,
    confidentiality, versions with their file names and SHA-256), when, who,
    approved by, and why."""

    _name = "bizreg.document.disposal"
    _description = "Document Disposal"
    _inherit = [
        "bizreg.approval.mixin",
        "mail.thread",
        "mail.activity.mixin",
    ]
    _order = "id desc"
    _state_from = ["proposed", "review", "approved"]
    _state_to = ["done"]
    _cancel_state = "cancel"
    _bizreg_review_states = ("proposed", "review", "approved")
    _bizreg_amendable = False
    _bizreg_review_batch = 200

    document_id = fields.Many2one(
        "bizreg.document",
        required=True,
        index=True,
        ondelete="restrict",
        tracking=True,
        domain="[('state', 'in', ('published', 'archived'))]",
    )
    action = fields.Selection(
        [("archive", "Archive"), ("destroy", "Destroy")],
        required=True,
        default="archive",
        tracking=True,
    )
    reason = fields.Text(
        help="Why the document is archived or destroyed (e.g. its retention "
        "period ended): kept in the destruction record."
    )
    state = fields.Selection(
        [
            ("proposed", "Proposed"),
            ("review", "Under Review"),
            ("approved", "Approved"),
            ("done", "Done"),
            ("cancel", "Cancelled"),
        ],
        default="proposed",
        required=True,
        readonly=True,
        tracking=True,
        index=True,
        copy=False,
    )
    user_id = fields.Many2one(
        "res.users",
        string="Requested By",
        default=lambda self: self.env.user,
        readonly=True,
        index=True,
        copy=False,
    )
    company_id = fields.Many2one(
        related="document_id.company_id", store=True, index=True
    )
    department_id = fields.Many2one(
        related="document_id.department_id",
        string="Owner Department",
        store=True,
        index=True,
    )
    category_id = fields.Many2one(
        related="document_id.category_id", store=True, index=True
    )
    document_state = fields.Selection(
        related="document_id.state", string="Document Status"
    )
    retention_date = fields.Date(related="document_id.retention_date")
    manager_user_id = fields.Many2one(
        "res.users",
        string="Approving Manager",
        compute="_compute_manager_user_id",
        store=True,
        index=True,
        help="The manager of the document's owner department (above, when "
        "that is the requester): approves a destruction before the Director.",
    )
    # the record of what was done (engine-owned, kept after the files are gone)
    date_done = fields.Datetime(string="Done On", readonly=True, copy=False)
    done_by_id = fields.Many2one("res.users", readonly=True, copy=False)
    record_number = fields.Char(string="Document Number", readonly=True, copy=False)
    record_title = fields.Char(string="Document Title", readonly=True, copy=False)
    record_category = fields.Char(string="Document Category", readonly=True, copy=False)
    record_confidentiality = fields.Char(
        string="Document Confidentiality", readonly=True, copy=False
    )
    record_versions = fields.Text(
        string="Versions Destroyed",
        readonly=True,
        copy=False,
        help="Each version destroyed: its number, file name and SHA-256 checksum.",
    )
    record_approvers = fields.Char(string="Approved By", readonly=True, copy=False)

    # ------------------------------------------------------------------
    # Computes and constraints
    # ------------------------------------------------------------------
    @api.depends("document_id", "action")
    def _compute_display_name(self):
        labels = dict(self._fields["action"]._description_selection(self.env))
        for disposal in self:
            document = disposal.document_id.sudo()
            disposal.display_name = "%s: %s" % (
                labels.get(disposal.action, ""),
                document.bizreg_number or document.name or "",
            )

    @api.depends("department_id", "user_id")
    def _compute_manager_user_id(self):
        for disposal in self:
            requester = disposal.user_id
            department = disposal.department_id.sudo()
            manager = self.env["res.users"]
            while department:
                candidate = department.manager_id.user_id
                if candidate and candidate != requester:
                    manager = candidate
                    break
                department = department.parent_id
            disposal.manager_user_id = manager

    @api.constrains("document_id", "state")
    def _check_one_open(self):
        documents = self.filtered(lambda d: d.state in OPEN_STATES).document_id
        if not documents:
            return
        counts = self.sudo()._read_group(
            [("document_id", "in", documents.ids), ("state", "in", OPEN_STATES)],
            ["document_id"],
            ["__count"],
        )
        for document, count in counts:
            if count > 1:
                raise ValidationError(
                    self.env._(
                        "“Document”: %s already has an open disposal proposal.",
                        document.display_name,
                    )
                )

    @api.constrains("document_id")
    def _check_document_state(self):
        for disposal in self.filtered(lambda d: d.state == "proposed"):
            if disposal.document_id.sudo().state not in ("published", "archived"):
                raise ValidationError(
                    self.env._(
                        "“Document”: only a published or archived document can be "
                        "archived or destroyed (%s is not).",
                        disposal.document_id.sudo().display_name,
                    )
                )

    # ------------------------------------------------------------------
    # CRUD guards
    # ------------------------------------------------------------------
    @api.model
    def _bizreg_engine_fields(self):
        """The record of what was done is written by the engine at the end
        of the approval."""
        return super()._bizreg_engine_fields() + [
            "state",
            "user_id",
            "manager_user_id",
            "date_done",
            "done_by_id",
            "record_number",
            "record_title",
            "record_category",
            "record_confidentiality",
            "record_versions",
            "record_approvers",
        ]

    def write(self, vals):
        if not self.env.su and not any_trusted():
            # engine-owned fields: the engine's refusal first
            self._bizreg_check_engine_fields(vals.keys())
            changed = {name for name in vals if not name.startswith(FREE_PREFIXES)}
            if changed and any(d.state in ("done", "cancel") for d in self):
                raise UserError(
                    self.env._(
                        "A finished or cancelled disposal is a record: it cannot "
                        "be changed."
                    )
                )
            if changed & set(USER_FIELDS) and any(d.state != "proposed" for d in self):
                raise UserError(
                    self.env._(
                        "“Action”, “Document” and “Reason” can be changed only "
                        "while the disposal is proposed."
                    )
                )
        return super().write(vals)

    # ------------------------------------------------------------------
    # Retention review
    # ------------------------------------------------------------------
    @api.model
    def _due_domain(self):
        """Documents past their retention with no open disposal."""
        today = fields.Date.context_today(self)
        open_documents = (
            self.sudo().search([("state", "in", OPEN_STATES)]).document_id.ids
        )
        return [
            ("state", "in", ("published", "archived")),
            ("retention_date", "!=", False),
            ("retention_date", "<=", today),
            ("id", "not in", open_documents),
        ]

    @api.model
    def _proposal_vals(self, document):
        """The proposal for one due document: the category's retention action
        (archive by default) for a published document, destroy an archived
        one."""
        # the reason is read by the company's people: in its language
        lang = document.company_id.partner_id.lang or self.env.lang
        category = document.category_id.with_context(lang=lang)
        action = (
            "destroy" if document.state == "archived" else category.retention_action
        )
        return {
            "document_id": document.id,
            "action": action,
            "reason": category.env._(
                "Retention period ended on %(date)s (%(years)s years for "
                "“%(category)s”).",
                date=fields.Date.to_string(document.retention_date),
                years=category.retention_years,
                category=category.name,
            ),
        }

    @api.model
    def _retention_review(self, limit=None):
        """Propose every due document (at most ``limit``, a batch) for
        disposal; return ``(proposals, remaining)``.  A document that fails is
        logged and skipped."""
        limit = limit or self._bizreg_review_batch
        Document = self.env["bizreg.document"].sudo()
        domain = self._due_domain()
        due = Document.search(domain, order="retention_date, id", limit=limit)
        proposals = self.browse()
        failed = 0
        try:
            with self.env.cr.savepoint():
                proposals = self.create([self._proposal_vals(d) for d in due])
        except Exception:
            _logger.exception("Retention review failed in batch: one by one")
            for document in due:
                try:
                    with self.env.cr.savepoint():
                        proposals |= self.create(self._proposal_vals(document))
                except Exception:
                    failed += 1
                    _logger.exception("Retention review skipped %s", document)
        remaining = 0
        if len(due) == limit:
            # the failed ones are found again: do not loop on them
            remaining = max(Document.search_count(self._due_domain()) - failed, 0)
            if failed == len(due):
                remaining = 0
        return proposals, remaining

    @api.model
    def _cron_retention_review(self):
        """Monthly cron: propose the documents past their retention, in
        batches (the runner commits after each batch and calls again)."""
        proposals, remaining = self._retention_review()
        if remaining:
            self.env["ir.cron"]._notify_progress(
                done=len(proposals), remaining=remaining
            )
        return proposals

    @api.model
    def action_run_retention_review(self):
        """Button of the controller: run the retention review now."""
        if not self.env.user.has_group(CONTROLLER):
            raise AccessError(
                self.env._("Only the document controller runs the retention review.")
            )
        proposals = self.browse()
        while True:
            batch, remaining = self._retention_review()
            proposals |= batch
            if not remaining:
                break
        return {
            "type": "ir.actions.client",
            "tag": "display_notification",
            "params": {
                "type": "success" if proposals else "info",
                "message": self.env._(
                    "Retention review: %s document(s) proposed for disposal.",
                    len(proposals),
                ),
                "next": {"type": "ir.actions.client", "tag": "soft_reload"},
            },
        }

    # ------------------------------------------------------------------
    # Actions
    # ------------------------------------------------------------------
    def _check_controller(self):
        if not self.env.su and not self.env.user.has_group(CONTROLLER):
            raise AccessError(
                self.env._(
                    "Only the document controller archives or destroys documents."
                )
            )
        self.check_access("write")

    def _check_action(self, action):
        labels = dict(self._fields["action"]._description_selection(self.env))
        for disposal in self:
            if disposal.action != action:
                raise UserError(
                    self.env._(
                        "“%(disposal)s” is to “%(action)s”: this step is not possible.",
                        disposal=disposal.display_name,
                        action=labels.get(disposal.action),
                    )
                )

    def _set_document_state(self, documents, state, note):
        with trusted("state", "engine"):
            documents.sudo()._bizreg_engine_write({"state": state})
        for document in documents.sudo():
            document.message_post(body=note, subtype_xmlid="mail.mt_note")

    def action_confirm_archive(self):
        """The controller confirms: the document is archived (it stays in the
        register, searchable and traceable)."""
        self._check_controller()
        self._bizreg_check_state(("proposed",))
        self._check_action("archive")
        for disposal in self:
            if disposal.document_id.sudo().state != "published":
                raise UserError(
                    self.env._(
                        "“%s” is not published: only a published document is archived.",
                        disposal.document_id.sudo().display_name,
                    )
                )
        # a rejected destruction turned into an archiving: close its reviews
        self.filtered("review_ids").restart_validation()
        now = fields.Datetime.now()
        for disposal in self:
            self._set_document_state(
                disposal.document_id,
                "archived",
                Markup("<p>%s</p>")
                % self.env._(
                    "Archived by %(user)s (retention review %(disposal)s).",
                    user=self.env.user.name,
                    disposal=disposal.display_name,
                ),
            )
            disposal._record_document()
            disposal._bizreg_engine_write(
                {"date_done": now, "done_by_id": self.env.uid}
            )
        self._bizreg_set_state("done")
        return True

    def action_submit_destruction(self):
        """Send a destruction to its approval (department manager, Director)."""
        self._check_controller()
        self._check_action("destroy")
        self._bizreg_check_state(("proposed",))
        self._bizreg_engine_write({"user_id": self.env.uid})
        return self._bizreg_submit_for_review()

    def _bizreg_check_submit(self):
        for disposal in self:
            if disposal.document_id.sudo().state not in ("published", "archived"):
                raise UserError(
                    self.env._(
                        "“%s” is neither published nor archived: it cannot be "
                        "destroyed.",
                        disposal.document_id.sudo().display_name,
                    )
                )

    def _record_document(self):
        """Copy what is disposed of into the record (as text: it outlives
        the files)."""
        self.ensure_one()
        document = self.document_id.sudo()
        labels = dict(
            document._fields["confidentiality"]._description_selection(self.env)
        )
        lines = []
        for version in document.version_ids.sorted(lambda v: (v.version, v.id)):
            lines.append(
                "v%s  %s  SHA-256 %s"
                % (
                    version.version,
                    version._fields.get("filename")
                    and version.filename
                    or version.dms_file_id.name
                    or "",
                    version.checksum or "",
                )
            )
        self._bizreg_engine_write(
            {
                "record_number": document.bizreg_number or "",
                "record_title": document.name,
                "record_category": document.category_id.display_name,
                "record_confidentiality": labels.get(document.confidentiality, ""),
                "record_versions": "\n".join(lines),
            }
        )

    def action_destroy(self):
        """The controller executes an approved destruction: the files of
        every version are deleted, the document becomes destroyed (its
        register row stays, without content), the record is kept here."""
        self._check_controller()
        self._check_action("destroy")
        self._bizreg_check_state(("approved",))
        self._bizreg_check_approved()
        now = fields.Datetime.now()
        for disposal in self:
            document = disposal.document_id.sudo()
            disposal._record_document()
            approvers = self.env["res.users"].union(
                *(
                    review._bizreg_approvers() or review.done_by
                    for review in disposal.review_ids.sorted("sequence")
                )
            )
            files = document.version_ids.dms_file_id
            with trusted("destroy"):
                files.sudo().unlink()
            self._set_document_state(
                document,
                "destroyed",
                Markup("<p>%s</p>")
                % self.env._(
                    "Destroyed by %(user)s: %(count)s file(s) deleted "
                    "(destruction record %(disposal)s).",
                    user=self.env.user.name,
                    count=len(files),
                    disposal=disposal.display_name,
                ),
            )
            disposal._bizreg_engine_write(
                {
                    "date_done": now,
                    "done_by_id": self.env.uid,
                    "record_approvers": ", ".join(approvers.sudo().mapped("name")),
                }
            )
        self._bizreg_set_state("done")
        return True

    def action_cancel(self):
        """Keep the document: the proposal is cancelled."""
        self._check_controller()
        self._bizreg_check_state(OPEN_STATES)
        self._bizreg_set_state("cancel")
        return True

    def action_print_record(self):
        self.ensure_one()
        return self.env.ref(
            "bizreg_document.action_report_bizreg_document_disposal"
        ).report_action(self)
