# Copyright 2026 bizreg
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

import json

from markupsafe import Markup

from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError

from ..tools import trusted


class BizregPendingChange(models.Model):
    """A change of important data waiting for a second user's confirmation.
    The record keeps its original value until the change is confirmed."""

    _name = "bizreg.pending.change"
    _description = "Pending Change of Important Data"
    _inherit = ["mail.thread", "mail.activity.mixin"]
    _order = "request_date desc, id desc"
    _rec_name = "field_id"

    rule_id = fields.Many2one(
        "bizreg.four.eyes.rule", required=True, readonly=True, ondelete="cascade"
    )
    confirm_group_id = fields.Many2one(
        related="rule_id.confirm_group_id", store=True, index=True
    )
    res_model = fields.Char(
        string="Document Model", required=True, readonly=True, index=True
    )
    res_id = fields.Many2oneReference(
        string="Record ID",
        model_field="res_model",
        required=True,
        readonly=True,
        index=True,
    )
    record_name = fields.Char(string="Record", readonly=True)
    field_id = fields.Many2one(
        "ir.model.fields",
        required=True,
        readonly=True,
        ondelete="cascade",
    )
    old_value = fields.Char(string="Current Value", readonly=True)
    new_value = fields.Char(string="Requested Value", readonly=True)
    new_value_json = fields.Text(readonly=True)
    state = fields.Selection(
        [
            ("pending", "Waiting for confirmation"),
            ("applied", "Confirmed and applied"),
            ("refused", "Refused"),
            ("superseded", "Superseded"),
        ],
        default="pending",
        required=True,
        readonly=True,
        index=True,
        tracking=True,
    )
    requested_by = fields.Many2one(
        "res.users", required=True, readonly=True, index=True
    )
    request_date = fields.Datetime(required=True, readonly=True)
    confirmed_by = fields.Many2one("res.users", string="Decided By", readonly=True)
    confirm_date = fields.Datetime(string="Decided On", readonly=True)
    refuse_reason = fields.Char(readonly=True)
    company_id = fields.Many2one("res.company", readonly=True, index=True)

    # ------------------------------------------------------------------
    @api.model
    def _bizreg_stage(self, records, guarded):
        """Store ``guarded`` ``{rule: {field: value}}`` changes of ``records``
        as pending changes instead of writing them."""
        now = fields.Datetime.now()
        vals_list = []
        for rec in records:
            for rule, values in guarded.items():
                if (
                    rule.company_id
                    and "company_id" in rec._fields
                    and rec.company_id
                    and rec.company_id != rule.company_id
                ):
                    continue
                for fname, value in values.items():
                    field = rec._fields[fname]
                    new_cache = field.convert_to_cache(value, rec)
                    new_display = field.convert_to_display_name(
                        field.convert_to_record(new_cache, rec), rec
                    )
                    old_display = field.convert_to_display_name(rec[fname], rec)
                    if rec[fname] == field.convert_to_record(new_cache, rec):
                        continue
                    vals_list.append(
                        {
                            "rule_id": rule.id,
                            "res_model": rec._name,
                            "res_id": rec.id,
                            "record_name": rec.display_name,
                            "field_id": self.env["ir.model.fields"]
                            ._get(rec._name, fname)
                            .id,
                            "old_value": old_display or "",
                            "new_value": new_display or "",
                            "new_value_json": json.dumps(
                                field.convert_to_write(
                                    field.convert_to_record(new_cache, rec), rec
                                ),
                                default=str,
                            ),
                            "requested_by": self.env.uid,
                            "request_date": now,
                            "company_id": (
                                rec.company_id.id
                                if "company_id" in rec._fields
                                else self.env.company.id
                            ),
                        }
                    )
        if not vals_list:
            return self.browse()
        Changes = self.sudo()
        # A newer request replaces an older one on the same field.
        Changes.search(
            [
                ("state", "=", "pending"),
                ("res_model", "in", list({v["res_model"] for v in vals_list})),
                ("res_id", "in", list({v["res_id"] for v in vals_list})),
                ("field_id", "in", list({v["field_id"] for v in vals_list})),
            ]
        ).write({"state": "superseded"})
        changes = Changes.create(vals_list)
        for change in changes:
            change._bizreg_notify_record(
                self.env._(
                    "Change of %(field)s to “%(value)s” is waiting for a second "
                    "confirmation.",
                    field=change.sudo().field_id.field_description,
                    value=change.new_value,
                )
            )
        return changes

    def _bizreg_record(self):
        self.ensure_one()
        return self.env[self.res_model].browse(self.res_id)

    def _bizreg_notify_record(self, body):
        record = self._bizreg_record().sudo()
        if hasattr(record, "message_post"):
            record.message_post(
                body=Markup("<p>%s</p>") % body, subtype_xmlid="mail.mt_note"
            )

    def _bizreg_check_confirmer(self):
        user = self.env.user
        for change in self:
            if change.state != "pending":
                raise UserError(self.env._("This change was already decided."))
            if change.requested_by == user:
                raise UserError(
                    self.env._(
                        "A change must be confirmed by someone other than its author."
                    )
                )
            if (
                user not in change.rule_id.confirm_group_id.users
                and not user._is_system()
            ):
                raise AccessError(
                    self.env._(
                        "You are not allowed to confirm changes of important data."
                    )
                )

    def action_confirm(self):
        """Second user confirms: the change is applied to the record."""
        self._bizreg_check_confirmer()
        now = fields.Datetime.now()
        for change in self:
            value = json.loads(change.new_value_json)
            record = change._bizreg_record().with_user(change.requested_by)
            # the confirmer needs no access to the model registry itself
            field = change.sudo().field_id
            with trusted("four_eyes"):
                record.write({field.name: value})
            change.sudo().write(
                {"state": "applied", "confirmed_by": self.env.uid, "confirm_date": now}
            )
            change._bizreg_notify_record(
                self.env._(
                    "%(user)s confirmed the change of %(field)s to “%(value)s”.",
                    user=self.env.user.name,
                    field=field.field_description,
                    value=change.new_value,
                )
            )
        return True

    def action_refuse(self, reason=False):
        self._bizreg_check_confirmer()
        self.sudo().write(
            {
                "state": "refused",
                "confirmed_by": self.env.uid,
                "confirm_date": fields.Datetime.now(),
                "refuse_reason": reason,
            }
        )
        return True

    def action_open_record(self):
        self.ensure_one()
        return self.env[self.res_model].browse(self.res_id).get_formview_action()
