# Copyright 2026 bizreg
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Duplicate detection of customers and suppliers (regulation 3.1 (1)).

A *hard* duplicate (the same VAT / unified social credit code as another
company) is refused on create and on a change of the VAT, whatever the route;
only a Data Administrator registers one, through the confirmation wizard
(``bizreg.data.duplicate.wizard``, a trust scope of the server code, not a
context key).  *Soft* duplicates (the same normalised name, email or phone)
are shown in the form and listed in the data-quality view."""

import re
import unicodedata

from markupsafe import Markup, escape

from odoo import api, fields, models
from odoo.exceptions import ValidationError
from odoo.tools import email_normalize

from odoo.addons.bizreg_base.tools import is_trusted

from .bizreg_data_entry_rule import normalize_code

DUPLICATE_SCOPE = "bizreg_data_duplicate"

# legal-form suffixes stripped from a company name before comparing it
_SUFFIXES = (
    "股份有限公司",
    "有限责任公司",
    "有限公司",
    "集团公司",
    "公司",
    "co., ltd.",
    "co.,ltd.",
    "co. ltd.",
    "co ltd",
    "co.,ltd",
    "company limited",
    "limited",
    "ltd.",
    "ltd",
    "inc.",
    "inc",
    "llc",
    "gmbh",
    "s.a.",
    "corporation",
    "corp.",
    "corp",
    "company",
    "co.",
    "co",
)
_PUNCT_RE = re.compile(r"[\s\W_]+", re.UNICODE)


def normalize_name(name):
    """A company name compared across spellings: case, spaces, punctuation,
    full-width characters and legal-form suffixes (有限公司, Co., Ltd.) do not
    count."""
    if not name or not isinstance(name, str):
        return ""
    name = unicodedata.normalize("NFKC", name).lower().strip()
    stripped = True
    while stripped:
        stripped = False
        name = name.rstrip(" ,.;()")
        for suffix in _SUFFIXES:
            if not name.endswith(suffix) or len(name) <= len(suffix):
                continue
            rest = name[: -len(suffix)]
            # a Latin suffix is a word of its own ("… trading co", not "disco")
            if suffix.isascii() and rest[-1:].isalnum():
                continue
            name = rest
            stripped = True
            break
    return _PUNCT_RE.sub("", name)


def normalize_phone(phone):
    if not phone or not isinstance(phone, str):
        return ""
    digits = "".join(ch for ch in unicodedata.normalize("NFKC", phone) if ch.isdigit())
    return digits[-11:] if len(digits) >= 7 else ""


class ResPartner(models.Model):
    _inherit = "res.partner"

    bizreg_vat_key = fields.Char(
        string="Normalised VAT",
        compute="_compute_bizreg_keys",
        store=True,
        index=True,
        readonly=True,
    )
    bizreg_name_key = fields.Char(
        string="Normalised Name",
        compute="_compute_bizreg_keys",
        store=True,
        index=True,
        readonly=True,
    )
    bizreg_duplicate_ids = fields.Many2many(
        "res.partner",
        string="Possible Duplicates",
        compute="_compute_bizreg_duplicate_ids",
        compute_sudo=False,
    )

    @api.depends("vat", "name")
    def _compute_bizreg_keys(self):
        for partner in self:
            partner.bizreg_vat_key = normalize_code(partner.vat) or False
            partner.bizreg_name_key = normalize_name(partner.name) or False

    def _bizreg_duplicate_candidate(self):
        """Companies and any partner with a VAT are checked."""
        self.ensure_one()
        return bool(self.is_company or self.vat)

    def _bizreg_family_check(self, own):
        """A predicate: whether a partner belongs to this partner's own
        hierarchy (the same top-level company: its parent companies,
        branches and contacts), which shares its VAT and is no duplicate."""

        def root(partner):
            seen = set()
            while partner.parent_id and partner.parent_id._origin.id not in seen:
                seen.add(partner._origin.id)
                partner = partner.parent_id
            return partner._origin.id

        mine = root(self) if self.parent_id else own

        def in_family(partner):
            return bool(mine) and root(partner) == mine

        return in_family

    def _bizreg_find_duplicates(self, hard_only=False, limit=20):
        """Other partners (companies or with a VAT, outside this partner's
        commercial entity) that look like this one: ``{partner: reasons}``."""
        self.ensure_one()
        Partner = self.env["res.partner"].sudo().with_context(active_test=True)
        own = self._origin.id or False
        commercial = self.commercial_partner_id._origin.id or own
        exclude = [("id", "!=", own)] if own else []
        if commercial:
            exclude += [("commercial_partner_id", "!=", commercial)]
        base = exclude + ["|", ("is_company", "=", True), ("vat", "!=", False)]
        company = self.company_id._origin.id
        if company:
            # a partner of one company duplicates the shared partners and
            # those of the same company; another company's customers are its own
            base += [("company_id", "in", [False, company])]
        found = {}
        family = self._bizreg_family_check(own)

        def add(domain, reason):
            for partner in Partner.search(base + domain, limit=limit):
                if not family(partner):
                    found.setdefault(partner, []).append(reason)

        vat_key = normalize_code(self.vat)
        if vat_key:
            add([("bizreg_vat_key", "=", vat_key)], self.env._("same VAT"))
        if hard_only:
            return found
        name_key = normalize_name(self.name)
        if name_key and len(name_key) >= 2:
            add([("bizreg_name_key", "=", name_key)], self.env._("same name"))
        email = email_normalize(self.email or "")
        if email:
            add([("email_normalized", "=", email)], self.env._("same email"))
        phone = normalize_phone(self.phone)
        if phone:
            for partner in Partner.search(
                base + [("phone", "like", phone[-4:])], limit=200
            ):
                if normalize_phone(partner.phone) == phone:
                    found.setdefault(partner, []).append(self.env._("same phone"))
        return found

    def _bizreg_duplicate_labels(self, found):
        """``[(label, reasons)]`` of the duplicates ``found`` as the current
        user may see them: the name of a partner he can read, and for one he
        cannot (a restricted or another company's partner) only that it
        exists, never its name."""
        readable = (
            self.env["res.partner"]
            .browse([p.id for p in found])
            ._filtered_access("read")
        )
        labels = []
        for partner, reasons in found.items():
            if partner.id in readable.ids:
                label = f"{partner.display_name} (#{partner.id})"
            else:
                label = self.env._("a partner you may not read")
            labels.append((label, reasons))
        return labels

    @api.depends("name", "vat", "email", "phone", "is_company", "parent_id")
    def _compute_bizreg_duplicate_ids(self):
        for partner in self:
            if not partner._bizreg_duplicate_candidate():
                partner.bizreg_duplicate_ids = False
                continue
            found = partner._bizreg_find_duplicates()
            visible = self.env["res.partner"].browse([p.id for p in found])
            partner.bizreg_duplicate_ids = visible._filtered_access("read")

    @api.onchange("name", "vat", "email", "phone", "is_company")
    def _onchange_bizreg_duplicates(self):
        if not self._bizreg_duplicate_candidate():
            return None
        found = self._bizreg_find_duplicates()
        if not found:
            return None
        lines = [
            f"- {label}: {', '.join(reasons)}"
            for label, reasons in self._bizreg_duplicate_labels(found)
        ]
        return {
            "warning": {
                "title": self.env._("Possible duplicates"),
                "message": self.env._(
                    "This partner looks like existing partners; open them from "
                    "the “Possible Duplicates” banner of the form before "
                    "creating a new one:\n%(lines)s",
                    lines="\n".join(lines),
                ),
                "type": "notification",
            }
        }

    # ------------------------------------------------------------------
    # Hard duplicates: refused on create and on a change of the VAT
    # ------------------------------------------------------------------
    def _bizreg_check_hard_duplicates(self):
        if is_trusted(DUPLICATE_SCOPE):
            return
        for partner in self:
            if partner.commercial_partner_id != partner or not partner.vat:
                continue
            found = partner._bizreg_find_duplicates(hard_only=True, limit=5)
            if found:
                raise ValidationError(
                    self.env._(
                        "VAT: “%(vat)s” of “%(partner)s” is already the VAT of "
                        "%(others)s. Open the existing partner instead; only a "
                        "Data Administrator can register a duplicate, with the "
                        "“Register a Duplicate Partner” wizard.",
                        vat=partner.vat,
                        partner=partner.display_name,
                        others=", ".join(
                            f"“{label}”"
                            for label, _r in partner._bizreg_duplicate_labels(found)
                        ),
                    )
                )

    @api.model_create_multi
    def create(self, vals_list):
        partners = super().create(vals_list)
        partners._bizreg_check_hard_duplicates()
        return partners

    def write(self, vals):
        if not isinstance(vals, dict) or not {"vat", "parent_id", "is_company"} & (
            vals.keys()
        ):
            return super().write(vals)
        # only a real change of the VAT or of the commercial entity is checked
        # (not the synchronisation of a company's VAT to its contacts)
        before = {
            partner.id: (partner.bizreg_vat_key, partner.commercial_partner_id.id)
            for partner in self.sudo()
        }
        res = super().write(vals)
        self.filtered(
            lambda partner: (
                (
                    partner.bizreg_vat_key,
                    partner.commercial_partner_id.id,
                )
                != before.get(partner.id)
            )
        )._bizreg_check_hard_duplicates()
        return res

    def _bizreg_duplicate_note(self, others, reason, user):
        """The chatter note of a duplicate registered by a Data Administrator."""
        self.ensure_one()
        links = Markup(", ").join(
            Markup('<a href="/odoo/res.partner/%s">%s</a>')
            % (other.id, escape(other.display_name))
            for other in others
        )
        template = escape(
            self.env._(
                "Registered by %(user)s although it has the VAT of %(others)s. "
                "Reason: %(reason)s"
            )
        )
        self.message_post(
            body=Markup("<p>%s</p>")
            % (
                Markup(template)
                % {"user": user.name, "others": links, "reason": reason or ""}
            ),
            subtype_xmlid="mail.mt_note",
        )
