# Copyright 2026 bizreg
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

from markupsafe import Markup

from odoo import Command, api, fields, models
from odoo.exceptions import UserError
from odoo.tools import html2plaintext

from odoo.addons.bizreg_base.tools import period_bounds

# The most candidates one search shows (per source).
SEARCH_LIMIT = 200


class BizregMarketingFeedbackWizard(models.TransientModel):
    """Gather customer feedback for a research plan from the records that
    already exist (lost opportunities and their reasons, notes of
    opportunities; bridges add consultations and complaints), with the
    researcher's own access rights: search, tick, add.

    Sources are an extension point: :meth:`_feedback_sources` returns
    descriptors ``{"key", "label", "search"}`` where ``search(wizard)`` returns
    candidate dicts ``{"source_ref": "model,id", "partner_id", "date",
    "name", "text"}``.
    """

    _name = "bizreg.marketing.feedback.wizard"
    _description = "Gather Customer Feedback"

    plan_id = fields.Many2one(
        "bizreg.marketing.research.plan",
        string="Research Plan",
        required=True,
        ondelete="cascade",
    )
    source = fields.Selection(
        selection="_selection_source",
        string="Search In",
        required=True,
        default="all",
    )
    date_from = fields.Date(string="From")
    date_to = fields.Date(string="To")
    keywords = fields.Char(
        help="Words to look for in the titles, reasons and notes "
        "(separate several with spaces: all must appear)."
    )
    partner_id = fields.Many2one("res.partner", string="Customer")
    line_ids = fields.One2many(
        "bizreg.marketing.feedback.wizard.line", "wizard_id", string="Candidates"
    )
    searched = fields.Boolean()

    # ------------------------------------------------------------------
    # Sources (extension point)
    # ------------------------------------------------------------------
    @api.model
    def _feedback_sources(self):
        """The places feedback is searched in; bridges add theirs."""
        return [
            {
                "key": "crm_lost",
                "label": self.env._("Lost opportunities (lost reasons and notes)"),
                "search": lambda wizard: wizard._search_crm(lost=True),
            },
            {
                "key": "crm_notes",
                "label": self.env._("Opportunities with internal notes"),
                "search": lambda wizard: wizard._search_crm(lost=False),
            },
        ]

    @api.model
    def _selection_source(self):
        return [("all", self.env._("All sources"))] + [
            (source["key"], source["label"]) for source in self._feedback_sources()
        ]

    # ------------------------------------------------------------------
    # Helpers for the sources
    # ------------------------------------------------------------------
    def _date_domain(self, field_name):
        """The period of the search on a datetime field, in the company's
        time zone (half-open)."""
        self.ensure_one()
        domain = []
        company = self.plan_id.company_id or self.env.company
        if self.date_from:
            start = period_bounds(company, self.date_from, self.date_from)[0]
            domain.append((field_name, ">=", start))
        if self.date_to:
            end = period_bounds(company, self.date_to, self.date_to)[1]
            domain.append((field_name, "<", end))
        return domain

    def _keyword_domain(self, field_names):
        """Every keyword must appear in one of ``field_names``."""
        self.ensure_one()
        domain = []
        for word in (self.keywords or "").split():
            domain += ["|"] * (len(field_names) - 1) + [
                (name, "ilike", word) for name in field_names
            ]
        return domain

    @staticmethod
    def _plain(value):
        return html2plaintext(value).strip() if value else ""

    def _search_crm(self, lost):
        """Opportunities the researcher may read: lost ones (reason and
        notes) or open/won ones with internal notes."""
        self.ensure_one()
        Lead = self.env["crm.lead"].with_context(active_test=False)
        domain = [("type", "=", "opportunity")]
        if lost:
            domain += [
                "|",
                ("lost_reason_id", "!=", False),
                "&",
                ("active", "=", False),
                ("probability", "=", 0),
            ]
        else:
            domain += [("active", "=", True), ("description", "!=", False)]
        if self.partner_id:
            domain.append(("partner_id", "child_of", self.partner_id.id))
        domain += self._date_domain("write_date")
        domain += self._keyword_domain(
            ["name", "description", "lost_reason_id.name"]
            if lost
            else ["name", "description"]
        )
        leads = Lead.search(
            domain, order="write_date desc, id desc", limit=SEARCH_LIMIT
        )
        candidates = []
        for lead in leads:
            parts = []
            if lead.lost_reason_id:
                parts.append(
                    self.env._("Lost reason: %s", lead.lost_reason_id.display_name)
                )
            notes = self._plain(lead.description)
            if notes:
                parts.append(notes)
            if not lost and not notes:
                continue
            candidates.append(
                {
                    "source_ref": f"crm.lead,{lead.id}",
                    "partner_id": lead.partner_id.id,
                    "date": fields.Date.context_today(self, lead.write_date),
                    "name": lead.name,
                    "text": "\n".join(parts),
                }
            )
        return candidates

    # ------------------------------------------------------------------
    # Actions
    # ------------------------------------------------------------------
    def _reopen(self):
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Gather Customer Feedback"),
            "res_model": self._name,
            "res_id": self.id,
            "view_mode": "form",
            "target": "new",
        }

    def _check_plan(self):
        self.ensure_one()
        plan = self.plan_id
        plan.check_access("read")
        if plan.state in ("done", "cancel"):
            raise UserError(
                self.env._(
                    "Research plan %s is closed: no feedback can be added.",
                    plan.display_name,
                )
            )
        return plan

    def _existing_refs(self, plan):
        """The source records already on the plan (whoever added them: a
        duplicate is skipped even if a colleague's entry is not visible)."""
        entries = (
            self.env["bizreg.marketing.research.entry"]
            .sudo()
            .search([("plan_id", "=", plan.id), ("source_ref", "!=", False)])
        )
        return {f"{entry.source_ref._name},{entry.source_ref.id}" for entry in entries}

    def action_search(self):
        """Find the candidates, with the researcher's own access rights;
        those already on the plan are left out."""
        self.ensure_one()
        plan = self._check_plan()
        if self.date_from and self.date_to and self.date_to < self.date_from:
            raise UserError(self.env._("“To” cannot be before “From”."))
        existing = self._existing_refs(plan)
        seen = set()
        commands = [Command.clear()]
        for source in self._feedback_sources():
            if self.source not in ("all", source["key"]):
                continue
            for candidate in source["search"](self):
                ref = candidate["source_ref"]
                if ref in existing or ref in seen:
                    continue
                seen.add(ref)
                commands.append(
                    Command.create(
                        {
                            "source_key": source["key"],
                            "source_label": source["label"],
                            "source_ref": ref,
                            "partner_id": candidate.get("partner_id") or False,
                            "date": candidate.get("date") or False,
                            "name": candidate.get("name") or "",
                            "text": candidate.get("text") or "",
                        }
                    )
                )
        self.write({"line_ids": commands, "searched": True})
        return self._reopen()

    def action_select_all(self):
        self.ensure_one()
        self.line_ids.write({"selected": True})
        return self._reopen()

    def action_add(self):
        """Add the ticked candidates to the plan as customer feedback (once
        per source record)."""
        self.ensure_one()
        plan = self._check_plan()
        lines = self.line_ids.filtered("selected")
        if not lines:
            raise UserError(self.env._("Tick the feedback to add first."))
        Entry = self.env["bizreg.marketing.research.entry"]
        existing = self._existing_refs(plan)
        vals_list = []
        for line in lines:
            ref = f"{line.source_ref._name},{line.source_ref.id}"
            if ref in existing:
                continue
            # the researcher must still be able to read the source
            line.source_ref.check_access("read")
            existing.add(ref)
            vals_list.append(
                {
                    "plan_id": plan.id,
                    "kind": "customer_feedback",
                    "name": line.name or line.source_ref.display_name,
                    "summary": line.text,
                    "source": line.source_label,
                    "date": line.date,
                    "partner_id": line.partner_id.id,
                    "source_ref": ref,
                }
            )
        entries = Entry.create(vals_list)
        if entries:
            plan.sudo().message_post(
                author_id=self.env.user.partner_id.id,
                body=Markup("<p>%s</p>")
                % self.env._(
                    "%(count)s customer feedback entries added from existing records.",
                    count=len(entries),
                ),
                subtype_xmlid="mail.mt_note",
            )
        action = plan.action_view_entries()
        action["domain"] = [("id", "in", entries.ids)] if entries else action["domain"]
        return action
