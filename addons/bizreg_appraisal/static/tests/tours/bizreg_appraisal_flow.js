/** @odoo-module **/
// The main appraisal flow, clicked in Chinese by the user of each role: HR
// opens the cycle (2024-06, Sales, one employee) and starts it; the employee
// assesses himself; HR opens the evaluations; his manager and his peer
// evaluate him; HR computes the results and requests their approval; a
// second HR officer and the Director approve; HR publishes; the employee
// reads his result under 我的考核.
// Driven by bizreg_appraisal/tests/test_tour_flow.py.

import { registry } from "@web/core/registry";

const tours = registry.category("web_tour.tours");
const CYCLE = "AP-2024-06";

function openMenu(section, item) {
    return [
        { content: "open the apps menu", trigger: ".o_navbar_apps_menu button", run: "click" },
        { trigger: ".o_app[data-menu-xmlid='bizreg_base.bizreg_menu_root']", run: "click" },
        { trigger: `.o_menu_sections [data-menu-xmlid='${section}']`, run: "click" },
        { trigger: `.dropdown-item[data-menu-xmlid='${item}']`, run: "click" },
    ];
}

function pickTag(field, text, scope = "") {
    return [
        { trigger: `${scope} .o_field_widget[name=${field}] input`, run: `edit ${text}` },
        { trigger: `.o-autocomplete--dropdown-item a:contains(${text})`, run: "click" },
        { trigger: `${scope} .o_field_widget[name=${field}] .o_tag:contains(${text})` },
    ];
}

function clickButton(name, content) {
    return { content, trigger: `.o_form_statusbar button[name=${name}]`, run: "click" };
}

function inState(state) {
    return {
        content: `the cycle is in state ${state}`,
        trigger: `.o_statusbar_status button.o_arrow_button_current[data-value=${state}]`,
    };
}

// HR: opens the cycle with the wizard and starts the self-assessment.
tours.add("bizreg_appraisal_flow_open", {
    steps: () => [
        ...openMenu("bizreg_appraisal.bizreg_appraisal_menu_root", "bizreg_appraisal.bizreg_appraisal_cycle_open_menu"),
        { trigger: ".modal .o_field_widget[name=cycle_type] select", run: 'select "monthly"' },
        { trigger: ".modal .o_field_widget[name=year] input", run: "edit 2024" },
        { trigger: ".modal .o_field_widget[name=period] input", run: "edit 6" },
        // departments are found and shown by their name in the user's language
        ...pickTag("department_ids", "销售部", ".modal"),
        ...pickTag("employee_ids", "林晓东", ".modal"),
        {
            content: "HR chooses the peers himself",
            trigger: ".modal .o_field_widget[name=suggest_peers] input",
            run: "uncheck",
        },
        { content: "open the cycle", trigger: ".modal button[name=action_open]", run: "click" },
        {
            trigger: `body:not(:has(.modal)) .o_form_view .o_field_widget[name=name]:contains(${CYCLE})`,
        },
        clickButton("action_start", "start the self-assessment"),
        inState("self_assessment"),
    ],
});

// Any evaluator (self, manager, peer): scores every criterion and submits.
tours.add("bizreg_appraisal_flow_evaluate", {
    steps: () => [
        {
            content: "give four stars to every criterion",
            trigger: ".o_field_widget[name=line_ids] .o_data_row a.o_priority_star",
            async run() {
                const rows = ".o_field_widget[name=line_ids] .o_data_row";
                const count = document.querySelectorAll(rows).length;
                for (let i = 0; i < count; i++) {
                    document
                        .querySelectorAll(rows)
                        [i].querySelectorAll("a.o_priority_star")[3]
                        .click();
                    await new Promise((resolve) => setTimeout(resolve, 100));
                }
            },
        },
        clickButton("action_submit", "submit the evaluation"),
        {
            content: "the evaluation is submitted",
            trigger: ".o_statusbar_status button.o_arrow_button_current[data-value=submitted]",
        },
    ],
});

// HR: the self-assessments are in, opens the evaluations.
tours.add("bizreg_appraisal_flow_open_evaluations", {
    steps: () => [
        clickButton("action_open_evaluations", "open the evaluations"),
        inState("evaluation"),
    ],
});

// HR: computes the results (calibration) and requests their approval.
tours.add("bizreg_appraisal_flow_calibrate", {
    steps: () => [
        clickButton("action_calibrate", "compute the results"),
        inState("calibration"),
        {
            content: "the employee has a grade",
            trigger: ".o_field_widget[name=appraisal_ids] .o_data_row td[name=grade_id]:not(:empty)",
        },
        clickButton("request_validation", "request the approval of the results"),
        { trigger: ".o_form_view:not(:has(.o_form_statusbar button[name=request_validation]))" },
    ],
});

// Second HR officer, then the Director: approve the results.
tours.add("bizreg_appraisal_flow_approve", {
    steps: () => [
        {
            content: "approve the results (批准, in the approval banner)",
            trigger: ".o_form_view button[name=validate_tier]",
            run: "click",
        },
        { trigger: ".o_form_view:not(:has(button[name=validate_tier]))" },
    ],
});

// HR: publishes the approved results.
tours.add("bizreg_appraisal_flow_publish", {
    steps: () => [
        inState("approved"),
        clickButton("action_publish", "publish the results"),
        inState("published"),
    ],
});

// Employee: reads his result.
tours.add("bizreg_appraisal_flow_read", {
    steps: () => [
        ...openMenu("bizreg_appraisal.bizreg_appraisal_menu_root", "bizreg_appraisal.bizreg_appraisal_menu_my"),
        {
            content: "open my appraisal of the cycle",
            trigger: `.o_list_view .o_data_row td[name=cycle_id]:contains(${CYCLE})`,
            run: "click",
        },
        { trigger: ".o_form_view .o_field_widget[name=final_score]" },
        { trigger: ".o_form_view .o_field_widget[name=grade_id]:not(:empty)" },
    ],
});
