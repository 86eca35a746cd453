#!/usr/bin/env python3
"""Write the spreadsheet dashboards of the ``bizreg`` module.

``addons/bizreg/data/files/bizreg_<key>_dashboard.json`` for the Director and
each area manager, in the o-spreadsheet format of Odoo 18.0's
``spreadsheet_dashboard`` (the format of its own dashboards, e.g.
``spreadsheet_dashboard_sale``).  Each block is an Odoo pivot: a title that
opens the records behind it, one row per group (top ten) and a total; every
value is a ``PIVOT.VALUE`` cell, which the dashboard opens as the records it
counts.  The pivots read with the viewer's rights, so a department manager
sees his department's figures and the Director the company's.

Run ``python3 tools/gen_dashboards.py`` after changing ``DASHBOARDS``; the
files are the module's data and are committed.
"""

import json
from pathlib import Path
from xml.sax.saxutils import escape

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "addons" / "bizreg" / "data" / "files"
TOP = 10  # groups shown per block


def block(title, model, domain, row, measures, labels, department=True):
    """A pivot block: ``labels`` are the header of the row column and of each
    measure (``__count`` counts records). ``department``: the block follows
    the dashboard's Department filter through the model's department (the
    department mixin's ``department_id`` on bizreg's models, its
    ``bizreg_department_id`` on Odoo's); False for a model without one."""
    if department is True:
        department = (
            "department_id" if model.startswith("bizreg.") else "bizreg_department_id"
        )
    return {
        "title": title,
        "model": model,
        "domain": domain,
        "row": row,
        "measures": measures,
        "labels": labels,
        "department": department,
    }


# The dashboards' global filters: {id: (label, filter, field matching of a
# block or None)}. Every block has a company and a creation date; the
# department where its model has one.
FILTERS = {
    "bizreg_filter_department": (
        "Department",
        {"type": "relation", "modelName": "hr.department"},
        lambda spec: (
            spec["department"] and {"chain": spec["department"], "type": "many2one"}
        ),
    ),
    "bizreg_filter_company": (
        "Company",
        {"type": "relation", "modelName": "res.company"},
        lambda spec: {"chain": "company_id", "type": "many2one"},
    ),
    "bizreg_filter_created": (
        "Created on",
        {"type": "date", "rangeType": "relative"},
        lambda spec: {"chain": "create_date", "type": "datetime", "offset": 0},
    ),
}


def global_filters():
    filters = []
    for filter_id, (label, spec, _matching) in FILTERS.items():
        entry = {"id": filter_id, "label": label, **spec}
        if spec["type"] == "relation":
            entry.update(defaultValue=[], defaultValueDisplayNames=[])
        filters.append(entry)
    return filters


def field_matching(spec):
    """The pivot's fields each global filter applies to (none: not applied)."""
    matching = {}
    for filter_id, (_label, _spec, match) in FILTERS.items():
        if found := match(spec):
            matching[filter_id] = found
    return matching


PENDING_APPROVALS = block(
    "Approvals waiting",
    "tier.review",
    [["status", "=", "pending"]],
    "definition_id",
    ["__count"],
    ["Approval Rule", "Waiting"],
    department=False,
)
ESCALATED_APPROVALS = block(
    "Approvals escalated",
    "tier.review",
    [["status", "=", "pending"], ["bizreg_escalated_date", "!=", False]],
    "definition_id",
    ["__count"],
    ["Approval Rule", "Escalated"],
    department=False,
)
CONTRACT_PIPELINE = block(
    "Contract pipeline",
    "sale.order",
    [["bizreg_contract_state", "not in", ["quotation", "cancel"]]],
    "bizreg_contract_state",
    ["__count", "amount_total"],
    ["Contract Status", "Contracts", "Amount"],
)
COMPLAINTS = block(
    "Complaints by resolution",
    "helpdesk.ticket",
    [["bizreg_kind", "=", "complaint"]],
    "bizreg_resolution",
    ["__count"],
    ["Resolution", "Complaints"],
)
COMPLAINTS_ESCALATED = block(
    "Open complaints past a deadline",
    "helpdesk.ticket",
    [
        ["bizreg_kind", "=", "complaint"],
        ["bizreg_closed", "=", False],
        ["bizreg_escalation_level", ">", 0],
    ],
    "bizreg_escalation_level",
    ["__count"],
    ["Escalation Level", "Complaints"],
)
ACTIONS_OVERDUE = block(
    "Meeting action items overdue",
    "bizreg.meeting.action",
    [["is_overdue", "=", True]],
    "meeting_department_id",
    ["__count"],
    ["Department", "Overdue"],
)
ACTIONS_ON_TIME = block(
    "Meeting action items",
    "bizreg.meeting.action",
    [["state", "!=", "cancel"]],
    "state",
    ["__count", "on_time_rate"],
    ["Status", "Items", "On Time (%)"],
)
BORROWINGS_OVERDUE = block(
    "Document borrowings overdue",
    "bizreg.document.borrowing",
    [["is_overdue", "=", True]],
    "state",
    ["__count"],
    ["Status", "Overdue"],
)
DEFECTS_OVERDUE = block(
    "Defects past their deadline",
    "bizreg.rnd.defect",
    [["is_overdue", "=", True]],
    "severity",
    ["__count"],
    ["Severity", "Defects"],
)
PROJECT_HEALTH = block(
    "Project health (risks)",
    "project.project",
    [["bizreg_risk_health", "!=", False]],
    "bizreg_risk_health",
    ["__count"],
    ["Risk Health", "Projects"],
)
PROJECT_PHASES = block(
    "Projects by phase",
    "project.project",
    [["bizreg_phase", "!=", False]],
    "bizreg_phase",
    ["__count"],
    ["Phase", "Projects"],
)
APPRAISAL_PROGRESS = block(
    "Appraisal progress",
    "bizreg.appraisal",
    [],
    "state",
    ["__count", "final_score"],
    ["Cycle Status", "Appraisals", "Final Score"],
)
RESEARCH_REPORTS = block(
    "Research reports",
    "bizreg.marketing.research.report",
    [],
    "state",
    ["__count"],
    ["Status", "Reports"],
)
MARKETING_PLANS = block(
    "Marketing plans",
    "bizreg.marketing.plan",
    [],
    "state",
    ["__count"],
    ["Status", "Plans"],
)
REQUIREMENTS = block(
    "Product requirements",
    "bizreg.rnd.requirement",
    [],
    "state",
    ["__count"],
    ["Status", "Requirements"],
)
RELEASES = block(
    "Releases",
    "bizreg.rnd.release",
    [],
    "state",
    ["__count"],
    ["Status", "Releases"],
)
DRILLS = block(
    "Restore drills",
    "bizreg.data.drill",
    [],
    "state",
    ["__count"],
    ["Result", "Drills"],
    department=False,
)
DOCUMENT_VERSIONS = block(
    "Document versions",
    "bizreg.document.version",
    [],
    "state",
    ["__count"],
    ["Status", "Versions"],
)


def kpis(title, area_code=None):
    domain = [["kpi_id.area_id.code", "=", area_code]] if area_code else []
    return block(
        title,
        "bizreg.appraisal.line",
        domain,
        "kpi_id",
        ["target", "actual_value", "achievement"],
        ["KPI", "Target", "Actual", "Achievement (%)"],
    )


# key: (name, groups, blocks)
DASHBOARDS = {
    "director": (
        "Regulation: Director",
        ["bizreg_base.group_bizreg_director", "bizreg_base.group_bizreg_auditor"],
        [
            PENDING_APPROVALS,
            ESCALATED_APPROVALS,
            CONTRACT_PIPELINE,
            COMPLAINTS_ESCALATED,
            ACTIONS_OVERDUE,
            BORROWINGS_OVERDUE,
            DEFECTS_OVERDUE,
            PROJECT_HEALTH,
            DRILLS,
            APPRAISAL_PROGRESS,
            kpis("KPIs against targets"),
        ],
    ),
    "sale": (
        "Regulation: Sales",
        ["bizreg_sale.group_bizreg_sale_manager"],
        [
            CONTRACT_PIPELINE,
            PENDING_APPROVALS,
            ESCALATED_APPROVALS,
            APPRAISAL_PROGRESS,
            kpis("Sales KPIs against targets", "XS"),
        ],
    ),
    "service": (
        "Regulation: Customer Service",
        ["bizreg_helpdesk.group_bizreg_service_manager"],
        [
            COMPLAINTS,
            COMPLAINTS_ESCALATED,
            PENDING_APPROVALS,
            APPRAISAL_PROGRESS,
            kpis("Service KPIs against targets", "KF"),
        ],
    ),
    "marketing": (
        "Regulation: Marketing",
        ["bizreg_marketing.group_bizreg_marketing_manager"],
        [
            RESEARCH_REPORTS,
            MARKETING_PLANS,
            PENDING_APPROVALS,
            APPRAISAL_PROGRESS,
            kpis("Marketing KPIs against targets", "SC"),
        ],
    ),
    "rnd": (
        "Regulation: R&D",
        ["bizreg_rnd.group_bizreg_rnd_manager"],
        [
            REQUIREMENTS,
            RELEASES,
            DEFECTS_OVERDUE,
            PENDING_APPROVALS,
            APPRAISAL_PROGRESS,
            kpis("R&D KPIs against targets", "YF"),
        ],
    ),
    "project": (
        "Regulation: Projects",
        ["bizreg_project.group_bizreg_project_manager"],
        [
            PROJECT_HEALTH,
            PROJECT_PHASES,
            ACTIONS_OVERDUE,
            PENDING_APPROVALS,
            APPRAISAL_PROGRESS,
            kpis("Project KPIs against targets", "XM"),
        ],
    ),
    "data": (
        "Regulation: Data",
        ["bizreg_data.group_bizreg_data_manager"],
        [DRILLS, PENDING_APPROVALS, ESCALATED_APPROVALS],
    ),
    "document": (
        "Regulation: Documents",
        ["bizreg_document.group_bizreg_document_manager"],
        [DOCUMENT_VERSIONS, BORROWINGS_OVERDUE, PENDING_APPROVALS],
    ),
    "meeting": (
        "Regulation: Meetings",
        ["bizreg_meeting.group_bizreg_meeting_manager"],
        [ACTIONS_ON_TIME, ACTIONS_OVERDUE, PENDING_APPROVALS],
    ),
}


def _col(index):
    return "ABCDEFGHIJ"[index]


def _t(text):
    return "=_t(" + json.dumps(text, ensure_ascii=False) + ")"


def _link(spec):
    action = {
        "viewType": "list",
        "action": {
            "domain": spec["domain"],
            "context": {},
            "modelName": spec["model"],
            "views": [[False, "list"], [False, "form"]],
        },
        "threshold": 0,
        "name": spec["title"],
    }
    return f"[{spec['title']}](odoo://view/{json.dumps(action, separators=(',', ':'))})"


def dashboard(blocks):
    cells, pivots, rows = {}, {}, {}
    y = 0
    for index, spec in enumerate(blocks):
        pid = str(index + 1)
        x = 0 if index % 2 == 0 else 5  # two blocks a row: A..D and F..I
        if index % 2 == 0 and index:
            y += TOP + 5
        pivots[pid] = {
            "type": "ODOO",
            "id": pid,
            "formulaId": pid,
            "name": spec["title"],
            "model": spec["model"],
            "domain": spec["domain"],
            "context": {},
            "measures": [{"id": m, "fieldName": m} for m in spec["measures"]],
            "columns": [],
            "rows": [{"fieldName": spec["row"]}],
            "sortedColumn": None,
            "fieldMatching": field_matching(spec),
        }
        cells[f"{_col(x)}{y + 1}"] = {"content": _link(spec), "style": 1}
        rows[str(y)] = {"size": 40}
        for offset, label in enumerate(spec["labels"]):
            cells[f"{_col(x + offset)}{y + 2}"] = {
                "content": _t(label),
                "style": 2 if offset == 0 else 3,
                "border": 1,
            }
        row_ref = json.dumps("#" + spec["row"])
        for n in range(1, TOP + 1):
            line = y + 2 + n
            cells[f"{_col(x)}{line}"] = {
                "content": f"=PIVOT.HEADER({pid},{row_ref},{n})"
            }
            for offset, measure in enumerate(spec["measures"], start=1):
                cells[f"{_col(x + offset)}{line}"] = {
                    "content": f'=PIVOT.VALUE({pid},"{measure}",{row_ref},{n})',
                    "format": 1 if measure == "__count" else 2,
                }
        total = y + 3 + TOP
        cells[f"{_col(x)}{total}"] = {"content": _t("Total"), "style": 4, "border": 2}
        for offset, measure in enumerate(spec["measures"], start=1):
            cells[f"{_col(x + offset)}{total}"] = {
                "content": f'=PIVOT.VALUE({pid},"{measure}")',
                "style": 4,
                "border": 2,
                "format": 1 if measure == "__count" else 2,
            }
    height = y + TOP + 6
    return {
        "version": 21,
        "sheets": [
            {
                "id": "sheet1",
                "name": "Dashboard",
                "colNumber": 9,
                "rowNumber": height,
                "rows": rows,
                "cols": {
                    "0": {"size": 230},
                    "1": {"size": 90},
                    "2": {"size": 90},
                    "3": {"size": 110},
                    "4": {"size": 30},
                    "5": {"size": 230},
                    "6": {"size": 90},
                    "7": {"size": 90},
                    "8": {"size": 110},
                },
                "merges": [],
                "cells": cells,
                "conditionalFormats": [],
                "figures": [],
                "tables": [],
                "areGridLinesVisible": False,
                "isVisible": True,
                "headerGroups": {"ROW": [], "COL": []},
                "dataValidationRules": [],
                "comments": {},
            }
        ],
        "styles": {
            "1": {"textColor": "#01666b", "fontSize": 14, "bold": True},
            "2": {"textColor": "#434343", "bold": True},
            "3": {"textColor": "#434343", "bold": True, "align": "right"},
            "4": {"bold": True, "fillColor": "#f2f2f2"},
        },
        "formats": {"1": "0", "2": "#,##0.00"},
        "borders": {
            "1": {"bottom": {"style": "thin", "color": "#CCCCCC"}},
            "2": {"top": {"style": "thin", "color": "#CCCCCC"}},
        },
        "revisionId": "START_REVISION",
        "uniqueFigureIds": True,
        "settings": {
            "locale": {
                "name": "English (US)",
                "code": "en_US",
                "thousandsSeparator": ",",
                "decimalSeparator": ".",
                "dateFormat": "mm/dd/yyyy",
                "timeFormat": "hh:mm:ss",
                "formulaArgSeparator": ",",
                "weekStart": 7,
            }
        },
        "pivots": pivots,
        "pivotNextId": len(pivots) + 1,
        "customTableStyles": {},
        "odooVersion": 12,
        "globalFilters": global_filters(),
        "lists": {},
        "listNextId": 1,
        "chartOdooMenusReferences": {},
    }


def records_xml():
    """The ``spreadsheet.dashboard`` records of the files, in one group."""
    lines = [
        '<?xml version="1.0" encoding="UTF-8" ?>',
        "<!-- Written by tools/gen_dashboards.py: change DASHBOARDS there. -->",
        "<odoo>",
        '    <record id="spreadsheet_dashboard_group_bizreg" '
        'model="spreadsheet.dashboard.group">',
        '        <field name="name">Business Regulation</field>',
        '        <field name="sequence" eval="150" />',
        "    </record>",
    ]
    for sequence, (key, (name, groups, _blocks)) in enumerate(
        DASHBOARDS.items(), start=1
    ):
        refs = ", ".join(f"ref('{group}')" for group in groups)
        lines += [
            "",
            f'    <record id="spreadsheet_dashboard_{key}" '
            'model="spreadsheet.dashboard">',
            f'        <field name="name">{escape(name)}</field>',
            '        <field name="spreadsheet_binary_data" type="base64" '
            f'file="bizreg/data/files/bizreg_{key}_dashboard.json" />',
            '        <field name="dashboard_group_id" '
            'ref="spreadsheet_dashboard_group_bizreg" />',
            f'        <field name="group_ids" eval="[Command.set([{refs}])]" />',
            f'        <field name="sequence" eval="{sequence * 10}" />',
            '        <field name="is_published" eval="True" />',
            "    </record>",
        ]
    lines.append("</odoo>")
    return "\n".join(lines) + "\n"


def main():
    OUT.mkdir(parents=True, exist_ok=True)
    xml = OUT.parent / "bizreg_dashboard_data.xml"
    xml.write_text(records_xml(), encoding="utf-8")
    print(xml.relative_to(ROOT))
    for key, (_name, _groups, blocks) in DASHBOARDS.items():
        path = OUT / f"bizreg_{key}_dashboard.json"
        path.write_text(
            json.dumps(dashboard(blocks), indent=1, ensure_ascii=False) + "\n",
            encoding="utf-8",
        )
        print(path.relative_to(ROOT))


if __name__ == "__main__":
    main()
