# Copyright 2026 bizreg
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError

CONFIDENTIALITY = [
    ("public", "Public"),
    ("internal", "Internal"),
    ("confidential", "Confidential"),
]


class BizregDocumentCategory(models.Model):
    """A category of the document register (文档类别): its numbering rule,
    format requirements, owner department, confidentiality and retention."""

    _name = "bizreg.document.category"
    _description = "Document Category"
    _inherit = ["mail.thread"]
    _order = "sequence, name, id"

    name = fields.Char(required=True, translate=True, tracking=True)
    code = fields.Char(required=True, tracking=True, help="Numbering code, e.g. POL.")
    sequence = fields.Integer(default=10)
    active = fields.Boolean(default=True)
    company_id = fields.Many2one(
        "res.company", default=lambda self: self.env.company, index=True
    )
    department_id = fields.Many2one(
        "hr.department", string="Owner Department", index=True, tracking=True
    )
    confidentiality = fields.Selection(
        CONFIDENTIALITY, default="internal", required=True, tracking=True
    )
    retention_years = fields.Integer(
        string="Retention (Years)", default=5, tracking=True
    )
    is_policy = fields.Boolean(
        string="Policy",
        tracking=True,
        help="Published versions are also reviewed by the Regulation Administrator.",
    )
    retention_action = fields.Selection(
        [("archive", "Archive"), ("destroy", "Destroy")],
        string="At End of Retention",
        default="archive",
        required=True,
        tracking=True,
        help="What the retention review proposes for a published document past "
        "its retention period (an archived one is proposed for destruction).",
    )
    res_model = fields.Char(
        string="Registered Model",
        help="Technical name of the model whose numbered records are "
        "registered in this category automatically.",
    )
    template_file = fields.Binary(
        string="Template",
        attachment=True,
        help="The prescribed template of the category's documents.",
    )
    template_filename = fields.Char(string="Template File Name")
    required_sections = fields.Text(
        help="The sections or fields every document of the category must "
        "contain; shown to the authors when they upload a version.",
    )
    allowed_extensions = fields.Char(
        string="Allowed File Types",
        help="Comma-separated file extensions accepted for uploads, e.g. "
        "pdf,docx. Empty: any type.",
    )
    require_acknowledgement = fields.Boolean(
        tracking=True,
        help="Readers are asked to acknowledge each published version.",
    )
    acknowledgement_department_ids = fields.Many2many(
        "hr.department",
        "bizreg_document_category_ack_department_rel",
        "category_id",
        "department_id",
        string="Acknowledged By",
        help="Departments whose employees acknowledge each published version "
        "(with their sub-departments). Empty: the owner department.",
    )
    numbering_rule_id = fields.Many2one(
        "bizreg.numbering.rule",
        readonly=True,
        copy=False,
        ondelete="set null",
        help="The category's own numbering rule, created with the category.",
    )
    directory_id = fields.Many2one(
        "dms.directory",
        string="Storage Directory",
        readonly=True,
        copy=False,
        ondelete="restrict",
        help="Where the files of the category's documents are kept (OCA DMS, "
        "readable through the document register only).",
    )
    document_ids = fields.One2many("bizreg.document", "category_id")
    document_count = fields.Integer(
        string="Documents", compute="_compute_document_count"
    )

    _sql_constraints = [
        (
            "code_company_uniq",
            "unique(code, company_id)",
            "The category code must be unique per company.",
        ),
    ]

    # ------------------------------------------------------------------
    # Constraints and computes
    # ------------------------------------------------------------------
    @api.constrains("code")
    def _check_code(self):
        for category in self:
            code = category.code or ""
            if not code.strip() or any(ch.isspace() for ch in code) or "/" in code:
                raise ValidationError(
                    self.env._(
                        "“Code”: “%s” is not a valid numbering code (no spaces or "
                        "slashes).",
                        code,
                    )
                )

    @api.constrains("retention_years")
    def _check_retention_years(self):
        for category in self:
            if category.retention_years < 0:
                raise ValidationError(
                    self.env._("“Retention (Years)” cannot be negative.")
                )

    @api.constrains("allowed_extensions")
    def _check_allowed_extensions(self):
        for category in self:
            for ext in category._extensions():
                if not ext.isalnum():
                    raise ValidationError(
                        self.env._(
                            "“Allowed File Types”: “%s” is not a file extension; "
                            "list them separated by commas, e.g. pdf,docx.",
                            ext,
                        )
                    )

    def _compute_document_count(self):
        counts = dict(
            self.env["bizreg.document"]._read_group(
                [("category_id", "in", self.ids)], ["category_id"], ["__count"]
            )
        )
        for category in self:
            category.document_count = counts.get(category, 0)

    def _extensions(self):
        """The allowed extensions, lower case, without dots."""
        self.ensure_one()
        return [
            ext.strip().lower().lstrip(".")
            for ext in (self.allowed_extensions or "").split(",")
            if ext.strip()
        ]

    def _check_filename(self, filename):
        """Refuse a file whose extension the category does not accept."""
        self.ensure_one()
        allowed = self._extensions()
        ext = filename.rsplit(".", 1)[1].lower() if "." in filename else ""
        if allowed and ext not in allowed:
            raise ValidationError(
                self.env._(
                    "“File”: category “%(category)s” accepts only %(types)s files "
                    "(got “%(name)s”).",
                    category=self.name,
                    types=", ".join(allowed),
                    name=filename,
                )
            )

    # ------------------------------------------------------------------
    # CRUD
    # ------------------------------------------------------------------
    @api.model_create_multi
    def create(self, vals_list):
        categories = super().create(vals_list)
        categories._setup_numbering()
        categories._setup_directory()
        return categories

    def write(self, vals):
        res = super().write(vals)
        if "code" in vals or "name" in vals:
            for category in self.filtered("numbering_rule_id"):
                category.numbering_rule_id.sudo().write(
                    {"code": category.code, "name": category.name}
                )
        if "res_model" in vals:
            self.filtered(lambda c: not c.res_model)._setup_numbering()
            # the records of that model numbered so far join the register
            self.env["bizreg.numbering.mixin"]._bizreg_register_existing()
        return res

    @api.ondelete(at_uninstall=False)
    def _unlink_except_documents(self):
        if self.sudo().document_ids:
            raise UserError(
                self.env._(
                    "A category with documents cannot be deleted: archive it instead."
                )
            )

    # ------------------------------------------------------------------
    # Numbering rule and storage directory
    # ------------------------------------------------------------------
    def _numbering_key(self):
        self.ensure_one()
        return "category_%d" % self.id

    def _setup_numbering(self):
        """The category's own rule ``{code}-{dept}-{year}-{seq}`` for its
        documents; registered categories (res_model) keep the source's
        number and get none."""
        Rule = self.env["bizreg.numbering.rule"].sudo()
        model = self.env["ir.model"]._get("bizreg.document")
        for category in self.filtered(
            lambda c: not c.res_model and not c.numbering_rule_id
        ):
            company = category.company_id or self.env.company
            key = category._numbering_key()
            rule = Rule.search(
                [
                    ("model_id", "=", model.id),
                    ("category_key", "=", key),
                    ("company_id", "=", company.id),
                ],
                limit=1,
            ) or Rule.create(
                {
                    "name": category.name,
                    "code": category.code,
                    "model_id": model.id,
                    "category_key": key,
                    "pattern": "{code}-{dept}-{year}-{seq}",
                    "padding": 4,
                    "reset_period": "year",
                    "company_id": company.id,
                }
            )
            category._bizreg_engine_write({"numbering_rule_id": rule.id})

    @api.model
    def _root_directory(self):
        """The root directory of the bizreg storage (created if missing)."""
        root = self.env.ref(
            "bizreg_document.dms_directory_controlled_documents",
            raise_if_not_found=False,
        )
        if root:
            return root.sudo()
        storage = self.env.ref(
            "bizreg_document.dms_storage_controlled_documents",
            raise_if_not_found=False,
        ) or self.env["dms.storage"].sudo().create(
            {"name": "Controlled Documents", "save_type": "file", "company_id": False}
        )
        return (
            self.env["dms.directory"]
            .sudo()
            .create(
                {
                    "name": "Controlled Documents",
                    "is_root_directory": True,
                    "storage_id": storage.id,
                }
            )
        )

    def _setup_directory(self):
        """One directory per category, in the bizreg storage that no dms
        access group opens: files are read through the register only."""
        todo = self.filtered(lambda c: not c.directory_id)
        if not todo:
            return
        root = self._root_directory()
        Directory = self.env["dms.directory"].sudo()
        for category in todo:
            directory = Directory.create(
                {"name": f"{category.code}-{category.id}", "parent_id": root.id}
            )
            category._bizreg_engine_write({"directory_id": directory.id})

    # ------------------------------------------------------------------
    # Actions
    # ------------------------------------------------------------------
    def action_view_documents(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "bizreg_document.bizreg_document_action"
        )
        action["domain"] = [("category_id", "=", self.id)]
        action["context"] = {"default_category_id": self.id}
        return action
