/** @odoo-module **/
// The main project flow, clicked in Chinese by the user of each role: the
// project user (林涛) writes a project request (goal, dates, manager,
// accepting department, a budget line, a team member) and submits it; the
// Project Management Manager (高远) approves it and the project is created;
// 林涛 writes the plan set (a milestone, an acceptance criterion, the status
// update of the communication plan) and submits it; 高远 approves it; 林涛
// records a risk, checks the acceptance criterion himself and requests the
// acceptance; the manager of the accepting Sales department (李娜) accepts
// the project; 林涛 writes the lessons learned; 高远 evaluates the project
// and 林涛 closes it.
// Driven by bizreg_project/tests/test_tour_flow.py, which checks the
// records between the tours.

import { registry } from "@web/core/registry";

const tours = registry.category("web_tour.tours");
const saved = {
    content: "the form is saved",
    trigger: ".o_form_view .o_form_status_indicator_buttons.invisible:not(:visible)",
};
const ROOT = "bizreg_project.bizreg_project_menu_root";
const REQUEST_LIST = ".o_list_view th[data-name=manager_user_id]";
const PROJECT = "销售订单协同平台建设";

function openMenu(section, item) {
    const steps = [
        { content: "open the apps menu", trigger: ".o_navbar_apps_menu button", run: "click" },
        { trigger: `.o_app[data-menu-xmlid='${ROOT}']`, run: "click" },
        // the app opens on its first menu, the project requests: wait for it,
        // or it replaces the view opened by the next clicks when it comes
        { content: "the app is open", trigger: REQUEST_LIST },
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

function row(list) {
    return `.o_field_widget[name=${list}] .o_data_row`;
}

function rowField(list, field) {
    return `.o_field_widget[name=${list}] .o_data_row .o_field_widget[name=${field}]`;
}

function addRow(list) {
    return {
        content: `add a line to ${list}`,
        trigger: `.o_field_widget[name=${list}] .o_field_x2many_list_row_add a`,
        run: "click",
    };
}

function tab(name) {
    return { content: `open the ${name} tab`, trigger: `.o_notebook .nav-link[name=${name}]`, run: "click" };
}

function save(what) {
    return [
        { content: `save the ${what}`, trigger: ".o_form_button_save:enabled", run: "click" },
        saved,
    ];
}

// Reviewer: approves the record open on the screen (the approval box of the
// tier validation).
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

// 林涛: writes the project request and submits it.
tours.add("bizreg_project_flow_request", {
    steps: () => [
        ...openMenu(
            "bizreg_project.bizreg_project_menu_initiation",
            "bizreg_project.bizreg_project_request_menu"
        ),
        { content: "the list of the project requests", trigger: REQUEST_LIST },
        { content: "new project request", trigger: ".o_list_button_add", run: "click" },
        { trigger: ".o_field_widget[name=name] input", run: `edit ${PROJECT}` },
        { trigger: ".o_field_widget[name=date_start] input", run: "edit +1d" },
        { trigger: ".o_field_widget[name=date_end] input", run: "edit +120d" },
        ...pick("manager_user_id", "林涛"),
        ...pick("accepting_department_id", "销售部"),
        {
            trigger: ".o_field_widget[name=goal] textarea",
            run: "edit 销售订单从报价到交付全程在线协同,订单处理时间缩短 30%。",
        },
        tab("budget"),
        addRow("budget_line_ids"),
        ...pick("category_id", "人工", row("budget_line_ids")),
        { trigger: `${rowField("budget_line_ids", "name")} input`, run: "edit 开发与实施人工" },
        { trigger: `${rowField("budget_line_ids", "amount")} input`, run: "edit 80000" },
        tab("team"),
        addRow("member_ids"),
        ...pick("user_id", "何静", row("member_ids")),
        ...pick("role_id", "技术负责人", row("member_ids")),
        { trigger: `${rowField("member_ids", "responsibility")} textarea`, run: "edit 接口开发与系统测试" },
        ...save("request"),
        {
            content: "the budget is the line's",
            trigger: ".o_field_widget[name=budget_total]:contains(80,000)",
        },
        {
            content: "submit the request for approval",
            trigger: ".o_form_statusbar button[name=action_submit]",
            run: "click",
        },
        status("to_approve"),
        {
            content: "the request is numbered",
            trigger: ".o_field_widget[name=bizreg_number]:contains(PJ-)",
        },
    ],
});

// 高远: approves the request (below 100,000: he alone); the project is created.
tours.add("bizreg_project_flow_request_approve", {
    steps: () => [
        ...approve("approved"),
        {
            content: "the project was created",
            trigger: ".o_form_view button[name=action_view_project]:visible",
        },
    ],
});

// 林涛: writes the plan set of the new project (a milestone of its schedule,
// an acceptance criterion, the status update) and submits it.
tours.add("bizreg_project_flow_plan", {
    steps: () => [
        ...openMenu(
            "bizreg_project.bizreg_project_menu_execution",
            "bizreg_project.bizreg_project_plan_menu"
        ),
        { content: "the list of the plans", trigger: ".o_list_view th[data-name=version]" },
        { content: "new plan set", trigger: ".o_list_button_add", run: "click" },
        { trigger: ".o_field_widget[name=name] input", run: "edit 销售订单协同平台项目计划" },
        ...pick("project_id", PROJECT),
        {
            content: "the schedule: the project's milestones",
            trigger: ".o_form_view button[name=action_view_milestones]",
            run: "click",
        },
        { content: "new milestone", trigger: ".o_list_button_add", run: "click" },
        { trigger: ".o_data_row .o_field_widget[name=name] input", run: "edit 系统上线" },
        { trigger: ".o_data_row .o_field_widget[name=deadline] input", run: "edit +90d" },
        { content: "save the milestone", trigger: ".o_list_button_save", run: "click" },
        {
            content: "the milestone is saved",
            trigger: ".o_list_view:not(:has(.o_selected_row)) .o_data_row td[name=name]:contains(系统上线)",
        },
        { content: "back to the plan", trigger: ".o_breadcrumb .o_back_button", run: "click" },
        {
            content: "the schedule shows the milestone",
            trigger: ".o_field_widget[name=milestone_ids] .o_data_row:contains(系统上线)",
        },
        tab("quality"),
        addRow("quality_criterion_ids"),
        { trigger: `${rowField("quality_criterion_ids", "name")} input`, run: "edit 报价到发货全流程在线完成" },
        { trigger: `${rowField("quality_criterion_ids", "check_method")} textarea`, run: "edit 集成测试报告与销售部签字确认" },
        tab("communication"),
        addRow("communication_ids"),
        { trigger: `${rowField("communication_ids", "kind")} select`, run: 'select "status_update"' },
        { trigger: `${rowField("communication_ids", "name")} input`, run: "edit 项目周报" },
        { trigger: `${rowField("communication_ids", "cadence_days")} input`, run: "edit 7" },
        ...save("plan"),
        {
            content: "submit the plan set for approval",
            trigger: ".o_form_statusbar button[name=action_submit]",
            run: "click",
        },
        status("to_approve"),
        {
            content: "the plan set is numbered",
            trigger: ".o_field_widget[name=bizreg_number]:contains(PP-)",
        },
    ],
});

// 高远: approves the plan set; the project goes into execution.
tours.add("bizreg_project_flow_plan_approve", {
    steps: () => approve("approved"),
});

// 林涛: records a risk of the project in its risk register.
tours.add("bizreg_project_flow_risk", {
    steps: () => [
        ...openMenu(
            "bizreg_project.bizreg_project_menu_execution",
            "bizreg_project.bizreg_project_risk_menu"
        ),
        { content: "the risk register", trigger: ".o_list_view th[data-name=probability]" },
        { content: "new risk", trigger: ".o_list_button_add", run: "click" },
        { trigger: ".o_field_widget[name=name] input", run: "edit 销售部关键用户测试时间不足" },
        ...pick("project_id", PROJECT),
        { trigger: ".o_field_widget[name=probability] input", run: "edit 3" },
        { trigger: ".o_field_widget[name=impact] input", run: "edit 4" },
        { trigger: ".o_field_widget[name=review_date] input", run: "edit +14d" },
        { trigger: ".o_field_widget[name=strategy] select", run: 'select "mitigate"' },
        {
            trigger: ".o_field_widget[name=response] textarea",
            run: "edit 提前两周约定测试排期,由销售部指定后备测试人员。",
        },
        ...save("risk"),
        {
            content: "the score is probability × impact",
            trigger: ".o_field_widget[name=score]:contains(12)",
        },
    ],
});

// 林涛: checks the acceptance criterion and requests the acceptance.
tours.add("bizreg_project_flow_acceptance", {
    steps: () => [
        ...openMenu(
            "bizreg_project.bizreg_project_menu_acceptance",
            "bizreg_project.bizreg_project_acceptance_menu"
        ),
        { content: "the acceptances", trigger: ".o_list_view th[data-name=request_count]" },
        { content: "new acceptance", trigger: ".o_list_button_add", run: "click" },
        ...pick("project_id", PROJECT),
        tab("summary"),
        {
            trigger: ".o_field_widget[name=summary] textarea",
            run: "edit 平台已上线,报价到发货全流程在线运行。",
        },
        ...save("acceptance"),
        tab("checks"),
        {
            content: "the self-check lists the plan's criterion",
            trigger: ".o_field_widget[name=check_ids] .o_data_row:contains(报价到发货全流程在线完成)",
        },
        {
            content: "edit the self-check line",
            trigger: ".o_field_widget[name=check_ids] .o_data_row td[name=evidence]",
            run: "click",
        },
        { trigger: `${rowField("check_ids", "result")} select`, run: 'select "passed"' },
        { trigger: `${rowField("check_ids", "evidence")} textarea`, run: "edit 集成测试报告已由销售部签字" },
        ...save("self-check"),
        {
            content: "request the acceptance",
            trigger: ".o_form_statusbar button[name=action_submit]:visible",
            run: "click",
        },
        status("to_approve"),
    ],
});

// 李娜: manager of the accepting department, accepts the project.
tours.add("bizreg_project_flow_acceptance_approve", {
    steps: () => [
        ...approve("accepted"),
        {
            content: "the certificate can be printed",
            trigger: ".o_form_statusbar button[name=action_print_certificate]:visible",
        },
    ],
});

// 林涛: writes the lessons learned of the project.
tours.add("bizreg_project_flow_lesson", {
    steps: () => [
        ...openMenu(
            "bizreg_project.bizreg_project_menu_acceptance",
            "bizreg_project.bizreg_project_lesson_menu"
        ),
        { content: "new lessons learned", trigger: ".o-kanban-button-new", run: "click" },
        { trigger: ".o_field_widget[name=name] input", run: "edit 关键用户尽早参与测试" },
        ...pick("project_id", PROJECT),
        { trigger: ".o_field_widget[name=tags] input", run: "edit 测试, 关键用户" },
        { trigger: ".o_field_widget[name=went_well] textarea", run: "edit 销售部全程参与需求评审,验收一次通过。" },
        { trigger: ".o_field_widget[name=went_wrong] textarea", run: "edit 测试排期两次调整。" },
        {
            trigger: ".o_field_widget[name=recommendations] textarea",
            run: "edit 立项时即约定关键用户的测试时间。",
        },
        ...save("lessons learned"),
    ],
});

// 高远: evaluates the finished project.
tours.add("bizreg_project_flow_evaluation", {
    steps: () => [
        ...openMenu(
            "bizreg_project.bizreg_project_menu_acceptance",
            "bizreg_project.bizreg_project_evaluation_menu"
        ),
        { content: "the evaluations", trigger: ".o_list_view th[data-name=schedule_score]" },
        { content: "new evaluation", trigger: ".o_list_button_add", run: "click" },
        ...pick("project_id", PROJECT),
        { trigger: ".o_field_widget[name=schedule_score] input", run: "edit 4" },
        { trigger: ".o_field_widget[name=quality_score] input", run: "edit 5" },
        { trigger: ".o_field_widget[name=cost_score] input", run: "edit 4" },
        { trigger: ".o_field_widget[name=collaboration_score] input", run: "edit 5" },
        { trigger: ".o_field_widget[name=comments] textarea", run: "edit 按期验收,团队与销售部配合良好。" },
        ...save("evaluation"),
        {
            content: "the overall score is the average",
            trigger: ".o_field_widget[name=overall_score]:contains(4.50)",
        },
    ],
});

// 林涛: closes the project (acceptance, lessons learned and evaluation done).
tours.add("bizreg_project_flow_close", {
    steps: () => [
        {
            content: "close the project",
            trigger: ".o_form_view button[name=action_bizreg_close]",
            run: "click",
        },
        { content: "confirm", trigger: ".modal-footer .btn-primary", run: "click" },
        {
            content: "the project is closed: no close button any more",
            trigger: "body:not(:has(.modal)) .o_form_view:not(:has(button[name=action_bizreg_close]))",
        },
    ],
});
