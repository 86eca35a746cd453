/** @odoo-module **/
// A department meeting from its agenda to its closed action items, clicked
// in Chinese: the secretary (张伟) opens the upcoming weekly meeting of the
// sales department, records the attendance (黄磊 excused), marks it held,
// writes the minutes with a decision and an action item for 黄磊 and
// submits them; the chair (李娜) approves them; the owner (黄磊) closes his
// action item.  Driven by bizreg_meeting/tests/test_tour_flow.py, which
// checks the records between the tours.

import { registry } from "@web/core/registry";

const tours = registry.category("web_tour.tours");
const saved = {
    content: "the form is saved",
    trigger: ".o_form_view .o_form_status_indicator_buttons.invisible:not(:visible)",
};

function status(value) {
    return {
        content: `the record is ${value}`,
        trigger: `.o_statusbar_status button.o_arrow_button_current[data-value=${value}]`,
    };
}

function tab(name) {
    return { content: `open the ${name} tab`, trigger: `.o_notebook .nav-link[name=${name}]`, run: "click" };
}

function row(list, field) {
    return `.o_field_widget[name=${list}] .o_data_row.o_selected_row .o_field_widget[name=${field}]`;
}

// Secretary: attendance, held, minutes, submitted.
tours.add("bizreg_meeting_flow_minutes", {
    steps: () => [
        { content: "the meeting is planned", trigger: ".o_statusbar_status button.o_arrow_button_current[data-value=planned]" },
        tab("attendance"),
        {
            content: "edit 黄磊's attendance",
            trigger: ".o_field_widget[name=attendance_ids] .o_data_row:contains(黄磊) td[name=status]",
            run: "click",
        },
        { trigger: `${row("attendance_ids", "status")} select`, run: 'select "excused"' },
        { trigger: `${row("attendance_ids", "reason")} input`, run: "edit 拜访无锡客户" },
        { content: "save the attendance", trigger: ".o_form_button_save:enabled", run: "click" },
        saved,
        {
            content: "the meeting was held",
            trigger: ".o_form_statusbar button[name=action_hold]",
            run: "click",
        },
        status("held"),
        tab("minutes"),
        {
            trigger: ".o_field_widget[name=discussion] .odoo-editor-editable",
            run: "editor 讨论了无锡客户的报价与交期。",
        },
        {
            content: "add a decision",
            trigger: ".o_field_widget[name=decision_ids] .o_field_x2many_list_row_add a",
            run: "click",
        },
        { trigger: `${row("decision_ids", "name")} textarea`, run: "edit 无锡客户报价下调 3%。" },
        tab("actions"),
        {
            content: "add an action item",
            trigger: ".o_field_widget[name=action_ids] .o_field_x2many_list_row_add a",
            run: "click",
        },
        { trigger: `${row("action_ids", "name")} input`, run: "edit 发送无锡客户新报价" },
        { trigger: `${row("action_ids", "user_id")} input`, run: "edit 黄磊" },
        { trigger: ".o-autocomplete--dropdown-item a:contains(黄磊)", run: "click" },
        { trigger: `${row("action_ids", "date_due")} input`, run: "edit +7d" },
        { content: "save the minutes", trigger: ".o_form_button_save:enabled", run: "click" },
        saved,
        {
            content: "submit the minutes",
            trigger: ".o_form_statusbar button[name=action_submit]",
            run: "click",
        },
        status("to_approve"),
    ],
});

// Chair: approves the minutes (the approval box of the tier validation).
tours.add("bizreg_meeting_flow_approve", {
    steps: () => [
        {
            content: "approve the minutes",
            trigger: ".o_form_view button[name=validate_tier]",
            run: "click",
        },
        {
            content: "my step is done: no validate button for me any more",
            trigger: ".o_form_view:not(:has(button[name=validate_tier]))",
        },
        status("approved"),
    ],
});

// Owner: closes his action item.
tours.add("bizreg_meeting_flow_close_item", {
    steps: () => [
        { content: "the item is open", trigger: ".o_statusbar_status button.o_arrow_button_current[data-value=open]" },
        {
            content: "mark the item as done",
            trigger: ".o_form_statusbar button[name=action_done]",
            run: "click",
        },
        status("done"),
    ],
});
