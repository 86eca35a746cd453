# Copyright 2026 bizreg
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

import base64
import hashlib
from datetime import timedelta

from odoo import fields

from odoo.addons.bizreg_base.tools import trusted

from .common import PDF, DocumentCommon


class DisposalCommon(DocumentCommon):
    """Documents of the register published long ago (past their retention)
    or recently, with versions kept as DMS files."""

    @classmethod
    def _disposal_setup(cls):
        cls._document_setup()
        cls.Disposal = cls.env["bizreg.document.disposal"]
        # the Director group of the test database may hold demo users: the
        # destruction step of the Director is approved by ours
        cls.director_group = cls.env.ref("bizreg_base.group_bizreg_director")

    @classmethod
    def _aged_document(cls, category, title, age_days, versions=2, state="published"):
        """A document published ``age_days`` ago with ``versions`` versions
        (the last one current, the others superseded), numbered."""
        env = cls.env
        with trusted("engine", "state", "number"):
            doc = (
                env["bizreg.document"]
                .sudo()
                .create(
                    {
                        "name": title,
                        "category_id": category.id,
                        "user_id": cls.author.id,
                    }
                )
            )
            current = env["bizreg.document.version"]
            for number in range(1, versions + 1):
                data = PDF + b"%% " + title.encode() + b" v%d\n" % number
                dms_file = (
                    env["dms.file"]
                    .sudo()
                    .create(
                        {
                            "name": f"{doc.id}-v{number}-{title}.pdf",
                            "directory_id": category.directory_id.id,
                            "content": base64.b64encode(data),
                        }
                    )
                )
                current = (
                    env["bizreg.document.version"]
                    .sudo()
                    .create(
                        {
                            "document_id": doc.id,
                            "version": number,
                            "filename": f"{title} v{number}.pdf",
                            "dms_file_id": dms_file.id,
                            "checksum": hashlib.sha256(data).hexdigest(),
                            "state": "published"
                            if number == versions
                            else "superseded",
                        }
                    )
                )
            doc.sudo()._bizreg_assign_number()
            doc.sudo()._bizreg_engine_write(
                {
                    "state": state,
                    "current_version_id": current.id,
                    "date_published": fields.Datetime.now() - timedelta(days=age_days),
                }
            )
        return doc

    def _proposal(self, document):
        return self.Disposal.sudo().search(
            [("document_id", "=", document.id), ("state", "!=", "cancel")]
        )

    def _approve(self, disposal, user):
        disposal.with_user(user).validate_tier()
        disposal.invalidate_recordset()
