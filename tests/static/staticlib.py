"""Helpers of the static tier (paths, manifests, the modules under test)."""

import ast
import csv
import importlib.util
import os
import re
from pathlib import Path

try:
    import polib
except ImportError:  # the static tier runs without it too
    polib = None

REPO = Path(__file__).resolve().parents[2]
ADDONS = REPO / "addons"
HERE = Path(__file__).resolve().parent
GLOSSARY = REPO / "i18n" / "glossary.csv"

# Odoo Enterprise modules (and families of them): never a dependency of bizreg.
ENTERPRISE = {
    "account_accountant",
    "account_invoice_extract",
    "account_reports",
    "appointment",
    "approvals",
    "crm_enterprise",
    "data_cleaning",
    "documents",
    "frontdesk",
    "helpdesk",
    "helpdesk_timesheet",
    "hr_appraisal",
    "hr_contract_salary",
    "hr_expense_extract",
    "hr_payroll",
    "hr_referral",
    "industry_fsm",
    "iot",
    "knowledge",
    "marketing_automation",
    "mrp_plm",
    "mrp_workorder",
    "planning",
    "project_enterprise",
    "project_forecast",
    "quality",
    "quality_control",
    "sale_renting",
    "sale_subscription",
    "sign",
    "social",
    "stock_barcode",
    "timesheet_grid",
    "voip",
    "web_cohort",
    "web_enterprise",
    "web_gantt",
    "web_grid",
    "web_map",
    "web_studio",
    "website_helpdesk",
}
ENTERPRISE_PREFIXES = (
    "account_accountant_",
    "appointment_",
    "approvals_",
    "documents_",
    "helpdesk_",
    "hr_appraisal_",
    "hr_payroll_",
    "industry_fsm_",
    "knowledge_",
    "marketing_automation_",
    "planning_",
    "quality_",
    "sign_",
    "social_",
    "timesheet_grid_",
    "web_studio_",
)


def all_modules():
    if not ADDONS.is_dir():
        return []
    names = sorted(
        p.name for p in ADDONS.iterdir() if (p / "__manifest__.py").is_file()
    )
    wanted = [m for m in os.environ.get("BIZREG_MODULES", "").split(",") if m]
    return [m for m in names if m in wanted] if wanted else names


MODULES = all_modules()


def manifest(module):
    return ast.literal_eval((ADDONS / module / "__manifest__.py").read_text("utf-8"))


def odoo_core_addons():
    """Odoo's own addons directories, or [] when Odoo is not importable."""
    env = os.environ.get("BIZREG_ODOO_CORE_ADDONS")
    if env:
        return [Path(p) for p in env.split(os.pathsep) if p]
    try:
        spec = importlib.util.find_spec("odoo")
    except (ImportError, ValueError):
        spec = None
    if not spec or not spec.origin:
        return []
    root = Path(spec.origin).resolve().parent
    return [p for p in (root / "addons", root.parent / "addons") if p.is_dir()]


def requirement_addons():
    """OCA modules named in requirements.txt (``odoo-addon-<name>``)."""
    names = set()
    for line in (REPO / "requirements.txt").read_text("utf-8").splitlines():
        match = re.match(r"^\s*odoo\d*-addon-([A-Za-z0-9_]+)", line)
        if match:
            names.add(match.group(1))
    return names


def read_list(path):
    return {
        line.strip()
        for line in Path(path).read_text("utf-8").splitlines()
        if line.strip() and not line.startswith("#")
    }


def po_entries(path):
    """[(msgid, [msgstr...], fuzzy)] of a .po/.pot file."""
    if polib is not None:
        return [
            (
                e.msgid,
                list(e.msgstr_plural.values()) if e.msgid_plural else [e.msgstr],
                "fuzzy" in e.flags,
            )
            for e in polib.pofile(str(path))
            if not e.obsolete
        ]
    return parse_po(Path(path).read_text("utf-8"))


def parse_po(text):
    """A small .po parser (entries are separated by blank lines) without polib."""
    entries = []
    for block in re.split(r"\n[ \t]*\n", text):
        entry, key, fuzzy = {}, None, False
        for line in (raw.strip() for raw in block.splitlines()):
            if line.startswith("#,") and "fuzzy" in line:
                fuzzy = True
            if line.startswith("#"):
                continue  # comments, references, obsolete entries
            match = re.match(
                r'^(msgctxt|msgid_plural|msgid|msgstr(?:\[\d+\])?)\s+(".*")$', line
            )
            if match:
                key = match.group(1)
                entry[key] = ast.literal_eval(match.group(2))
            elif line.startswith('"') and key:
                entry[key] += ast.literal_eval(line)
        if "msgid" in entry:
            strs = [v for k, v in entry.items() if k.startswith("msgstr")]
            entries.append((entry["msgid"], strs, fuzzy))
    return entries


# ---------------------------------------------------------------- glossary

# What a msgid holds besides words: %(name)s / %s placeholders, {name}
# placeholders, markup tags and entities. Terms are matched in the rest.
_NOT_WORDS = re.compile(r"%\([^)]*\)[a-z]|%[a-z]|\{[^{}]*\}|<[^>]*>|&[a-z]+;|&#\d+;")


def load_glossary(path=GLOSSARY):
    """[(term, translation, note)] of ``i18n/glossary.csv`` (en,zh_CN,note)."""
    with open(path, newline="", encoding="utf-8") as handle:
        return [
            (row["en"].strip(), row["zh_CN"].strip(), (row.get("note") or "").strip())
            for row in csv.DictReader(handle)
        ]


def term_pattern(term):
    """``term`` as whole words (the last one maybe plural), case-insensitive.

    Any white space separates its words; a hyphen counts as part of a word:
    "assessment" does not match in "self-assessment".
    """
    words = r"\s+".join(re.escape(word) for word in term.split())
    return re.compile(r"(?<![\w-])" + words + r"(?:s|es)?(?![\w-])", re.IGNORECASE)


def glossary_violations(entries, glossary):
    """[(msgid, msgstr, term, translation)] where a translation ignores a term.

    ``entries``: (msgid, [msgstr...], fuzzy) as :func:`po_entries` gives them;
    untranslated and fuzzy entries are left to the completeness check. Longer
    terms are matched first and mask the words they cover: in "Customer
    Service Manager" only "customer service manager" (客服经理) applies, not
    "customer" (客户).
    """
    terms = sorted(
        ((t, zh, term_pattern(t)) for t, zh, _note in glossary if t and zh),
        key=lambda item: -len(item[0]),
    )
    problems = []
    for msgid, strs, fuzzy in entries:
        if not msgid or fuzzy or not strs or not all(s.strip() for s in strs):
            continue
        text = _NOT_WORDS.sub(" ", msgid)
        for term, zh, pattern in terms:
            if not pattern.search(text):
                continue
            text = pattern.sub(" | ", text)  # masked for shorter terms
            for msgstr in strs:
                if zh not in msgstr:
                    problems.append((msgid, msgstr, term, zh))
    return problems
