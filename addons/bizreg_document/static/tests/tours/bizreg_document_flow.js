/** @odoo-module **/
// From a draft to a borrowed and returned document, clicked in Chinese by the
// user of each role: the author (王芳) submits her draft version; her manager
// (马俊) approves it and it is published; an employee (林晓东) borrows a paper
// copy; the document controller (何建华) hands it over and checks it on return.
// Driven by bizreg_document/tests/test_tour_flow.py, which uploads the file
// (a browser file picker is not clicked) and checks the records between tours.

import { registry } from "@web/core/registry";

const tours = registry.category("web_tour.tours");
const TITLE = "市场活动执行规范";

function status(value) {
    return {
        content: `the record is ${value}`,
        trigger: `.o_statusbar_status button.o_arrow_button_current[data-value=${value}]`,
    };
}

// 王芳 (author): submits the draft version for review.
tours.add("bizreg_document_flow_submit", {
    steps: () => [
        { content: "the document, in draft", trigger: `.o_breadcrumb .active:contains(${TITLE})` },
        status("draft"),
        {
            content: "the category's required sections are shown (in Chinese)",
            trigger: ".o_notebook .nav-link:contains(格式要求)",
        },
        {
            content: "submit the draft version for review",
            trigger: ".o_form_view button[name=action_submit]:contains(提交审核)",
            run: "click",
        },
        {
            content: "the document has its number",
            trigger: ".o_field_widget[name=bizreg_number]:contains(WI-)",
        },
    ],
});

// 马俊 (manager of the author's department): approves the version.
tours.add("bizreg_document_flow_approve", {
    steps: () => [
        status("review"),
        {
            content: "approve my review step",
            trigger: ".o_form_view button[name=validate_tier]",
            run: "click",
        },
        {
            content: "my step is done: no validate button for me any more",
            trigger: ".o_form_view:not(:has(button[name=validate_tier]))",
        },
        status("published"),
    ],
});

// 林晓东 (employee): borrows a paper copy of the published document.
tours.add("bizreg_document_flow_borrow", {
    steps: () => [
        status("published"),
        {
            content: "borrow the document",
            trigger: ".o_form_view button[name=action_borrow]:contains(借阅)",
            run: "click",
        },
        {
            content: "a paper copy",
            trigger: ".o_field_widget[name=medium] input[data-value=paper]",
            run: "click",
        },
        {
            content: "the purpose",
            trigger: ".o_field_widget[name=purpose] textarea",
            run: "edit 季度内部审核时核对执行记录",
        },
        {
            content: "submit the request (not confidential: approved at once)",
            trigger: ".o_form_view button[name=action_submit]:contains(提交)",
            run: "click",
        },
        status("approved"),
        {
            content: "the request has its number",
            trigger: ".o_field_widget[name=bizreg_number]:contains(BR-)",
        },
    ],
});

// 何建华 (document controller): hands the paper copy over.
tours.add("bizreg_document_flow_hand_over", {
    steps: () => [
        status("approved"),
        {
            content: "hand the paper copy over",
            trigger: ".o_form_view button[name=action_hand_over]:contains(移交)",
            run: "click",
        },
        status("lent"),
    ],
});

// 何建华 (document controller): checks the copy on its return.
tours.add("bizreg_document_flow_return", {
    steps: () => [
        status("lent"),
        {
            content: "the copy came back in good condition",
            trigger: ".o_field_widget[name=returned_condition] select",
            run: 'select "good"',
        },
        {
            content: "record the return check",
            trigger: ".o_form_view button[name=action_return_check]:contains(归还验收)",
            run: "click",
        },
        status("returned"),
    ],
});
