# Copyright 2026 bizreg
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

import base64
import io

from odoo import api, fields, models
from odoo.exceptions import AccessError, MissingError, UserError
from odoo.http import request
from odoo.tools import pdf

from odoo.addons.bizreg_base.tools import is_trusted, trusted

CONTROLLER_GROUP = "bizreg_document.group_bizreg_document_manager"
# the versions anyone who reads the document may open
READABLE_STATES = ("published", "superseded")


class BizregDocumentAccessLog(models.Model):
    """One view or download of a confidential document: written by the
    server only, never edited or deleted."""

    _name = "bizreg.document.access.log"
    _description = "Document Access Log"
    _order = "id desc"
    _rec_name = "document_id"

    document_id = fields.Many2one(
        "bizreg.document", required=True, readonly=True, index=True, ondelete="restrict"
    )
    version_id = fields.Many2one(
        "bizreg.document.version", readonly=True, ondelete="restrict"
    )
    user_id = fields.Many2one("res.users", required=True, readonly=True, index=True)
    action = fields.Selection(
        [("view", "View"), ("download", "Download")], required=True, readonly=True
    )
    company_id = fields.Many2one(
        related="document_id.company_id", store=True, index=True
    )
    document_department_id = fields.Many2one(
        related="document_id.department_id",
        string="Owner Department",
        store=True,
        index=True,
    )
    ip_address = fields.Char(string="IP Address", readonly=True)
    date = fields.Datetime(related="create_date", string="Date")

    # ------------------------------------------------------------------
    # Immutable: written by the server only
    # ------------------------------------------------------------------
    @api.model_create_multi
    def create(self, vals_list):
        if not is_trusted("access_log"):
            raise AccessError(
                self.env._(
                    "The document access log is written by the application only."
                )
            )
        return super().create(vals_list)

    def write(self, vals):
        if vals:
            raise AccessError(
                self.env._("The document access log cannot be changed or deleted.")
            )
        return super().write(vals)

    def unlink(self):
        if self:
            raise AccessError(
                self.env._("The document access log cannot be changed or deleted.")
            )
        return super().unlink()

    def copy(self, default=None):
        if self:
            raise AccessError(
                self.env._(
                    "The document access log is written by the application only."
                )
            )
        return super().copy(default)

    # ------------------------------------------------------------------
    # Serving a version's file
    # ------------------------------------------------------------------
    @api.model
    def _may_review(self, version, user):
        """Who opens a version that is not published: its author, its
        reviewers, the owning department's manager and the controller."""
        version = version.sudo()
        document = version.document_id
        return bool(
            user.has_group(CONTROLLER_GROUP)
            or user in (version.user_id | version.create_uid)
            or user in version.review_ids.reviewer_ids
            or user == document.department_id.manager_id.user_id
        )

    @api.model
    def _is_owner(self, document, user):
        """The document's owner side: its responsible, the members of its
        owning department, the controller (not a borrower)."""
        document = document.sudo()
        if user.has_group(CONTROLLER_GROUP) or user == document.user_id:
            return True
        department = document.department_id
        mine = user.sudo().bizreg_department_ids
        return bool(
            department
            and mine
            and self.env["hr.department"]
            .sudo()
            .search_count(
                [("id", "=", department.id), ("id", "child_of", mine.ids)], limit=1
            )
        )

    @api.model
    def _serve(self, version, mode):
        """The content of ``version`` for the current user: ``(bytes,
        filename, mimetype)``.  The version is read as the user (record
        rules decide); a lapsed electronic grant is expired first; the file is
        read as the engine; a confidential document's access is logged and
        its PDF stamped with the user's name and the date."""
        if mode not in ("download", "preview"):
            raise UserError(self.env._("Unknown mode: download or preview."))
        user = self.env.user
        Version = self.env["bizreg.document.version"]
        if isinstance(version, int):
            version = Version.browse(version)
        engine_version = version.sudo().exists()
        if not engine_version:
            raise MissingError(self.env._("This document version does not exist."))
        document = engine_version.document_id
        # the grant ends at its return date, even before the cron ran
        if self.env["bizreg.document.borrowing"]._expire_for(document, user):
            self.env.flush_all()
        version = version.with_user(user)
        version.check_access("read")
        version.document_id.check_access("read")
        if engine_version.state not in READABLE_STATES and not self._may_review(
            engine_version, user
        ):
            raise AccessError(
                self.env._(
                    "This version of “%s” is not published.", document.display_name
                )
            )
        dms_file = engine_version.dms_file_id
        if not dms_file:
            raise UserError(
                self.env._("This version of “%s” has no file.", document.display_name)
            )
        content = base64.b64decode(dms_file.content or b"")
        mimetype = dms_file.mimetype or "application/octet-stream"
        filename = dms_file.name or f"{document.display_name}"
        if document.confidentiality == "confidential":
            if mimetype != "application/pdf":
                if not self._is_owner(document, user):
                    raise UserError(
                        self.env._(
                            "Only PDF copies of confidential documents can be lent."
                        )
                    )
            else:
                content = self._watermark(content, self._watermark_text(user))
            self._log(engine_version, "view" if mode == "preview" else "download")
        return content, filename, mimetype

    @api.model
    def _log(self, version, action):
        ip_address = False
        if request and getattr(request, "httprequest", None):
            ip_address = request.httprequest.remote_addr
        with trusted("access_log"):
            return self.sudo().create(
                {
                    "document_id": version.document_id.id,
                    "version_id": version.id,
                    "user_id": self.env.uid,
                    "action": action,
                    "ip_address": ip_address,
                }
            )

    @api.model
    def _watermark_text(self, user):
        now = fields.Datetime.context_timestamp(
            self.with_context(tz=user.tz or self.env.company.partner_id.tz or "UTC"),
            fields.Datetime.now(),
        )
        return f"{user.name} · {now:%Y-%m-%d %H:%M}"

    @api.model
    def _watermark(self, content, text):
        """Stamp ``text`` across every page of the PDF ``content`` (a
        reportlab overlay merged into each page, as Odoo's report code
        does)."""
        from reportlab.lib import colors
        from reportlab.pdfbase import pdfmetrics
        from reportlab.pdfbase.cidfonts import UnicodeCIDFont
        from reportlab.pdfgen import canvas

        try:
            text.encode("latin-1")
            font = "Helvetica"
        except UnicodeEncodeError:
            font = "STSong-Light"
            if font not in pdfmetrics.getRegisteredFontNames():
                pdfmetrics.registerFont(UnicodeCIDFont(font))
        try:
            reader = pdf.PdfFileReader(io.BytesIO(content), strict=False)
            pages = list(reader.pages)
        except Exception as error:
            raise UserError(
                self.env._("The file of this document is not a readable PDF.")
            ) from error
        packet = io.BytesIO()
        can = canvas.Canvas(packet)
        for page in pages:
            width = float(abs(page.mediabox.width))
            height = float(abs(page.mediabox.height))
            can.setPageSize((width, height))
            can.saveState()
            can.setFillColor(colors.Color(0.6, 0.6, 0.6, alpha=0.35))
            can.setFont(font, 28)
            can.translate(width / 2, height / 2)
            can.rotate(35)
            can.drawCentredString(0, 0, text)
            can.restoreState()
            can.setFillColor(colors.Color(0.4, 0.4, 0.4, alpha=0.8))
            can.setFont(font, 8)
            can.drawString(20, 12, text)
            can.showPage()
        can.save()
        overlay = pdf.PdfFileReader(io.BytesIO(packet.getvalue()), strict=False)
        writer = pdf.PdfFileWriter()
        for index, page in enumerate(pages):
            if "/Annots" in page:
                del page["/Annots"]
            page.merge_page(overlay.pages[index])
            writer.add_page(page)
        output = io.BytesIO()
        writer.write(output)
        return output.getvalue()
