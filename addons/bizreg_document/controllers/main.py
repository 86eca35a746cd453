# Copyright 2026 bizreg
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

import logging

from werkzeug.exceptions import NotFound

from odoo import http
from odoo.exceptions import AccessError, MissingError, UserError
from odoo.http import content_disposition, request

_logger = logging.getLogger(__name__)


class BizregDocumentController(http.Controller):
    """The one route that serves the files of the document register: the
    checks, the access log and the watermark are
    ``bizreg.document.access.log._serve``'s."""

    @http.route(
        "/bizreg_document/version/<int:version_id>/<string:mode>",
        type="http",
        auth="user",
        methods=["GET"],
    )
    def bizreg_document_version_content(self, version_id, mode, **kwargs):
        if mode not in ("download", "preview"):
            raise NotFound()
        Log = request.env["bizreg.document.access.log"]
        try:
            content, filename, mimetype = Log._serve(version_id, mode)
        except MissingError as error:
            # a grant expired here is kept: answer without raising
            return request.make_response(str(error), status=404)
        except (AccessError, UserError) as error:
            _logger.info(
                "Document version %s refused to user %s: %s",
                version_id,
                request.env.uid,
                error,
            )
            return request.make_response(
                str(error),
                headers=[("Content-Type", "text/plain; charset=utf-8")],
                status=403,
            )
        disposition = "inline" if mode == "preview" else "attachment"
        return request.make_response(
            content,
            headers=[
                ("Content-Type", mimetype),
                ("Content-Length", str(len(content))),
                ("Content-Disposition", content_disposition(filename, disposition)),
                ("Cache-Control", "no-store"),
                ("X-Content-Type-Options", "nosniff"),
            ],
        )
