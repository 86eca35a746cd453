# Copyright 2026 bizreg
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""The data-quality view (regulation 3.1 (1)): the records that break an
active data entry rule (data entered before the rule, or by the system) and
the possible duplicate partners, refreshed by a cron; the owners are
reminded, then their managers; an issue fixed in the meantime closes itself
at the next refresh."""

import json
from datetime import timedelta

from odoo import api, fields, models
from odoo.tools import split_every

from odoo.addons.bizreg_base.tools import trusted

_DEFAULT_ESCALATION_DAYS = 7


class BizregDataQualityIssue(models.Model):
    _name = "bizreg.data.quality.issue"
    _description = "Data Quality Issue"
    _inherit = ["mail.thread", "mail.activity.mixin", "bizreg.escalation.mixin"]
    _order = "state, detected_date desc, id desc"

    # what is shown is computed when read, in the reader's language (the
    # refresh runs as a cron in the server's language)
    name = fields.Char(string="Issue", compute="_compute_name", search="_search_name")
    key = fields.Char(required=True, readonly=True, index=True, copy=False)
    kind = fields.Selection(
        [("rule", "Breaks a data entry rule"), ("duplicate", "Possible duplicate")],
        required=True,
        readonly=True,
        index=True,
    )
    rule_id = fields.Many2one(
        "bizreg.data.entry.rule",
        readonly=True,
        index=True,
        ondelete="cascade",
    )
    res_model = fields.Char(string="Model", required=True, readonly=True, index=True)
    model_id = fields.Many2one(
        "ir.model", string="Data", readonly=True, index=True, ondelete="cascade"
    )
    res_id = fields.Many2oneReference(
        string="Record ID", model_field="res_model", required=True, readonly=True
    )
    record_name = fields.Char(string="Record", readonly=True)
    field_id = fields.Many2one(related="rule_id.field_id", string="Field")
    description = fields.Text(compute="_compute_description")
    detail = fields.Text(
        readonly=True,
        help="What the refresh found (the duplicates and why), in no language: "
        "the issue is shown from it and updated when it changes.",
    )
    user_id = fields.Many2one(
        "res.users", string="Owner", readonly=True, index=True, tracking=True
    )
    department_id = fields.Many2one("hr.department", readonly=True, index=True)
    company_id = fields.Many2one("res.company", readonly=True, index=True)
    state = fields.Selection(
        [("open", "Open"), ("resolved", "Resolved")],
        required=True,
        default="open",
        readonly=True,
        index=True,
        tracking=True,
    )
    detected_date = fields.Datetime(string="Detected On", readonly=True)
    resolved_date = fields.Datetime(string="Resolved On", readonly=True)
    remind_date = fields.Datetime(string="Owner Reminder", readonly=True, index=True)
    reminded_date = fields.Datetime(string="Owner Reminded On", readonly=True)
    escalation_date = fields.Datetime(
        string="Manager Escalation", readonly=True, index=True
    )
    escalated_date = fields.Datetime(string="Escalated On", readonly=True)

    # ------------------------------------------------------------------
    # Texts in the reader's language
    # ------------------------------------------------------------------
    def _bizreg_reason_labels(self):
        env = self.env
        return {
            "bizreg_vat_key": env._("same VAT"),
            "bizreg_name_key": env._("same name"),
            "email_normalized": env._("same email"),
        }

    @api.depends("kind", "rule_id.name", "detail")
    @api.depends_context("lang")
    def _compute_name(self):
        """The list's column: the rule's name, or the count of duplicates
        (no read of the records the issues are about)."""
        for issue in self:
            if issue.kind == "duplicate":
                issue.name = self.env._(
                    "Possible duplicate of %s partner(s)",
                    len(json.loads(issue.detail or "{}")),
                )
            else:
                issue.name = issue.rule_id.sudo().name or ""

    @api.depends("kind", "rule_id", "detail", "res_model", "res_id")
    @api.depends_context("lang")
    def _compute_description(self):
        """The explanation: the broken rule's text about its record, or the
        duplicates as the reader may see them.  The records of one model
        are read together."""
        labels = self._bizreg_reason_labels()
        Partner = self.env["res.partner"]
        existing = {}
        for model, issues in (
            self.filtered(lambda i: i.kind != "duplicate").grouped("res_model").items()
        ):
            if model in self.env:
                ids = self.env[model].sudo().browse(issues.mapped("res_id")).exists()
                existing[model] = {record.id: record for record in ids}
        for issue in self:
            if issue.kind == "duplicate":
                others = json.loads(issue.detail or "{}")
                found = {
                    Partner.browse(int(other)): [labels.get(f, f) for f in why]
                    for other, why in sorted(others.items(), key=lambda i: int(i[0]))
                }
                issue.description = "\n".join(
                    f"{label}: {', '.join(reasons)}"
                    for label, reasons in Partner._bizreg_duplicate_labels(found)
                )
                continue
            record = existing.get(issue.res_model, {}).get(issue.res_id)
            rule = issue.rule_id.sudo()
            issue.description = (
                rule._bizreg_error_text(record) if rule and record else False
            )

    def _search_name(self, operator, value):
        """The name of a rule issue is its rule's (in any language of it);
        a duplicate is found by the word of its kind."""
        if operator not in ("ilike", "=", "like", "=ilike", "not ilike", "!="):
            return [("id", "=", False)]
        negative = operator in ("not ilike", "!=")
        positive = {"not ilike": "ilike", "!=": "="}.get(operator, operator)
        rules = (
            self.env["bizreg.data.entry.rule"]
            .sudo()
            .with_context(active_test=False)
            ._search([("name", positive, value)])
        )
        domain = ["|", ("rule_id", "in", rules), ("record_name", positive, value)]
        return ["!", *domain] if negative else domain

    # ------------------------------------------------------------------
    # Escalation: the owner, then his manager after N days
    # ------------------------------------------------------------------
    def _bizreg_escalation_levels(self):
        return [
            ("owner", "remind_date", "reminded_date", "_bizreg_remind_owner"),
            (
                "manager",
                "escalation_date",
                "escalated_date",
                "_bizreg_escalate_manager",
            ),
        ]

    def _bizreg_escalation_domain(self):
        return [("state", "=", "open")]

    def _bizreg_escalate(self, level):
        return self._bizreg_escalation_ladder(
            level,
            lambda issue, action: issue.env._(
                "Data quality: %(issue)s (record “%(record)s”, owner %(owner)s). "
                "%(action)s",
                issue=issue.name,
                record=issue.record_name or "",
                owner=issue.user_id.name or "-",
                action=action,
            ),
            lambda issue: issue.env._("Please correct: %s", issue.name),
        )

    def _bizreg_remind_owner(self):
        return self._bizreg_escalate(1)

    def _bizreg_escalate_manager(self):
        return self._bizreg_escalate(2)

    # ------------------------------------------------------------------
    # Refresh
    # ------------------------------------------------------------------
    @api.model
    def _cron_refresh(self):
        self._bizreg_refresh()
        self._bizreg_run_escalations()

    @api.model
    def _bizreg_owner(self, record):
        """``(owner, department)`` of ``record`` (sudo)."""
        owner = self.env["res.users"]
        if "user_id" in record._fields and record._fields["user_id"].comodel_name == (
            "res.users"
        ):
            owner = record.user_id
        if not owner:
            owner = record.create_uid
        if owner and owner.share:
            owner = self.env["res.users"]
        department = self.env["hr.department"]
        field = record._fields.get("department_id")
        if field is not None and field.comodel_name == "hr.department":
            department = record.department_id
        if not department and owner:
            department = owner.sudo().employee_id.department_id
        return owner, department

    @api.model
    def _bizreg_issue_vals(self, record, kind, detail="", rule=None):
        owner, department = self._bizreg_owner(record)
        company = (
            record.company_id
            if "company_id" in record._fields
            and record._fields["company_id"].comodel_name == "res.company"
            else self.env["res.company"]
        )
        return {
            "kind": kind,
            "detail": detail,
            "rule_id": rule.id if rule else False,
            "res_model": record._name,
            "model_id": self.env["ir.model"]._get_id(record._name),
            "res_id": record.id,
            "record_name": (record.display_name or "")[:200],
            "user_id": owner.id,
            "department_id": department.id,
            "company_id": company.id,
        }

    @api.model
    def _bizreg_find_rule_issues(self, batch=1000):
        """``{key: vals}`` of the records breaking an active rule."""
        Rule = self.env["bizreg.data.entry.rule"].sudo()
        found = {}
        for model, specs in Rule._bizreg_rules_map().items():
            if model not in self.env:
                continue
            Model = self.env[model].sudo()
            for spec in specs:
                rule = Rule.browse(spec[0])
                fname, kind = spec[1], spec[2]
                domain = list(spec[6])
                domain += (
                    [(fname, "=", False)]
                    if kind == "required"
                    else [(fname, "!=", False)]
                )
                if spec[8] and "company_id" in Model._fields:
                    domain += [("company_id", "in", [spec[8], False])]
                ids = Model.search(domain, order="id").ids
                for chunk in split_every(batch, ids):
                    records = Model.browse(chunk)
                    for record in records:
                        if Rule._bizreg_spec_broken(spec, record):
                            key = f"rule:{rule.id}:{model}:{record.id}"
                            found[key] = self._bizreg_issue_vals(
                                record, "rule", rule=rule
                            )
                    records.invalidate_recordset()
        return found

    @api.model
    def _bizreg_find_duplicate_issues(self):
        """``{key: vals}`` of the companies that look like another one."""
        Partner = self.env["res.partner"].sudo()
        base = [
            ("parent_id", "=", False),
            "|",
            ("is_company", "=", True),
            ("vat", "!=", False),
        ]
        reasons = {}
        for fname in self._bizreg_reason_labels():
            groups = Partner._read_group(
                base + [(fname, "!=", False)],
                [fname],
                ["id:array_agg"],
                having=[("__count", ">", 1)],
            )
            for _value, ids in groups:
                for partner_id in ids:
                    others = [other for other in ids if other != partner_id]
                    entry = reasons.setdefault(partner_id, {})
                    for other in others:
                        entry.setdefault(str(other), []).append(fname)
        return {
            f"duplicate:res.partner:{partner_id}": self._bizreg_issue_vals(
                Partner.browse(partner_id),
                "duplicate",
                json.dumps(others, sort_keys=True),
            )
            for partner_id, others in reasons.items()
        }

    @api.model
    def _bizreg_refresh(self):
        """Create the new issues, close the resolved ones; return
        ``(created, resolved)``."""
        found = self._bizreg_find_rule_issues()
        found.update(self._bizreg_find_duplicate_issues())
        now = fields.Datetime.now()
        days = int(
            self.env["ir.config_parameter"]
            .sudo()
            .get_param("bizreg_data.quality_escalation_days", _DEFAULT_ESCALATION_DAYS)
        )
        Issue = self.sudo()
        open_issues = Issue.search([("state", "=", "open")])
        by_key = {issue.key: issue for issue in open_issues}
        resolved = open_issues.filtered(lambda issue: issue.key not in found)
        with trusted("engine"):
            if resolved:
                resolved.write({"state": "resolved", "resolved_date": now})
                resolved.activity_ids.unlink()
            for key, vals in found.items():
                issue = by_key.get(key)
                if issue and (
                    (issue.detail or "") != vals["detail"]
                    or issue.user_id.id != vals["user_id"]
                ):
                    issue.write(
                        {
                            "detail": vals["detail"],
                            "user_id": vals["user_id"],
                            "department_id": vals["department_id"],
                            "record_name": vals["record_name"],
                        }
                    )
            new = [
                dict(
                    vals,
                    key=key,
                    detected_date=now,
                    remind_date=now,
                    escalation_date=now + timedelta(days=days),
                )
                for key, vals in found.items()
                if key not in by_key
            ]
            created = Issue.create(new) if new else Issue
        return created, resolved

    # ------------------------------------------------------------------
    def action_open_record(self):
        self.ensure_one()
        record = self.env[self.res_model].browse(self.res_id).exists()
        record.check_access("read")
        return {
            "type": "ir.actions.act_window",
            "res_model": self.res_model,
            "res_id": record.id,
            "view_mode": "form",
            "views": [(False, "form")],
            "target": "current",
        }
