/** @odoo-module **/
// From a customer complaint to a released fix, clicked in Chinese by the
// user of each role: the service agent (刘洋) raises a requirement from the
// complaint; the R&D Manager (徐明) gives it to the developer (赵磊), who
// writes a requirement line and submits it; 徐明 approves it and plans it
// into the release; 赵磊 submits the release once it is ready; 徐明 and the
// Customer Service Manager (陈静) approve it; 徐明 releases it; 刘洋 sees on
// the complaint that its requirement is delivered.
// Driven by bizreg_rnd/tests/test_tour_flow.py, which prepares what is not
// clicked (test results, checklist) and checks the records between tours.

import { registry } from "@web/core/registry";

const tours = registry.category("web_tour.tours");
const saved = {
    content: "the form is saved",
    trigger: ".o_form_view .o_form_status_indicator_buttons.invisible:not(:visible)",
};
const RELEASE = "V3.0 报表导出修复版";

function status(value) {
    return {
        content: `the record is ${value}`,
        trigger: `.o_statusbar_status button.o_arrow_button_current[data-value=${value}]`,
    };
}

function pick(field, text) {
    return [
        { trigger: `.o_field_widget[name=${field}] input`, run: `edit ${text}` },
        { trigger: `.o-autocomplete--dropdown-item a:contains(${text})`, run: "click" },
    ];
}

function save(what) {
    return [
        { content: `save the ${what}`, trigger: ".o_form_button_save:enabled", run: "click" },
        saved,
    ];
}

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

// 刘洋 (service agent): raises a product requirement from the complaint.
tours.add("bizreg_rnd_flow_complaint", {
    steps: () => [
        {
            content: "raise a requirement from the complaint (in Chinese)",
            trigger: ".o_form_view button[name=bizreg_action_create_rnd_requirement]:contains(创建需求)",
            run: "click",
        },
        {
            content: "the new requirement, in draft, names the complaint",
            trigger: ".o_breadcrumb .active:contains(导出报表)",
        },
        status("draft"),
    ],
});

// 徐明 (R&D Manager): gives the requirement to the developer 赵磊.
tours.add("bizreg_rnd_flow_assign", {
    steps: () => [
        status("draft"),
        ...pick("user_id", "赵磊"),
        ...save("requirement"),
    ],
});

// 赵磊 (developer): writes a functional requirement line and submits it.
tours.add("bizreg_rnd_flow_prd", {
    steps: () => [
        {
            content: "the requirement lines (in Chinese)",
            trigger: ".o_notebook .nav-link[name=lines]:contains(需求)",
            run: "click",
        },
        {
            content: "add a requirement line",
            trigger: ".o_field_widget[name=line_ids] .o_field_x2many_list_row_add a",
            run: "click",
        },
        {
            trigger: ".o_field_widget[name=line_ids] .o_data_row .o_field_widget[name=name] textarea",
            run: "edit 导出的报表合计与屏幕显示一致",
        },
        {
            trigger:
                ".o_field_widget[name=line_ids] .o_data_row .o_field_widget[name=acceptance_criterion] textarea",
            run: "edit 100 张样例报表导出后合计全部一致",
        },
        ...save("requirement"),
        {
            content: "submit it for approval (in Chinese)",
            trigger: ".o_form_view button[name=action_submit]:contains(提交审批)",
            run: "click",
        },
        status("review"),
    ],
});

// 徐明: approves the requirement and plans it into the release.
tours.add("bizreg_rnd_flow_approve", {
    steps: () => [
        ...approve("approved"),
        ...pick("planned_release_id", "V3.0"),
        ...save("requirement"),
        status("approved"),
    ],
});

// 赵磊: the release is ready (nothing in the readiness panel): submits it.
tours.add("bizreg_rnd_flow_release_submit", {
    steps: () => [
        {
            content: "the release",
            trigger: `.o_breadcrumb .active:contains(${RELEASE})`,
        },
        {
            content: "submit it for approval",
            trigger: ".o_form_view button[name=action_submit]",
            run: "click",
        },
        status("review"),
    ],
});

// 徐明, then 陈静 (Customer Service Manager): approve the release.
tours.add("bizreg_rnd_flow_release_approve_rnd", {
    steps: () => [...approve("review")],
});

tours.add("bizreg_rnd_flow_release_approve_service", {
    steps: () => [...approve("approved")],
});

// 徐明: releases the version (confirmed in the dialog).
tours.add("bizreg_rnd_flow_release", {
    steps: () => [
        {
            content: "release it",
            trigger: ".o_form_view button[name=action_release]",
            run: "click",
        },
        {
            content: "confirm",
            trigger: ".modal-footer .btn-primary",
            run: "click",
        },
        status("released"),
    ],
});

// 刘洋: the complaint's requirement is delivered.
tours.add("bizreg_rnd_flow_delivered", {
    steps: () => [
        {
            content: "the requirements raised from the complaint",
            trigger: ".o_form_view button[name=bizreg_action_view_rnd_requirements]",
            run: "click",
        },
        { content: "open it", trigger: ".o_list_view .o_data_row .o_data_cell", run: "click" },
        {
            content: "the requirement is delivered (in Chinese)",
            trigger: ".o_form_view .o_statusbar_status button.o_arrow_button_current:contains(已交付)",
        },
    ],
});
