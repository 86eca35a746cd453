"""The suite's zh_CN glossary (i18n/glossary.csv) and every module against it."""

import pytest
from staticlib import (
    ADDONS,
    GLOSSARY,
    MODULES,
    glossary_violations,
    load_glossary,
    parse_po,
    po_entries,
)

# Terms the regulation's readers know by these words (issue 11).
CORE = {
    "approval": "审批",
    "countersign": "会签",
    "reject": "驳回",
    "contract review": "合同评审",
    "complaint": "投诉",
    "return visit": "回访",
    "appraisal cycle": "考核周期",
    "consultation": "咨询",
    "numbering rule": "编号规则",
    "regulation administrator": "制度管理员",
    "auditor": "审计员",
    "director": "总监",
}


def test_glossary_is_one_term_one_translation():
    rows = load_glossary()
    assert rows, f"{GLOSSARY} is empty"
    terms = [term for term, _zh, _note in rows]
    assert all(t and t == t.lower() and t == t.strip() for t in terms), (
        "glossary terms are lower-case English words"
    )
    duplicates = sorted({t for t in terms if terms.count(t) > 1})
    assert not duplicates, f"terms listed twice: {duplicates}"
    assert all(zh for _t, zh, _note in rows), "a term without translation"
    glossary = {term: zh for term, zh, _note in rows}
    assert {t: glossary.get(t) for t in CORE} == CORE


def test_glossary_matching_rules():
    glossary = [
        ("complaint", "投诉", ""),
        ("customer", "客户", ""),
        ("customer service manager", "客服经理", ""),
        ("assessment", "评估", ""),
        ("kpi", "指标", ""),
    ]
    text = (
        'msgid ""\nmsgstr ""\n\n'
        'msgid "Complaints"\nmsgstr "投诉"\n\n'  # plural, capitalised: checked, fine
        'msgid "Open complaints of %(customer)s"\nmsgstr "未结投诉"\n\n'  # placeholder
        'msgid "<b>Customer</b> Service Manager"\nmsgstr "客服经理"\n\n'  # longest
        'msgid "Self-assessment"\nmsgstr "自评"\n\n'  # hyphenated word
        'msgid "Complaintless"\nmsgstr "无"\n\n'  # not a whole word
        'msgid "Customers"\nmsgstr "顾客"\n\n'  # wrong
        'msgid "A KPI value"\nmsgstr "KPI 数值"\n\n'  # wrong
        '#, fuzzy\nmsgid "Complaint"\nmsgstr "抱怨"\n\n'  # fuzzy: not checked here
        'msgid "Complaint class"\nmsgstr ""\n'  # untranslated: not checked here
    )
    found = {(m, t) for m, _s, t, _zh in glossary_violations(parse_po(text), glossary)}
    assert found == {("Customers", "customer"), ("A KPI value", "kpi")}


@pytest.mark.parametrize("module", MODULES)
def test_zh_CN_follows_glossary(module):
    po = ADDONS / module / "i18n" / "zh_CN.po"
    if not po.is_file():
        pytest.fail("no i18n/zh_CN.po (see test_i18n_files_exist)")
    problems = glossary_violations(po_entries(po), load_glossary())
    assert not problems, (
        f"{len(problems)} zh_CN translation(s) ignore i18n/glossary.csv "
        "(fix the msgstr, or the glossary if its choice is wrong):\n"
        + "\n".join(
            f"  {term!r} -> {zh}: {msgid[:70]!r} = {msgstr[:40]!r}"
            for msgid, msgstr, term, zh in problems
        )
    )
