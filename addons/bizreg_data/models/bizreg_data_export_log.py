# Copyright 2026 bizreg
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

import logging

from odoo import SUPERUSER_ID, api, fields, models
from odoo.exceptions import AccessError
from odoo.models import fix_import_export_id_paths
from odoo.modules import module as odoo_module

from .ir_model import CLASSIFICATION, LEVELS

_logger = logging.getLogger(__name__)

EXPORT_GROUP = "bizreg_data.group_bizreg_data_export"
THRESHOLD_PARAM = "bizreg_data.export_mass_threshold"
DEFAULT_THRESHOLD = 1000
READ_THRESHOLD_PARAM = "bizreg_data.read_mass_threshold"
DEFAULT_READ_THRESHOLD = 500


class BizregDataExportLog(models.Model):
    """One line per export of data (any model, any route that ends in
    ``export_data``): who, when, what, how many records, at which
    classification, and whether it was allowed.  Nobody changes or deletes a
    line but the superuser."""

    _name = "bizreg.data.export.log"
    _description = "Data Export Log"
    _inherit = ["mail.thread", "mail.activity.mixin"]
    _order = "date desc, id desc"
    _rec_name = "model"
    _mail_post_access = "read"

    date = fields.Datetime(
        default=fields.Datetime.now, required=True, readonly=True, index=True
    )
    user_id = fields.Many2one(
        "res.users", string="Exported By", required=True, readonly=True, index=True
    )
    partner_id = fields.Many2one(
        "res.partner",
        string="On Behalf Of",
        readonly=True,
        index=True,
        help="The commercial partner of a portal user who exported data.",
    )
    company_id = fields.Many2one(
        "res.company", required=True, readonly=True, index=True
    )
    model = fields.Char(required=True, readonly=True, index=True)
    model_id = fields.Many2one(
        "ir.model", string="Data", readonly=True, index=True, ondelete="set null"
    )
    field_names = fields.Text(string="Fields", readonly=True)
    record_count = fields.Integer(string="Records", readonly=True)
    classification = fields.Selection(CLASSIFICATION, readonly=True, index=True)
    sensitive_fields = fields.Text(
        string="Classified Fields",
        readonly=True,
        help="The fields and linked models above “Internal” in this export.",
    )
    operation = fields.Selection(
        [("export", "Export"), ("read", "Mass Read")],
        required=True,
        default="export",
        readonly=True,
        index=True,
        help="A mass read is a read of more confidential or secret records in "
        "one call than the threshold of the settings (a list, a search_read "
        "over RPC): logged and told to the Auditor, not refused.",
    )
    result = fields.Selection(
        [("allowed", "Allowed"), ("refused", "Refused")],
        required=True,
        readonly=True,
        index=True,
    )
    refusal_reason = fields.Text(string="Reason Refused", readonly=True)
    mass_export = fields.Boolean(
        string="Mass Access",
        readonly=True,
        index=True,
        help="More records than the threshold of the settings (exports of "
        "internal or more sensitive data, reads of confidential or secret "
        "data): the Auditor is told.",
    )
    agreement_id = fields.Many2one(
        "bizreg.data.sharing.agreement",
        string="Data-Sharing Agreement",
        readonly=True,
        index=True,
        ondelete="set null",
        help="The active agreement that covers a partner's export.",
    )

    # ------------------------------------------------------------------
    # Immutable: the superuser only
    # ------------------------------------------------------------------
    def write(self, vals):
        if self.env.uid != SUPERUSER_ID:
            raise AccessError(
                self.env._("The export log is a record: it cannot be changed.")
            )
        return super().write(vals)

    def unlink(self):
        if self.env.uid != SUPERUSER_ID:
            raise AccessError(
                self.env._("The export log is a record: it cannot be deleted.")
            )
        return super().unlink()

    @api.model_create_multi
    def create(self, vals_list):
        if self.env.uid != SUPERUSER_ID and not self.env.su:
            raise AccessError(
                self.env._("Export log lines are written by the application only.")
            )
        return super().create(vals_list)

    # ------------------------------------------------------------------
    # Classification of an export
    # ------------------------------------------------------------------
    @api.model
    def _bizreg_classify(self, model_name, paths):
        """``(level, [(label, level, model name)])``: the highest
        classification of the exported model, of the exported fields and of
        the models the paths go through, and the items above internal.  A
        field is at least as sensitive as the fields it is computed from
        (its dependencies, which include the source of a related or
        inherited field: a user's e-mail is his partner's, a partner's
        formatted e-mail is his e-mail)."""
        env = self.env
        model_levels = env["ir.model"]._bizreg_classification_map()
        field_levels = env["ir.model.fields"]._bizreg_classification_map()
        level = model_levels.get(model_name, "internal")
        items = {}
        memo = {}

        def note(key, label, item_level, model):
            nonlocal level
            if LEVELS[item_level] > LEVELS[level]:
                level = item_level
            if LEVELS[item_level] > LEVELS["internal"]:
                items[key] = (label, item_level, model)

        top = env[model_name]
        note(("model", model_name), top._description, level, model_name)
        for path in paths:
            model = top
            for part in fix_import_export_id_paths(path):
                if part in ("id", ".id"):
                    break
                field = model._fields.get(part)
                if field is None:
                    break
                note(
                    ("field", model._name, part),
                    f"{field._description_string(env)} ({model._description})",
                    self._bizreg_field_level(model, part, field_levels, memo),
                    model._name,
                )
                if not field.relational:
                    break
                model = env[field.comodel_name]
                note(
                    ("model", model._name),
                    model._description,
                    model_levels.get(model._name, "internal"),
                    model._name,
                )
        return level, list(items.values())

    @api.model
    def _bizreg_field_level(self, model, name, field_levels, memo, seen=frozenset()):
        """The classification of field ``name`` of ``model``: its own, or the
        highest of the fields it depends on (``memo`` caches the answers of
        one export)."""
        key = (model._name, name)
        if key in memo:
            return memo[key]
        found = field_levels.get(model._name, {}).get(name, "internal")
        field = model._fields.get(name)
        if field is not None and key not in seen:
            for path in model.pool.field_depends.get(field, ()):
                current = model
                for part in path.split("."):
                    sub = current._fields.get(part)
                    if sub is None:
                        break
                    sub_level = self._bizreg_field_level(
                        current, part, field_levels, memo, seen | {key}
                    )
                    if LEVELS[sub_level] > LEVELS[found]:
                        found = sub_level
                    if not sub.relational:
                        break
                    current = self.env[sub.comodel_name]
        memo[key] = found
        return found

    @api.model
    def _bizreg_threshold(self, param=THRESHOLD_PARAM, default=DEFAULT_THRESHOLD):
        value = self.env["ir.config_parameter"].sudo().get_param(param) or ""
        try:
            return max(int(value), 0)
        except ValueError:
            return default

    @api.model
    def _bizreg_log_vals(self, records, paths, level, items):
        """The log line's values of an access to ``records`` (the paths or
        fields, their classification ``level`` and the classified ``items``
        of :meth:`_bizreg_classify`), by the current user."""
        env = records.env
        labels = dict(self._fields["classification"]._description_selection(env))
        return {
            "date": fields.Datetime.now(),
            "user_id": env.user.id,
            # a portal user acts on behalf of his company
            "partner_id": env.user.share
            and env.user.partner_id.commercial_partner_id.id,
            "company_id": env.company.id,
            "model": records._name,
            "model_id": env["ir.model"]._get_id(records._name),
            "field_names": "\n".join(paths),
            "record_count": len(records),
            "classification": level,
            "sensitive_fields": "\n".join(
                f"{label}: {labels[item_level]}" for label, item_level, _m in items
            ),
        }

    @api.model
    def _bizreg_check_mass_read(self, records, fnames):
        """A read of more confidential or secret records in one call than
        the threshold (``records``, read by a user, not the superuser): a
        log line, in a transaction of its own (a read may run on a read-only
        cursor), and the Auditors told.  Nothing is refused: the user may
        read what his rights let him read."""
        threshold = self._bizreg_threshold(READ_THRESHOLD_PARAM, DEFAULT_READ_THRESHOLD)
        if not threshold or len(records) <= threshold:
            return
        level, items = self._bizreg_classify(records._name, fnames)
        if LEVELS[level] < LEVELS["confidential"]:
            return
        self._bizreg_log_apart(
            dict(
                self._bizreg_log_vals(records, fnames, level, items),
                operation="read",
                result="allowed",
                mass_export=True,
            ),
            flag=True,
        )

    @api.model
    def _bizreg_check_export(self, records, paths, export_feature=True):
        """Refuse (and log) an export of confidential or secret data by whoever
        may not export it; log an allowed one.  Returns the log line.  Without
        Odoo's export feature (``export_feature=False``) the attempt is only
        logged as refused: Odoo refuses it right after."""
        env = records.env
        user = env.user
        level, items = self._bizreg_classify(records._name, paths)
        labels = dict(self._fields["classification"]._description_selection(env))
        sensitive = [
            item for item in items if LEVELS[item[1]] >= LEVELS["confidential"]
        ]
        sensitive_models = {item[2] for item in sensitive}
        vals = dict(
            self._bizreg_log_vals(records, paths, level, items),
            mass_export=bool(
                LEVELS[level] >= LEVELS["internal"]
                and len(records) > self._bizreg_threshold()
            ),
        )
        refusal = None
        if not export_feature:
            vals.update(
                result="refused",
                refusal_reason=env._(
                    "The user has no access to Odoo's export feature."
                ),
            )
            self._bizreg_log_apart(vals)
            return self.browse()
        if sensitive and env.uid != SUPERUSER_ID:
            named = ", ".join(
                f"“{label}” ({labels[item_level]})"
                for label, item_level, _m in sensitive
            )
            if user.share:
                partner = user.partner_id.commercial_partner_id
                agreement = env[
                    "bizreg.data.sharing.agreement"
                ]._bizreg_covering_agreement(partner, sensitive_models)
                if agreement:
                    vals["agreement_id"] = agreement.id
                else:
                    refusal = env._(
                        "You may not export %(fields)s: this data is shared only "
                        "under an active data-sharing agreement with %(partner)s "
                        "that covers it.",
                        fields=named,
                        partner=partner.display_name,
                    )
            elif not user.has_group(EXPORT_GROUP):
                refusal = env._(
                    "You may not export %(fields)s: confidential and secret data "
                    "is exported only by users with the right “Data: Export "
                    "confidential data”. Ask the Data Administrator.",
                    fields=named,
                )
        if refusal:
            vals.update(result="refused", refusal_reason=refusal)
            self._bizreg_log_apart(vals)
            raise AccessError(refusal)
        vals["result"] = "allowed"
        return self.sudo().create(vals)

    @api.model
    def _bizreg_log_apart(self, vals, flag=False):
        """A log line that must outlive the user's transaction (a refusal
        rolls it back; a read may run on a read-only cursor): written in a
        transaction of its own (in the one transaction of a test run, where
        no other transaction sees the test's data), and told to the Auditors
        when ``flag``."""
        if getattr(odoo_module, "current_test", None):
            log = self.sudo().create(vals)
            if flag:
                log._bizreg_flag_mass_export()
            return
        try:
            with self.env.registry.cursor() as cr:
                env = api.Environment(cr, SUPERUSER_ID, {"lang": self.env.lang})
                log = env[self._name].create(vals)
                if flag:
                    log._bizreg_flag_mass_export()
        except Exception:
            _logger.exception("Could not write an access log line: %s", vals)

    def _bizreg_flag_mass_export(self):
        """Tell the Auditors of a mass export (an activity each)."""
        auditors = self.env.ref("bizreg_base.group_bizreg_auditor").sudo().users
        labels = dict(self._fields["classification"]._description_selection(self.env))
        for log in self.sudo().filtered("mass_export"):
            params = {
                "user": log.user_id.name,
                "count": log.record_count,
                "model": log.model_id.name or log.model,
                "level": labels.get(log.classification),
            }
            for auditor in auditors.filtered(lambda u: not u.share):
                log.with_context(mail_activity_quick_update=True).activity_schedule(
                    "mail.mail_activity_data_todo",
                    user_id=auditor.id,
                    summary=(
                        self.env._(
                            "Mass read of %(count)s records: %(model)s",
                            count=log.record_count,
                            model=log.model,
                        )
                        if log.operation == "read"
                        else self.env._(
                            "Mass export of %(count)s records: %(model)s",
                            count=log.record_count,
                            model=log.model,
                        )
                    ),
                    note=(
                        self.env._(
                            "%(user)s read %(count)s records of “%(model)s” in "
                            "one call (classification: %(level)s). Check that "
                            "the read was needed.",
                            **params,
                        )
                        if log.operation == "read"
                        else self.env._(
                            "%(user)s exported %(count)s records of “%(model)s” "
                            "(classification: %(level)s). Check that the export "
                            "was needed.",
                            **params,
                        )
                    ),
                )
        return True
