/** @odoo-module **/
// The main marketing flow, clicked in Chinese by the user of each role: the
// marketing specialist plans a market research (objective, dates, a
// milestone) and submits it; the Marketing Manager approves it; the
// specialist writes the research report, the manager approves it and the
// specialist publishes it; the specialist plans the marketing activities of
// a target market with their budget, the manager approves the plan and the
// specialist starts its execution; finally the specialist reads the plan's
// effect (its PDF is rendered by the Python test).
// Driven by bizreg_marketing/tests/test_tour_flow.py, which checks the
// records between the tours.

import { registry } from "@web/core/registry";

const tours = registry.category("web_tour.tours");
const saved = {
    content: "the form is saved",
    trigger: ".o_form_view .o_form_status_indicator_buttons.invisible:not(:visible)",
};
const ROOT = "bizreg_marketing.bizreg_marketing_menu_root";
const RESEARCH_PLAN_LIST = ".o_list_view th[data-name=has_published_report]";
const PLAN_LIST = ".o_list_view th[data-name=budget_total]";

function openMenu(section, item) {
    const steps = [
        { content: "open the apps menu", trigger: ".o_navbar_apps_menu button", run: "click" },
        { trigger: `.o_app[data-menu-xmlid='${ROOT}']`, run: "click" },
        // the app opens on its first menu, the research plans: wait for it,
        // or it replaces the view opened by the next clicks when it comes
        { content: "the app is open", trigger: RESEARCH_PLAN_LIST },
        { trigger: `.o_menu_sections [data-menu-xmlid='${section}']`, run: "click" },
    ];
    if (item) {
        steps.push({ trigger: `.dropdown-item[data-menu-xmlid='${item}']`, run: "click" });
    }
    return steps;
}

function pick(field, text, scope = "") {
    return [
        { trigger: `${scope} .o_field_widget[name=${field}] input`, run: `edit ${text}` },
        { trigger: `.o-autocomplete--dropdown-item a:contains(${text})`, run: "click" },
    ];
}

function status(value) {
    return {
        content: `the record is ${value}`,
        trigger: `.o_statusbar_status button.o_arrow_button_current[data-value=${value}]`,
    };
}

function rowField(list, field) {
    return `.o_field_widget[name=${list}] .o_data_row .o_field_widget[name=${field}]`;
}

// Marketing Manager: approves the record open on the screen (the approval
// box of the tier validation).
function approve(state) {
    return [
        {
            content: "approve my review step",
            trigger: ".o_form_view button[name=validate_tier]",
            run: "click",
        },
        {
            content: "my step is done: no validate button for me any more",
            trigger: ".o_form_view:not(:has(button[name=validate_tier]))",
        },
        status(state),
    ];
}

// Specialist: plans the research and submits it.
tours.add("bizreg_marketing_flow_research_plan", {
    steps: () => [
        ...openMenu(
            "bizreg_marketing.bizreg_marketing_menu_research",
            "bizreg_marketing.bizreg_marketing_research_plan_menu"
        ),
        { content: "the list of the research plans", trigger: RESEARCH_PLAN_LIST },
        { content: "new research plan", trigger: ".o_list_button_add", run: "click" },
        { trigger: ".o_field_widget[name=name] input", run: "edit 苏南汽车零部件市场调研" },
        { trigger: ".o_field_widget[name=date_report_due] input", run: "edit +30d" },
        {
            trigger: ".o_field_widget[name=objective] .odoo-editor-editable",
            run: "editor 了解苏南汽车零部件企业对产线控制器的需求与采购周期。",
        },
        {
            trigger: ".o_field_widget[name=subject] textarea",
            run: "edit 苏州、无锡、常州的汽车零部件企业",
        },
        { content: "open the Milestones tab", trigger: ".o_notebook .nav-link[name=milestones]", run: "click" },
        {
            content: "add a milestone",
            trigger: ".o_field_widget[name=milestone_ids] .o_field_x2many_list_row_add a",
            run: "click",
        },
        { trigger: `${rowField("milestone_ids", "name")} input`, run: "edit 完成 15 家客户访谈" },
        { trigger: `${rowField("milestone_ids", "date")} input`, run: "edit +20d" },
        { content: "save the plan", trigger: ".o_form_button_save:enabled", run: "click" },
        saved,
        {
            content: "submit the plan for review",
            trigger: ".o_form_statusbar button[name=action_submit]",
            run: "click",
        },
        status("to_approve"),
    ],
});

// Marketing Manager: approves the research plan.
tours.add("bizreg_marketing_flow_research_plan_approve", {
    steps: () => approve("approved"),
});

// Specialist: writes the research report from the plan and submits it.
tours.add("bizreg_marketing_flow_research_report", {
    steps: () => [
        {
            content: "the plan's reports",
            trigger: ".o_form_view button[name=action_view_reports]",
            run: "click",
        },
        { content: "new report", trigger: ".o_list_button_add", run: "click" },
        {
            content: "the report is for the plan",
            trigger: ".o_field_widget[name=plan_id] input:value(/苏南汽车零部件/)",
        },
        { trigger: ".o_field_widget[name=name] input", run: "edit 苏南汽车零部件市场调研报告" },
        {
            trigger: ".o_field_widget[name=findings] .odoo-editor-editable",
            run: "editor 受访企业普遍计划两年内更新产线控制器，交期与本地服务是首要考虑。",
        },
        { content: "open the Recommendations tab", trigger: ".o_notebook .nav-link[name=recommendations]", run: "click" },
        {
            trigger: ".o_field_widget[name=recommendations] .odoo-editor-editable",
            run: "editor 以苏州为试点，联合本地经销商开展产品推介。",
        },
        { content: "save the report", trigger: ".o_form_button_save:enabled", run: "click" },
        saved,
        {
            content: "submit the report for review",
            trigger: ".o_form_statusbar button[name=action_submit]",
            run: "click",
        },
        status("to_approve"),
        {
            content: "the report is numbered",
            trigger: ".o_field_widget[name=bizreg_number]:contains(MR-)",
        },
    ],
});

// Marketing Manager: approves the research report.
tours.add("bizreg_marketing_flow_research_report_approve", {
    steps: () => approve("approved"),
});

// Specialist: publishes the approved report.
tours.add("bizreg_marketing_flow_research_report_publish", {
    steps: () => [
        {
            content: "publish the report",
            trigger: ".o_form_statusbar button[name=action_publish]",
            run: "click",
        },
        status("published"),
    ],
});

// Specialist: plans the marketing of the target market and submits it.
tours.add("bizreg_marketing_flow_plan", {
    steps: () => [
        ...openMenu(
            "bizreg_marketing.bizreg_marketing_menu_plans",
            "bizreg_marketing.bizreg_marketing_plan_menu"
        ),
        { content: "the list of the marketing plans", trigger: PLAN_LIST },
        { content: "new marketing plan", trigger: ".o_list_button_add", run: "click" },
        { trigger: ".o_field_widget[name=name] input", run: "edit 苏南汽车零部件推广方案" },
        ...pick("segment_id", "苏南汽车零部件企业"),
        { trigger: ".o_field_widget[name=date_start] input", run: "edit +1d" },
        { trigger: ".o_field_widget[name=date_end] input", run: "edit +60d" },
        {
            content: "add an activity",
            trigger: ".o_field_widget[name=marketing_activity_ids] .o_field_x2many_list_row_add a",
            run: "click",
        },
        { trigger: ".modal .o_field_widget[name=theme] input", run: "edit 苏州汽车零部件产线控制器推介会" },
        { trigger: ".modal .o_field_widget[name=form] input", run: "edit 技术研讨会" },
        { trigger: ".modal .o_field_widget[name=place] input", run: "edit 苏州工业园区" },
        {
            content: "add a budget line",
            trigger: ".modal .o_field_widget[name=budget_line_ids] .o_field_x2many_list_row_add a",
            run: "click",
        },
        { trigger: `.modal ${rowField("budget_line_ids", "name")} input`, run: "edit 会场与餐饮" },
        { trigger: `.modal ${rowField("budget_line_ids", "category")} select`, run: 'select "venue"' },
        { trigger: `.modal ${rowField("budget_line_ids", "amount")} input`, run: "edit 30000" },
        { content: "save the activity", trigger: ".modal .o_form_button_save:enabled", run: "click" },
        {
            content: "the activity is on the plan",
            trigger: "body:not(:has(.modal)) .o_field_widget[name=marketing_activity_ids] .o_data_row:contains(推介会)",
        },
        { content: "save the plan", trigger: ".o_form_button_save:enabled", run: "click" },
        saved,
        {
            content: "the budget is the activity's",
            trigger: ".o_field_widget[name=budget_total]:contains(30,000)",
        },
        {
            content: "submit the plan for approval",
            trigger: ".o_form_statusbar button[name=action_submit]",
            run: "click",
        },
        status("to_approve"),
    ],
});

// Marketing Manager: approves the marketing plan (budget below 50,000: the
// manager alone).
tours.add("bizreg_marketing_flow_plan_approve", {
    steps: () => approve("approved"),
});

// Specialist: starts the execution (each activity opens a UTM campaign).
tours.add("bizreg_marketing_flow_plan_execute", {
    steps: () => [
        {
            content: "start the execution",
            trigger: ".o_form_statusbar button[name=action_start_execution]",
            run: "click",
        },
        status("running"),
    ],
});

// Specialist: finds the plan and reads its effect; the effect report can be
// printed from here.
tours.add("bizreg_marketing_flow_plan_effect", {
    steps: () => [
        ...openMenu(
            "bizreg_marketing.bizreg_marketing_menu_plans",
            "bizreg_marketing.bizreg_marketing_plan_menu"
        ),
        { content: "the list of the marketing plans", trigger: PLAN_LIST },
        {
            content: "open the plan",
            trigger: ".o_list_view .o_data_row td[name=name]:contains(苏南汽车零部件推广方案)",
            run: "click",
        },
        status("running"),
        { content: "open the Objective and Targets tab", trigger: ".o_notebook .nav-link[name=targets]", run: "click" },
        {
            content: "the leads of the activity's campaign are counted",
            trigger: ".o_field_widget[name=effect_leads]:contains(2)",
        },
        {
            content: "one of them became an opportunity",
            trigger: ".o_field_widget[name=effect_opportunities]:contains(1)",
        },
        {
            content: "the effect report can be printed",
            trigger: ".o_form_statusbar button[name=action_print_effect]:visible",
        },
    ],
});
