# Copyright 2026 bizreg
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Amendments: contract change control after the guarded action.

Once a document went past its guarded action (a confirmed contract), its
approved terms cannot change, except through an amendment: the requester
opens one on the document (Amend), edits the document itself while the
amendment is a draft, and submits it for review.  On final approval the
document's approved-terms digest becomes the new terms and the change is
posted on the document with its differences; rejected or withdrawn, the
document keeps the old digest, so its guarded downstream actions (invoicing)
stay refused until the terms are put back.  Every approvable document
(``bizreg.approval.mixin``) gets it.
"""

import json

from markupsafe import Markup, escape

from odoo import api, fields, models
from odoo.exceptions import UserError
from odoo.tools import SQL

from ..tools import is_trusted, trusted

OPEN_STATES = ("draft", "to_review")


class BizregAmendment(models.Model):
    _name = "bizreg.amendment"
    _description = "Amendment"
    _inherit = ["bizreg.approval.mixin", "mail.thread", "mail.activity.mixin"]
    _order = "id desc"
    _state_from = ["draft", "to_review"]
    _state_to = ["approved"]
    _cancel_state = "withdrawn"
    _bizreg_owner_field = "requested_by"
    _bizreg_amendable = False

    name = fields.Char(string="Amendment No.", readonly=True, copy=False)
    sequence = fields.Integer(readonly=True, copy=False)
    res_model = fields.Char(
        string="Document Model", required=True, readonly=True, index=True
    )
    res_id = fields.Many2oneReference(
        string="Document ID",
        model_field="res_model",
        required=True,
        readonly=True,
        index=True,
    )
    record_name = fields.Char(string="Document", readonly=True)
    document_ref = fields.Reference(
        selection="_selection_document_ref",
        string="Document Reference",
        compute="_compute_document_ref",
    )
    company_id = fields.Many2one("res.company", readonly=True, index=True)
    requested_by = fields.Many2one(
        "res.users",
        readonly=True,
        index=True,
        default=lambda self: self.env.user,
    )
    reason = fields.Text(
        tracking=True,
        help="Why the approved terms must change (what the customer asked, "
        "what changed on our side).",
    )
    state = fields.Selection(
        [
            ("draft", "Draft"),
            ("to_review", "Under review"),
            ("approved", "Approved"),
            ("rejected", "Rejected"),
            ("withdrawn", "Withdrawn"),
        ],
        default="draft",
        required=True,
        readonly=True,
        tracking=True,
        index=True,
    )
    digest_before = fields.Char(string="Approved Digest Before", readonly=True)
    digest_submitted = fields.Char(string="Submitted Digest", readonly=True)
    terms_before = fields.Text(
        readonly=True,
        help="The approved terms when the amendment was opened (JSON).",
    )
    terms_after = fields.Text(
        readonly=True,
        help="The terms approved by the amendment (JSON).",
    )
    decision_date = fields.Datetime(string="Decided On", readonly=True)
    amount = fields.Float(
        string="Document Amount",
        readonly=True,
        digits="Account",
        help="The document's amount in the company currency with the amended "
        "terms, as submitted: approval rules may add steps above an amount.",
    )
    manager_id = fields.Many2one(
        "res.users",
        string="Document Manager",
        readonly=True,
        index=True,
        help="Who approves changes of the document for its owner (e.g. the "
        "department manager of an agreement's responsible), as submitted: "
        "approval rules may name him as reviewer.",
    )
    diff_text = fields.Text(
        string="Changes",
        compute="_compute_diff_text",
        help="What the amendment changes: field, old value → new value.",
    )

    _sql_constraints = [
        (
            "document_sequence_unique",
            "unique(res_model, res_id, sequence)",
            "An amendment number is given once per document.",
        )
    ]

    # ------------------------------------------------------------------
    # Document
    # ------------------------------------------------------------------
    @api.model
    def _selection_document_ref(self):
        models_ = self.env["ir.model"].sudo().search([])
        return [
            (m.model, m.name)
            for m in models_
            if m.model in self.env
            and "bizreg_approved_digest" in self.env[m.model]._fields
        ]

    @api.depends("res_model", "res_id")
    def _compute_document_ref(self):
        for rec in self:
            rec.document_ref = (
                f"{rec.res_model},{rec.res_id}"
                if rec.res_model in self.env and rec.res_id
                else False
            )

    def _compute_display_name(self):
        for rec in self:
            rec.display_name = (
                f"{rec.record_name} {rec.name}" if rec.record_name else rec.name or ""
            )

    def _document(self):
        self.ensure_one()
        return self.env[self.res_model].browse(self.res_id)

    def _bizreg_owner_users(self):
        """The requester and whom the document belongs to never approve it."""
        users = self.mapped("requested_by")
        for rec in self:
            if rec.res_model in self.env:
                users |= rec._document().sudo()._bizreg_owner_users()
        return users

    # ------------------------------------------------------------------
    # Access: who can read the document reads its amendments; who can
    # change the document opens and submits them; reviewers read theirs.
    # ------------------------------------------------------------------
    def _bizreg_allowed_ids(self, operation):
        """Ids of ``self`` on whose document the user may ``operation``."""
        by_model = {}
        for rec in self.sudo():
            by_model.setdefault(rec.res_model, {}).setdefault(rec.res_id, []).append(
                rec.id
            )
        allowed = set()
        for model, targets in by_model.items():
            if model not in self.env:
                continue
            documents = self.env[model].browse(list(targets)).exists()
            if not documents.browse().has_access(operation):
                continue
            for document in documents._filtered_access(operation):
                allowed.update(targets[document.id])
        if operation == "read":
            reviewing = self.sudo().filtered(
                lambda r: self.env.user in r.review_ids.reviewer_ids
            )
            allowed.update(reviewing.ids)
        return allowed

    def _check_access(self, operation):
        result = super()._check_access(operation)
        if result or not self._ids or self.env.su:
            return result
        doc_operation = "read" if operation == "read" else "write"
        allowed = self._bizreg_allowed_ids(doc_operation)
        forbidden = self.filtered(lambda r: r.id not in allowed)
        if forbidden:
            return forbidden, lambda: self.env["ir.rule"]._make_access_error(
                operation, forbidden
            )
        return None

    @api.model
    def _search(self, domain, offset=0, limit=None, order=None):
        if self.env.su:
            return super()._search(domain, offset, limit, order)
        query = super()._search(domain, 0, None, order)
        ids = list(query)
        allowed = self.browse(ids)._bizreg_allowed_ids("read")
        ids = [id_ for id_ in ids if id_ in allowed]
        ids = ids[offset : offset + limit] if limit else ids[offset:]
        return self.browse(ids)._as_query(ordered=True)

    # ------------------------------------------------------------------
    # Engine configuration
    # ------------------------------------------------------------------
    @api.model
    def _bizreg_engine_fields(self):
        return super()._bizreg_engine_fields() + [
            "state",
            "manager_id",
            "digest_submitted",
            "terms_after",
            "decision_date",
        ]

    def _get_to_validate_message_name(self):
        return self.env._("Amendment")

    @api.model_create_multi
    def create(self, vals_list):
        if not self.env.su and not is_trusted("engine"):
            raise UserError(
                self.env._(
                    "An amendment is opened with the “Amend” button of the "
                    "approved document."
                )
            )
        return super().create(vals_list)

    def write(self, vals):
        if "reason" in vals and any(rec.state != "draft" for rec in self):
            raise UserError(
                self.env._(
                    "The “Reason” of an amendment changes only while it is a draft."
                )
            )
        return super().write(vals)

    def unlink(self):
        if not self.env.su:
            raise UserError(
                self.env._(
                    "Amendments are the history of the document: withdraw one "
                    "instead of deleting it."
                )
            )
        return super().unlink()

    # ------------------------------------------------------------------
    # Opening (called by the document's Amend button)
    # ------------------------------------------------------------------
    @api.model
    def _bizreg_open_for(self, document):
        """The open amendment of ``document``, or a new draft one."""
        document.ensure_one()
        document.check_access("write")
        # one open amendment per document, numbers in order: serialise
        self.env.cr.execute(
            SQL(
                "SELECT id FROM %s WHERE id = %s FOR UPDATE",
                SQL.identifier(document._table),
                document.id,
            )
        )
        Amendment = self.sudo()
        domain = [("res_model", "=", document._name), ("res_id", "=", document.id)]
        current = Amendment.search(domain + [("state", "in", OPEN_STATES)], limit=1)
        if current:
            return self.browse(current.id)
        company = document.company_id if "company_id" in document._fields else False
        if not self._bizreg_rule_applies(document, company or self.env.company):
            raise UserError(
                self.env._(
                    "No approval rule applies to amendments of “%s”: ask the "
                    "Regulation Administrator to configure one.",
                    document.display_name,
                )
            )
        last = Amendment.search(domain, order="sequence desc", limit=1)
        sequence = (last.sequence or 0) + 1
        digest = document.bizreg_approved_digest
        with trusted("engine"):
            amendment = self.create(
                {
                    "res_model": document._name,
                    "res_id": document.id,
                    "record_name": document.display_name,
                    "sequence": sequence,
                    "name": f"A{sequence}",
                    "company_id": (company or self.env.company).id,
                    "requested_by": self.env.uid,
                    "digest_before": digest,
                    "terms_before": json.dumps(
                        document._bizreg_approved_snapshot(), ensure_ascii=False
                    ),
                }
            )
        return amendment

    @api.model
    def _bizreg_rule_applies(self, document, company):
        """Whether an approval rule reviews amendments of ``document``."""
        probe = self.sudo().new(
            {
                "res_model": document._name,
                "res_id": document.id,
                "company_id": company.id,
            }
        )
        definitions = (
            self.env["tier.definition"]
            .sudo()
            .search(
                [
                    ("model", "=", self._name),
                    ("company_id", "in", [False, company.id]),
                ]
            )
        )
        return any(probe.evaluate_tier(td) for td in definitions)

    # ------------------------------------------------------------------
    # Actions
    # ------------------------------------------------------------------
    def _bizreg_check_requester(self):
        self.check_access("write")
        for rec in self:
            rec._document().check_access("write")

    def action_submit(self):
        self._bizreg_check_requester()
        for rec in self:
            if rec.state != "draft":
                raise UserError(self.env._("Only a draft amendment can be submitted."))
            if not (rec.reason or "").strip():
                raise UserError(
                    self.env._("Give the “Reason” of the amendment before submitting.")
                )
            document = rec._document().sudo()
            if document.bizreg_approved_digest != rec.digest_before:
                raise UserError(
                    self.env._(
                        "The approved terms of “%s” changed since the amendment was "
                        "opened: withdraw it and open a new one.",
                        rec.record_name,
                    )
                )
            digest = document._bizreg_terms_digest()
            if digest == rec.digest_before:
                raise UserError(
                    self.env._(
                        "“%s” has no change to review: change the document's terms "
                        "first, or withdraw the amendment.",
                        rec.display_name,
                    )
                )
            rec._bizreg_engine_write(
                {
                    "amount": document._bizreg_amendment_amount(),
                    "manager_id": document._bizreg_amendment_manager().id,
                }
            )
            rec.invalidate_recordset(["need_validation"])
            if not rec.need_validation:
                raise UserError(
                    self.env._(
                        "No approval rule applies to amendments of “%s”: ask the "
                        "Regulation Administrator to configure one.",
                        rec.record_name,
                    )
                )
            rec._bizreg_engine_write(
                {
                    "digest_submitted": digest,
                    "terms_after": json.dumps(
                        document._bizreg_terms_snapshot(), ensure_ascii=False
                    ),
                }
            )
        self.request_validation()
        self._bizreg_set_state("to_review")
        return True

    def action_withdraw(self):
        self._bizreg_check_requester()
        for rec in self:
            if rec.state not in OPEN_STATES:
                raise UserError(self.env._("Only an open amendment can be withdrawn."))
        self.filtered("review_ids").restart_validation()
        with trusted("engine"):
            self._bizreg_set_state("withdrawn")
            self._bizreg_engine_write({"decision_date": fields.Datetime.now()})
        for rec in self:
            rec._bizreg_post_on_document(
                self.env._("Amendment %s withdrawn: the approved terms stay.", rec.name)
            )
        return True

    def _bizreg_form_action(self):
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Amendment"),
            "res_model": self._name,
            "res_id": self.id,
            "view_mode": "form",
            "target": "current",
        }

    def action_open_document(self):
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "res_model": self.res_model,
            "res_id": self.res_id,
            "view_mode": "form",
        }

    # ------------------------------------------------------------------
    # Engine hooks: final approval and rejection
    # ------------------------------------------------------------------
    def _bizreg_store_approved_digest(self):
        res = super()._bizreg_store_approved_digest()
        self.filtered(lambda r: r.state == "to_review")._bizreg_apply()
        return res

    def _bizreg_apply(self):
        """The amendment is approved: its terms become the document's."""
        now = fields.Datetime.now()
        for rec in self.sudo():
            document = rec._document()
            digest = document._bizreg_terms_digest()
            if digest != rec.digest_submitted:
                raise UserError(
                    self.env._(
                        "The terms of “%s” differ from those submitted with the "
                        "amendment: it cannot be approved.",
                        rec.record_name,
                    )
                )
            document._bizreg_engine_write({"bizreg_approved_digest": digest})
            with trusted("engine"):
                rec._bizreg_set_state("approved")
                rec._bizreg_engine_write(
                    {
                        "decision_date": now,
                        "terms_after": json.dumps(
                            document._bizreg_terms_snapshot(), ensure_ascii=False
                        ),
                    }
                )
            rec._bizreg_post_on_document(
                self.env._(
                    "Amendment %s approved: these are the approved terms now.",
                    rec.name,
                ),
                with_diff=True,
            )

    def _rejected_tier(self, tiers=False):
        res = super()._rejected_tier(tiers)
        rejected = self.sudo().filtered(
            lambda r: r.state == "to_review" and r.validation_status == "rejected"
        )
        if rejected:
            with trusted("engine"):
                rejected._bizreg_set_state("rejected")
                rejected._bizreg_engine_write({"decision_date": fields.Datetime.now()})
            for rec in rejected:
                rec._bizreg_post_on_document(
                    self.env._(
                        "Amendment %s rejected: the approved terms stay; put the "
                        "terms back (or open a new amendment) before invoicing.",
                        rec.name,
                    ),
                    with_diff=True,
                )
        return res

    # ------------------------------------------------------------------
    # Differences
    # ------------------------------------------------------------------
    def _bizreg_terms_after_or_current(self):
        self.ensure_one()
        if self.terms_after:
            return json.loads(self.terms_after)
        document = self._document().sudo()
        if self.res_model in self.env and document.exists():
            return document._bizreg_terms_snapshot()
        return {}

    def _bizreg_diff_lines(self):
        """``[(label, old, new)]`` of what the amendment changes."""
        self.ensure_one()
        before = json.loads(self.terms_before or "{}")
        after = self._bizreg_terms_after_or_current()
        Model = self.env[self.res_model] if self.res_model in self.env else None
        rows = []
        b_fields, a_fields = before.get("fields", {}), after.get("fields", {})
        for name in list(dict.fromkeys([*b_fields, *a_fields])):
            old, new = b_fields.get(name, ""), a_fields.get(name, "")
            if old == new:
                continue
            field = Model._fields.get(name) if Model is not None else None
            label = field._description_string(self.env) if field else name
            rows.append((label, old, new))
        b_lines, a_lines = before.get("lines", {}), after.get("lines", {})
        line_label = self.env._("Line")
        for key in list(dict.fromkeys([*b_lines, *a_lines])):
            old, new = b_lines.get(key, ""), a_lines.get(key, "")
            if old != new:
                rows.append((line_label, old, new))
        return rows

    @api.depends("terms_before", "terms_after", "state")
    def _compute_diff_text(self):
        for rec in self:
            rows = rec.sudo()._bizreg_diff_lines() if rec.res_model else []
            rec.diff_text = "\n".join(
                f"{label}: {old or '—'} → {new or '—'}" for label, old, new in rows
            )

    def _bizreg_post_on_document(self, title, with_diff=False):
        self.ensure_one()
        document = self._document().sudo()
        if not hasattr(document, "message_post"):
            return
        body = Markup("<p>%s</p>") % title
        if with_diff:
            rows = self._bizreg_diff_lines()
            if rows:
                body += Markup("<ul>%s</ul>") % Markup("").join(
                    Markup("<li>%s: %s → %s</li>")
                    % (escape(label), escape(old or "—"), escape(new or "—"))
                    for label, old, new in rows
                )
            body += Markup("<p>%s</p>") % self.env._("Reason: %s", self.reason or "")
        document.message_post(body=body, subtype_xmlid="mail.mt_note")
        self.sudo().message_post(body=body, subtype_xmlid="mail.mt_note")
