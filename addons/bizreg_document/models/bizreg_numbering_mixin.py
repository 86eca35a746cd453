# Copyright 2026 bizreg
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

from markupsafe import Markup

from odoo import api, fields, models

from odoo.addons.bizreg_base.tools import trusted


class BizregNumberingMixin(models.AbstractModel):
    """One register: a numbered record of any model gets its entry in the
    document register when it gets its number, if an active document
    category registers that model (``res_model``); when its number is voided
    (cancelled, deleted), the entry is archived with a note.  The entry of an
    approvable record (``bizreg.approval.mixin``) is a draft until its
    approval: minutes numbered at their submission are published when the
    chair approves them (see ``bizreg_approval_mixin.py``)."""

    _inherit = "bizreg.numbering.mixin"

    def _bizreg_assign_number(self):
        res = super()._bizreg_assign_number()
        self._bizreg_register_documents()
        return res

    def _bizreg_void_number(self, reason=False):
        voids = super()._bizreg_void_number(reason)
        self._bizreg_archive_registered(reason)
        return voids

    # ------------------------------------------------------------------
    def _bizreg_registered_value(self, names, comodel):
        """The value of the first field of ``names`` that the record has and
        that points to ``comodel``."""
        self.ensure_one()
        for name in names:
            field = self._fields.get(name)
            if field and field.type == "many2one" and field.comodel_name == comodel:
                value = self[name]
                if value:
                    return value
        return self.env[comodel]

    def _bizreg_registered_in_force(self):
        """Whether the register entry of the record is published: a record
        that is approved (``bizreg.approval.mixin``) only once its approved
        terms are recorded, any other numbered record at once."""
        self.ensure_one()
        return "bizreg_approved_digest" not in self._fields or bool(
            self.bizreg_approved_digest
        )

    def _bizreg_register_documents(self):
        """Create the register entries of the numbered records of ``self``
        (one category search and one entry search per batch)."""
        Document = self.env["bizreg.document"].sudo()
        records = self.filtered("bizreg_number")
        if not records or self._name == "bizreg.document":
            return Document
        categories = (
            self.env["bizreg.document.category"]
            .sudo()
            .search([("res_model", "=", self._name), ("active", "=", True)])
        )
        if not categories:
            return Document
        registered = set(
            Document.with_context(active_test=False)
            .search([("res_model", "=", self._name), ("res_id", "in", records.ids)])
            .mapped("res_id")
        )
        now = fields.Datetime.now()
        vals_list = []
        for rec in records.sudo():
            if rec.id in registered:
                continue
            company = (
                rec.company_id
                if "company_id" in rec._fields and rec.company_id
                else self.env.company
            )
            same = categories.filtered(lambda c, co=company: c.company_id == co)
            category = same[:1] or categories.filtered(lambda c: not c.company_id)[:1]
            if not category:
                continue
            department_field = getattr(rec, "_bizreg_department_field", None)
            department = rec._bizreg_registered_value(
                [department_field, "department_id", "bizreg_department_id"],
                "hr.department",
            )
            owner = (
                rec._bizreg_registered_value(["user_id", "bizreg_user_id"], "res.users")
                or rec.create_uid
            )
            vals = {
                "name": rec.display_name or rec.bizreg_number,
                "category_id": category.id,
                "bizreg_number": rec.bizreg_number,
                "res_model": rec._name,
                "res_id": rec.id,
                "user_id": owner.id,
                "company_id": company.id,
                "confidentiality": category.confidentiality,
            }
            if rec._bizreg_registered_in_force():
                vals.update(state="published", date_published=now)
            if department:
                vals["department_id"] = department.id
            vals_list.append(vals)
        if not vals_list:
            return Document
        # on the confirmation path of every numbered document (e.g. a sales
        # contract): no creation message, no tracking, no follower
        quiet = Document.with_context(
            tracking_disable=True, mail_create_nolog=True, mail_create_nosubscribe=True
        )
        with trusted("number", "state", "engine", "register"):
            return quiet.create(vals_list)

    @api.model
    def _bizreg_register_existing(self, batch=500):
        """Register the records numbered before their category existed (e.g.
        those of modules installed before this one): called once on install;
        the cancelled ones are registered archived."""
        categories = (
            self.env["bizreg.document.category"]
            .sudo()
            .search([("res_model", "!=", False), ("active", "=", True)])
        )
        count = 0
        for model_name in set(categories.mapped("res_model")):
            if model_name not in self.env or model_name == "bizreg.document":
                continue
            Model = self.env[model_name].sudo().with_context(active_test=False)
            if "bizreg_number" not in Model._fields:
                continue
            last_id = 0
            while True:
                records = Model.search(
                    [("bizreg_number", "!=", False), ("id", ">", last_id)],
                    order="id",
                    limit=batch,
                )
                if not records:
                    break
                last_id = records[-1].id
                count += len(records._bizreg_register_documents())
                state_field = records._bizreg_numbering_state_field()
                if state_field:
                    records.filtered(
                        lambda r, f=state_field: r[f] in r._bizreg_void_states
                    )._bizreg_archive_registered()
        return count

    def _bizreg_move_registered(self, states, vals):
        """Write ``vals`` (a new state) on the register entries of ``self``
        that are in ``states``; one search, and nothing for a model that is
        not numbered.  Returns the entries moved."""
        Document = self.env["bizreg.document"].sudo()
        if not self.ids or self._name == "bizreg.document":
            return Document
        entries = Document.search(
            [
                ("res_model", "=", self._name),
                ("res_id", "in", self.ids),
                ("state", "in", list(states)),
            ]
        )
        if entries:
            with trusted("state", "engine"):
                entries._bizreg_engine_write(vals)
        return entries

    def _bizreg_archive_registered(self, reason=False):
        """The register entries of ended records are archived, with a note."""
        entries = self._bizreg_move_registered(
            ("draft", "published"), {"state": "archived"}
        )
        for entry in entries:
            entry.message_post(
                body=Markup("<p>%s</p>")
                % self.env._(
                    "The source document was cancelled: its number %(number)s is "
                    "voided%(reason)s. The register entry is archived.",
                    number=entry.bizreg_number or "",
                    reason=(" (%s)" % reason) if reason else "",
                ),
                subtype_xmlid="mail.mt_note",
            )
        return entries
