# Copyright 2026 bizreg
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Data entry rules (regulation 3.1 (1)): format and completeness of the data,
per model and field, checked on the result of every create and write
(``models/base_entry.py``), whatever the route (form, RPC, import)."""

import re
import unicodedata

from stdnum import iban as stdnum_iban
from stdnum.cn import ric as stdnum_ric
from stdnum.cn import uscc as stdnum_uscc

from odoo import api, fields, models, tools
from odoo.exceptions import ValidationError
from odoo.osv import expression
from odoo.tools import email_normalize
from odoo.tools.safe_eval import safe_eval

_PHONE_RE = re.compile(r"^\+?[0-9][0-9 ()\-./]{4,24}[0-9]$")
_UNSUPPORTED_TYPES = ("one2many", "binary", "properties", "json", "reference")


def normalize_code(value):
    """A code (VAT, USCC, identity number) without spaces, punctuation and
    full-width characters, in upper case."""
    if not value or not isinstance(value, str):
        return ""
    value = unicodedata.normalize("NFKC", value).upper()
    return "".join(ch for ch in value if ch.isalnum())


def _check_uscc(value):
    return stdnum_uscc.is_valid(normalize_code(value))


def _check_ric(value):
    return stdnum_ric.is_valid(normalize_code(value))


def _check_iban(value):
    return stdnum_iban.is_valid(normalize_code(value))


def _check_email(value):
    return bool(email_normalize(value, strict=True))


def _check_phone(value):
    return bool(_PHONE_RE.match(unicodedata.normalize("NFKC", value).strip()))


CHECKSUMS = {
    "uscc": _check_uscc,
    "ric": _check_ric,
    "iban": _check_iban,
    "email": _check_email,
    "phone": _check_phone,
}


class BizregDataEntryRule(models.Model):
    _name = "bizreg.data.entry.rule"
    _description = "Data Entry Rule"
    _inherit = ["mail.thread", "bizreg.cached.config.mixin"]
    _order = "model_id, sequence, id"

    name = fields.Char(required=True, translate=True, tracking=True)
    sequence = fields.Integer(default=10)
    model_id = fields.Many2one(
        "ir.model",
        required=True,
        ondelete="cascade",
        domain=[("transient", "=", False), ("abstract", "=", False)],
        tracking=True,
    )
    model = fields.Char(
        string="Model Technical Name",
        related="model_id.model",
        store=True,
        index=True,
    )
    field_id = fields.Many2one(
        "ir.model.fields",
        required=True,
        ondelete="cascade",
        domain="[('model_id', '=', model_id), ('store', '=', True), "
        "('ttype', 'not in', %s)]" % (list(_UNSUPPORTED_TYPES),),
        tracking=True,
    )
    kind = fields.Selection(
        [
            ("required", "Required"),
            ("pattern", "Format (regular expression)"),
            ("checksum", "Checked number"),
        ],
        required=True,
        default="required",
        tracking=True,
    )
    pattern = fields.Char(
        help="Python regular expression the whole value must match, e.g. "
        "^[A-Z]{2}-\\d{4}$",
        tracking=True,
    )
    checksum = fields.Selection(
        [
            ("uscc", "Unified social credit code"),
            ("ric", "Resident identity card number"),
            ("iban", "IBAN"),
            ("email", "Email address"),
            ("phone", "Phone number"),
        ],
        string="Validator",
        tracking=True,
    )
    state_list = fields.Char(
        string="Only in States",
        help="Comma-separated technical values of the record's status field "
        "(e.g. confirmed,done): the rule applies only to records in these "
        "states. Empty: in every state.",
        tracking=True,
    )
    domain = fields.Char(
        string="Only for Records",
        default="[]",
        help="The rule applies only to the records matching this domain.",
        tracking=True,
    )
    message = fields.Char(
        translate=True,
        help="Shown to the user when the rule is broken; by default the rule's name.",
    )
    active = fields.Boolean(default=True, tracking=True)
    company_id = fields.Many2one(
        "res.company",
        default=lambda self: self.env.company,
        index=True,
        help="Empty: the rule applies in every company.",
    )
    open_issue_count = fields.Integer(compute="_compute_open_issue_count")

    def _compute_open_issue_count(self):
        counts = dict(
            self.env["bizreg.data.quality.issue"]._read_group(
                [("rule_id", "in", self.ids), ("state", "=", "open")],
                ["rule_id"],
                ["__count"],
            )
        )
        for rule in self:
            rule.open_issue_count = counts.get(rule, 0)

    # ------------------------------------------------------------------
    # Consistency of the rule itself
    # ------------------------------------------------------------------
    @api.constrains(
        "model_id", "field_id", "kind", "pattern", "checksum", "domain", "state_list"
    )
    def _check_rule(self):
        for rule in self:
            if rule.field_id.model_id != rule.model_id:
                raise ValidationError(
                    self.env._(
                        "Field: “%(field)s” is not a field of %(model)s.",
                        field=rule.field_id.field_description,
                        model=rule.model_id.name,
                    )
                )
            if rule.kind == "pattern":
                try:
                    re.compile(rule.pattern or "")
                except re.error as error:
                    raise ValidationError(
                        self.env._(
                            "Pattern: “%(pattern)s” is not a valid regular "
                            "expression (%(error)s).",
                            pattern=rule.pattern,
                            error=error,
                        )
                    ) from error
                if not rule.pattern:
                    raise ValidationError(
                        self.env._("Pattern: a format rule needs a pattern.")
                    )
            if rule.state_list and "state" not in self.env[rule.model]._fields:
                raise ValidationError(
                    self.env._(
                        "Only in States: %(model)s has no status field.",
                        model=rule.model_id.name,
                    )
                )
            if rule.kind == "checksum" and not rule.checksum:
                raise ValidationError(
                    self.env._("Validator: a checked-number rule needs a validator.")
                )
            if rule.kind in ("pattern", "checksum") and rule.field_id.ttype not in (
                "char",
                "text",
            ):
                raise ValidationError(
                    self.env._(
                        "Field: format and checked-number rules apply to text "
                        "fields only, not to “%(field)s”.",
                        field=rule.field_id.field_description,
                    )
                )
            try:
                domain = safe_eval(rule.domain or "[]")
                expression.expression(domain, self.env[rule.model].sudo())
            except Exception as error:
                raise ValidationError(
                    self.env._(
                        "Only for Records: the domain “%(domain)s” is not valid "
                        "(%(error)s).",
                        domain=rule.domain,
                        error=error,
                    )
                ) from error

    # ------------------------------------------------------------------
    # Cached lookup used on every create and write
    # ------------------------------------------------------------------
    @api.model
    @tools.ormcache()
    def _bizreg_rules_map(self):
        """``{model: (spec, ...)}`` of the active rules, a spec being a tuple
        ``(rule id, field, kind, pattern, checksum, states, domain, trigger
        fields, company id)``."""
        result = {}
        for rule in self.sudo().search([], order="sequence, id"):
            domain = safe_eval(rule.domain or "[]")
            states = tuple(
                state.strip()
                for state in (rule.state_list or "").split(",")
                if state.strip()
            )
            triggers = {rule.field_id.name}
            for leaf in domain:
                if isinstance(leaf, list | tuple) and len(leaf) == 3:
                    triggers.add(str(leaf[0]).split(".")[0])
            if states:
                triggers.add("state")
            result.setdefault(rule.model, []).append(
                (
                    rule.id,
                    rule.field_id.name,
                    rule.kind,
                    rule.pattern or "",
                    rule.checksum or "",
                    states,
                    tuple(
                        tuple(leaf) if isinstance(leaf, list) else leaf
                        for leaf in domain
                    ),
                    frozenset(triggers),
                    rule.company_id.id,
                )
            )
        return {model: tuple(specs) for model, specs in result.items()}

    @api.model
    def _bizreg_specs(self, model_name):
        return self._bizreg_rules_map().get(model_name, ())

    @api.model
    def _bizreg_spec_applies(self, spec, record):
        _rid, _fname, _kind, _pat, _chk, states, domain, _trig, company_id = spec
        if company_id and "company_id" in record._fields:
            record_company = record.company_id.id
            if record_company and record_company != company_id:
                return False
        if states and "state" in record._fields and record.state not in states:
            return False
        if domain and not record.filtered_domain(list(domain)):
            return False
        return True

    @api.model
    def _bizreg_spec_broken(self, spec, record):
        """Whether ``record`` (sudo) breaks the rule ``spec``."""
        if not self._bizreg_spec_applies(spec, record):
            return False
        _rid, fname, kind, pattern, checksum, *_rest = spec
        value = record[fname]
        empty = not value or (isinstance(value, str) and not value.strip())
        if kind == "required":
            return empty
        if empty:
            return False  # format and checksum rules only judge a value
        value = str(value)
        if kind == "pattern":
            return not re.fullmatch(pattern, value)
        check = CHECKSUMS.get(checksum)
        return bool(check) and not check(value)

    def _bizreg_error_text(self, record):
        """The translated explanation of a broken rule."""
        self.ensure_one()
        field = record._fields[self.field_id.name]
        return self.env._(
            "“%(field)s” of %(model)s “%(record)s” breaks the data entry rule "
            "“%(rule)s”: %(message)s",
            field=field._description_string(self.env),
            model=record._description,
            record=record.display_name or "",
            rule=self.name,
            message=self.message or self._bizreg_default_message(),
        )

    def _bizreg_default_message(self):
        self.ensure_one()
        if self.kind == "required":
            return self.env._("a value is required.")
        if self.kind == "pattern":
            return self.env._("the value does not have the prescribed format.")
        return self.env._(
            "the value is not a valid %(validator)s.",
            validator=dict(
                self._fields["checksum"]._description_selection(self.env)
            ).get(self.checksum, ""),
        )

    @api.model
    def _bizreg_enforce(self, records, field_names):
        """Raise when a record of ``records`` breaks an active rule triggered
        by ``field_names`` (required rules: on every write)."""
        specs = self._bizreg_specs(records._name)
        if not specs:
            return
        names = set(field_names)
        # a user's create or write (values of non-computed fields) is judged on
        # its whole result; the recomputation of stored computed fields only
        # by the rules of those fields
        fields_map = records._fields
        by_user = any(
            name in fields_map and not fields_map[name].compute for name in names
        )
        todo = [
            spec
            for spec in specs
            if (spec[2] == "required" and by_user) or spec[7] & names
        ]
        if not todo:
            return
        for record in records.sudo():
            for spec in todo:
                if self._bizreg_spec_broken(spec, record):
                    rule = self.sudo().browse(spec[0])
                    raise ValidationError(
                        rule._bizreg_error_text(record.with_env(self.env))
                    )

    def action_view_issues(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "bizreg_data.bizreg_data_quality_issue_action"
        )
        action["domain"] = [("rule_id", "=", self.id)]
        action["context"] = {"search_default_open": 1}
        return action
