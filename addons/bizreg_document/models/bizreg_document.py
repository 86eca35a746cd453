# Copyright 2026 bizreg
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

import base64
import binascii
import hashlib
import re

from dateutil.relativedelta import relativedelta

from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError

from odoo.addons.bizreg_base.tools import trusted

from ..document_demo_builder import document_flow
from .bizreg_document_category import CONFIDENTIALITY

# confidentiality levels, from the lowest
LEVELS = {key: rank for rank, (key, _label) in enumerate(CONFIDENTIALITY)}


class BizregDocument(models.Model):
    """An entry of the document register (文档登记): a controlled document
    written here in versions, or a document of another bizreg module
    (research report, contract, PRD, ...) registered with its number."""

    _name = "bizreg.document"
    _description = "Controlled Document"
    _inherit = [
        "bizreg.record.mixin",
        "bizreg.numbering.mixin",
        "mail.thread",
        "mail.activity.mixin",
    ]
    _order = "id desc"
    _rec_names_search = ["name", "bizreg_number"]
    _bizreg_numbering_trigger = "manual"
    _bizreg_number_in_name = True
    # a document is never cancelled: its number stays live (a destroyed
    # document keeps it in its destruction record)
    _bizreg_void_states = ()
    # the owner department: the category's, else the author's
    _bizreg_department_depends = ("user_id", "category_id", "category_id.department_id")

    name = fields.Char(string="Title", required=True, tracking=True)
    category_id = fields.Many2one(
        "bizreg.document.category",
        required=True,
        index=True,
        tracking=True,
        ondelete="restrict",
    )
    confidentiality = fields.Selection(
        CONFIDENTIALITY,
        required=True,
        tracking=True,
        index=True,
        compute="_compute_confidentiality",
        store=True,
        readonly=False,
        precompute=True,
        help="From the category; it may be raised, never lowered below the category's.",
    )
    state = fields.Selection(
        [
            ("draft", "Draft"),
            ("published", "Published"),
            ("archived", "Archived"),
            ("destroyed", "Destroyed"),
        ],
        default="draft",
        required=True,
        readonly=True,
        tracking=True,
        index=True,
        copy=False,
    )
    res_model = fields.Char(string="Source Model", readonly=True, index=True)
    res_id = fields.Many2oneReference(
        string="Source Record", model_field="res_model", readonly=True, index=True
    )
    version_ids = fields.One2many("bizreg.document.version", "document_id")
    version_count = fields.Integer(string="Versions", compute="_compute_counts")
    current_version_id = fields.Many2one(
        "bizreg.document.version", readonly=True, copy=False
    )
    date_published = fields.Datetime(readonly=True, copy=False)
    borrowing_ids = fields.One2many("bizreg.document.borrowing", "document_id")
    borrowing_count = fields.Integer(string="Borrowings", compute="_compute_counts")
    current_version = fields.Integer(
        related="current_version_id.version", string="Version No."
    )
    required_sections = fields.Text(related="category_id.required_sections")
    acknowledgement_ids = fields.One2many(
        "bizreg.document.acknowledgement", "document_id", string="Acknowledgements"
    )
    acknowledgement_done_count = fields.Integer(
        string="Acknowledged", compute="_compute_acknowledgement_counts"
    )
    acknowledgement_pending_count = fields.Integer(
        string="To Acknowledge", compute="_compute_acknowledgement_counts"
    )
    is_borrowed_out = fields.Boolean(
        string="Borrowed Out",
        compute="_compute_is_borrowed_out",
        search="_search_is_borrowed_out",
        help="A paper copy is lent: it is back after the controller's return check.",
    )
    in_my_department = fields.Boolean(
        compute="_compute_in_my_department", search="_search_in_my_department"
    )
    retention_date = fields.Date(
        string="Keep Until",
        compute="_compute_retention_date",
        store=True,
        index=True,
        help="Publication date plus the category's retention period: the "
        "retention review proposes the document for archiving or destruction "
        "from this date.",
    )

    @api.depends("date_published", "category_id.retention_years")
    def _compute_retention_date(self):
        for doc in self:
            years = doc.category_id.retention_years
            doc.retention_date = (
                doc.date_published.date() + relativedelta(years=years)
                if doc.date_published and years > 0
                else False
            )

    # ------------------------------------------------------------------
    # Computes and constraints
    # ------------------------------------------------------------------
    @api.depends("category_id")
    def _compute_confidentiality(self):
        for doc in self:
            floor = doc.category_id.confidentiality
            if floor and (
                not doc.confidentiality or LEVELS[doc.confidentiality] < LEVELS[floor]
            ):
                doc.confidentiality = floor
            elif not doc.confidentiality:
                doc.confidentiality = "internal"

    @api.constrains("confidentiality", "category_id")
    def _check_confidentiality(self):
        labels = dict(self._fields["confidentiality"]._description_selection(self.env))
        for doc in self:
            floor = doc.category_id.confidentiality
            if floor and LEVELS[doc.confidentiality] < LEVELS[floor]:
                raise ValidationError(
                    self.env._(
                        "“Confidentiality”: documents of category “%(category)s” "
                        "are at least “%(level)s”; it may be raised, never lowered.",
                        category=doc.category_id.name,
                        level=labels.get(floor, floor),
                    )
                )

    def _bizreg_department_source(self):
        """The category's owner department, else the author's."""
        self.ensure_one()
        doc = self.sudo()
        return (doc.category_id.department_id or doc.user_id.employee_id.department_id)[
            :1
        ]

    def _compute_counts(self):
        Version = self.env["bizreg.document.version"]
        versions = dict(
            Version._read_group(
                [("document_id", "in", self.ids)], ["document_id"], ["__count"]
            )
        )
        borrowings = dict(
            self.env["bizreg.document.borrowing"]._read_group(
                [("document_id", "in", self.ids)], ["document_id"], ["__count"]
            )
        )
        for doc in self:
            doc.version_count = versions.get(doc, 0)
            doc.borrowing_count = borrowings.get(doc, 0)

    def _compute_acknowledgement_counts(self):
        counts = {}
        for doc, state, count in self.env[
            "bizreg.document.acknowledgement"
        ]._read_group(
            [("document_id", "in", self.ids), ("state", "in", ("pending", "done"))],
            ["document_id", "state"],
            ["__count"],
        ):
            counts[(doc.id, state)] = count
        for doc in self:
            doc.acknowledgement_done_count = counts.get((doc.id, "done"), 0)
            doc.acknowledgement_pending_count = counts.get((doc.id, "pending"), 0)

    def _bizreg_numbering_category(self):
        return "category_%d" % self.category_id.id if self.category_id else False

    # ------------------------------------------------------------------
    # CRUD
    # ------------------------------------------------------------------
    @api.model_create_multi
    def create(self, vals_list):
        if self._bizreg_engine_guard_active():
            Category = self.env["bizreg.document.category"]
            for vals in vals_list:
                category = Category.browse(vals.get("category_id")).exists()
                if category.sudo().res_model:
                    raise UserError(
                        self.env._(
                            "Documents of category “%s” are registered from their "
                            "own application, with their number: they are not "
                            "written here.",
                            category.name,
                        )
                    )
        return super().create(vals_list)

    def write(self, vals):
        if self._bizreg_engine_guard_active():
            locked = {"category_id", "user_id", "company_id"}.intersection(vals)
            if locked and self.filtered(lambda d: d.state != "draft"):
                raise UserError(
                    self.env._(
                        "The category, owner and company of a published document "
                        "do not change: register a new document instead."
                    )
                )
            if self.filtered(lambda d: d.state == "destroyed"):
                raise UserError(self.env._("A destroyed document does not change."))
            if "confidentiality" in vals:
                self._check_confidentiality_lowered(vals["confidentiality"])
        return super().write(vals)

    def _check_confidentiality_lowered(self, level):
        """Once a document left draft, lowering its confidentiality opens it to
        more readers: the document controller decides, not the author."""
        if level not in LEVELS:
            return  # the selection check names the field
        lowered = self.filtered(
            lambda d: d.state != "draft" and LEVELS[level] < LEVELS[d.confidentiality]
        )
        if lowered and not self.env.user.has_group(
            "bizreg_document.group_bizreg_document_manager"
        ):
            raise UserError(
                self.env._(
                    "“Confidentiality” of “%s” can be raised, not lowered, once it "
                    "is published: ask the document controller.",
                    lowered[0].display_name,
                )
            )

    # ------------------------------------------------------------------
    # Versions
    # ------------------------------------------------------------------
    @api.model
    def _decode(self, content_b64):
        if isinstance(content_b64, str):
            content_b64 = content_b64.encode()
        if not isinstance(content_b64, bytes):
            raise ValidationError(self.env._("“File”: a file is expected."))
        try:
            data = base64.b64decode(content_b64, validate=True)
        except (binascii.Error, ValueError) as exc:
            raise ValidationError(
                self.env._("“File”: the content is not a valid file.")
            ) from exc
        if not data:
            raise ValidationError(self.env._("“File”: the file is empty."))
        return data

    def add_version(self, content_b64, filename, note=False):
        """Upload a file as the document's next version (a draft, to be
        submitted for review): kept in the category's DMS directory, with its
        SHA-256.  Every upload is a new version; earlier versions stay, and
        earlier drafts are cancelled."""
        self.ensure_one()
        self.check_access("write")
        if self.state not in ("draft", "published"):
            raise UserError(
                self.env._(
                    "Document “%s” is archived or destroyed: no new version.",
                    self.display_name,
                )
            )
        if not isinstance(filename, str) or not filename.strip():
            raise ValidationError(self.env._("“File Name”: a file name is needed."))
        if note and not isinstance(note, str):
            raise ValidationError(self.env._("“Change Note”: text is expected."))
        filename = re.sub(r"[\\/\x00-\x1f]", "_", filename.strip())[:200]
        doc = self.sudo()
        doc.category_id._check_filename(filename)
        data = self._decode(content_b64)
        versions = doc.version_ids
        if versions.filtered(lambda v: v.state in ("review", "approved")):
            raise UserError(
                self.env._(
                    "A version of “%s” is under review: wait for the reviewers or "
                    "cancel that version first.",
                    self.display_name,
                )
            )
        number = max(versions.mapped("version") or [0]) + 1
        category = doc.category_id
        category._setup_directory()
        dms_file = (
            self.env["dms.file"]
            .sudo()
            .create(
                {
                    "name": f"{doc.id}-v{number}-{filename}",
                    "directory_id": category.directory_id.id,
                    "content": base64.b64encode(data),
                }
            )
        )
        drafts = versions.filtered(lambda v: v.state == "draft")
        if drafts:
            drafts._bizreg_set_state("cancel")
        with trusted("engine"):
            version = self.env["bizreg.document.version"].create(
                {
                    "document_id": self.id,
                    "version": number,
                    "filename": filename,
                    "file_size": len(data),
                    "dms_file_id": dms_file.id,
                    "checksum": hashlib.sha256(data).hexdigest(),
                    "note": note or False,
                }
            )
        return version

    # ------------------------------------------------------------------
    # Actions
    # ------------------------------------------------------------------
    def action_upload_version(self):
        self.ensure_one()
        self.check_access("write")
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Upload New Version"),
            "res_model": "bizreg.document.upload",
            "view_mode": "form",
            "target": "new",
            "context": {"default_document_id": self.id},
        }

    def action_submit(self):
        """Submit the latest draft version for review."""
        self.ensure_one()
        draft = self.version_ids.filtered(lambda v: v.state == "draft")[:1]
        if not draft:
            raise UserError(
                self.env._("“%s” has no draft version: upload one first.", self.name)
            )
        return draft.action_submit()

    def action_view_versions(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "bizreg_document.bizreg_document_version_action"
        )
        action["domain"] = [("document_id", "=", self.id)]
        action["context"] = {"create": False}
        return action

    def action_view_acknowledgements(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "bizreg_document.bizreg_document_acknowledgement_action"
        )
        action["domain"] = [("document_id", "=", self.id)]
        action["context"] = {"create": False}
        return action

    def action_view_borrowings(self):
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Borrowings"),
            "res_model": "bizreg.document.borrowing",
            "view_mode": "list,form",
            "domain": [("document_id", "=", self.id)],
            "context": {"default_document_id": self.id},
        }

    def action_preview(self):
        """Open the current version in the browser (through the checked route)."""
        self.ensure_one()
        return self._current_version().action_preview()

    def action_download(self):
        """Download the current version (watermarked when confidential)."""
        self.ensure_one()
        return self._current_version().action_download()

    def _current_version(self):
        if not self.current_version_id:
            raise UserError(
                self.env._("“%s” has no published version yet.", self.display_name)
            )
        return self.current_version_id

    def action_borrow(self):
        """A borrowing request of this document, by the current user."""
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "bizreg_document.bizreg_document_borrowing_action_borrow"
        )
        action["context"] = {"default_document_id": self.id}
        return action

    def action_open_source(self):
        """The record of another module this entry registers."""
        self.ensure_one()
        if not self.res_model or self.res_model not in self.env:
            raise UserError(self.env._("This document has no source record."))
        source = self.env[self.res_model].browse(self.res_id).exists()
        if not source:
            raise UserError(self.env._("The source record no longer exists."))
        source.check_access("read")
        return {
            "type": "ir.actions.act_window",
            "res_model": self.res_model,
            "res_id": source.id,
            "view_mode": "form",
        }

    # ------------------------------------------------------------------
    # Borrowed out
    # ------------------------------------------------------------------
    def _compute_is_borrowed_out(self):
        out = self.env["bizreg.document.borrowing"]._borrowed_out_documents(self)
        for doc in self:
            doc.is_borrowed_out = doc in out

    def _search_is_borrowed_out(self, operator, value):
        if operator not in ("=", "!="):
            raise UserError(self.env._("Unsupported search on “Borrowed Out”."))
        domain = self.env["bizreg.document.borrowing"]._search_borrowed_out_domain()
        positive = (operator == "=") == bool(value)
        return domain if positive else ["!", *domain]

    # ------------------------------------------------------------------
    # Publication
    # ------------------------------------------------------------------
    def _publish(self, version):
        """``version`` (approved) becomes the document's current version:
        the previous one is superseded, the document published, and the
        readers asked to acknowledge it when the category requires it."""
        self.ensure_one()
        now = fields.Datetime.now()
        previous = self.version_ids.filtered(
            lambda v: v.state == "published" and v != version
        )
        with trusted("state"):
            previous.write({"state": "superseded"})
            version.write({"state": "published"})
        version._bizreg_engine_write({"date_published": now})
        self._bizreg_engine_write(
            {
                "state": "published",
                "current_version_id": version.id,
                "date_published": now,
            }
        )
        if self.category_id.require_acknowledgement:
            self.env["bizreg.document.acknowledgement"]._request(version)
        return True

    @api.model
    def _demo_documents(self):
        """Called by the demo data: see
        :func:`..document_demo_builder.document_flow`."""
        return document_flow(self.env)
