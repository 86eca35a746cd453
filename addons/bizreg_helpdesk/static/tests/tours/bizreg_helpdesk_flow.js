/** @odoo-module **/
// The main complaint flow, clicked in Chinese by the user of each role: the
// agent takes the customer's call and records the complaint, answers and
// hands it to R&D for investigation; the R&D manager records the findings;
// the agent records the solution and the satisfaction and closes it; the
// customer rates the service from the link of the closing e-mail; the agent
// makes the return visit.
// Driven by bizreg_helpdesk/tests/test_tour_flow.py.

import { registry } from "@web/core/registry";

const tours = registry.category("web_tour.tours");
const saved = {
    content: "the form is saved",
    trigger: ".o_form_view .o_form_status_indicator_buttons.invisible:not(:visible)",
};

function openMenu(app, section, item) {
    const steps = [
        { content: "open the apps menu", trigger: ".o_navbar_apps_menu button", run: "click" },
        { trigger: `.o_app[data-menu-xmlid='${app}']`, run: "click" },
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

// Agent: the customer calls with a complaint.
tours.add("bizreg_helpdesk_flow_complaint", {
    steps: () => [
        ...openMenu(
            "helpdesk_mgmt.helpdesk_ticket_main_menu",
            "helpdesk_mgmt.helpdesk_ticket_menu",
            "bizreg_helpdesk.helpdesk_ticket_complaint_menu"
        ),
        { content: "new complaint", trigger: ".o_list_button_add", run: "click" },
        { trigger: ".o_field_widget[name=name] input", run: "edit 巡检机器人开机无响应" },
        ...pick("partner_id", "华东精工"),
        { trigger: ".o_field_widget[name=bizreg_severity] select", run: 'select "high"' },
        {
            trigger: ".o_field_widget[name=description] .odoo-editor-editable",
            run: "editor 客户来电：设备开机后无任何响应，影响产线巡检。",
        },
        { content: "save the complaint", trigger: ".o_form_button_save:enabled", run: "click" },
        saved,
        {
            content: "the complaint is numbered",
            trigger: ".o_field_widget[name=bizreg_number]:not(:empty)",
        },
        {
            content: "the customer got a first answer on the phone",
            trigger: ".o_form_statusbar button[name=action_bizreg_mark_responded]",
            run: "click",
        },
        {
            trigger: ".o_form_view:not(:has(button[name=action_bizreg_mark_responded]))",
        },
        {
            content: "hand the complaint to R&D",
            trigger: ".o_form_statusbar button[name=action_bizreg_assign_department]",
            run: "click",
        },
        // departments are found and shown by their name in the user's language
        ...pick("department_id", "产品研发部", ".modal"),
        { trigger: ".modal .o_field_widget[name=date_deadline] input", run: "edit +5d" },
        {
            trigger: ".modal .o_field_widget[name=request] textarea",
            run: "edit 请排查设备无法启动的原因。",
        },
        { trigger: ".modal .o_form_button_save:enabled", run: "click" },
        {
            content: "the investigation is on the complaint",
            trigger: "body:not(:has(.modal)) button[name=action_bizreg_view_investigations]",
        },
    ],
});

// R&D manager: records what the department found.
tours.add("bizreg_helpdesk_flow_investigation", {
    steps: () => [
        {
            trigger: ".o_field_widget[name=findings] textarea",
            run: "edit 电源模块批次缺陷，已为客户更换电源模块。",
        },
        { content: "mark the investigation done", trigger: ".o_form_statusbar button[name=action_done]", run: "click" },
        {
            trigger: ".o_statusbar_status button.o_arrow_button_current[data-value=done]",
        },
    ],
});

// Agent: records the solution and the customer's satisfaction, closes.
tours.add("bizreg_helpdesk_flow_solution", {
    steps: () => [
        { trigger: ".o_notebook .nav-link[name=bizreg_solution]", run: "click" },
        {
            trigger: ".o_field_widget[name=bizreg_solution] .odoo-editor-editable",
            run: "editor 更换电源模块后设备恢复正常，客户确认。",
        },
        { trigger: ".o_field_widget[name=bizreg_satisfaction] select", run: 'select "4"' },
        { content: "save", trigger: ".o_form_button_save:enabled", run: "click" },
        saved,
        {
            content: "close the complaint (已完成)",
            trigger: ".o_statusbar_status button.dropdown-toggle.o_first",
            run: "click",
        },
        { trigger: ".o-dropdown--menu .dropdown-item:contains(已完成)", run: "click" },
        {
            content: "the complaint is closed",
            trigger: ".o_statusbar_status button.o_arrow_button_current:contains(已完成)",
        },
        saved,
    ],
});

// Customer: rates the service from the e-mail link (public page).
tours.add("bizreg_helpdesk_flow_rating", {
    steps: () => [
        { trigger: "textarea[name=feedback]", run: "edit 处理及时，非常满意。" },
        { trigger: "form button[type=submit]", run: "click", expectUnloadPage: true },
        { trigger: ".o_rating_page_thank_you" },
    ],
});

// Agent: the return visit to the customer.
tours.add("bizreg_helpdesk_flow_return_visit", {
    steps: () => [
        ...openMenu("helpdesk_mgmt.helpdesk_ticket_main_menu", "bizreg_helpdesk.bizreg_return_visit_menu"),
        { content: "new return visit", trigger: ".o_list_button_add", run: "click" },
        ...pick("partner_id", "华东精工"),
        { trigger: ".o_field_widget[name=method] select", run: 'select "phone"' },
        {
            trigger: ".o_field_widget[name=feedback] textarea",
            run: "edit 设备运行稳定，客户对处理结果满意。",
        },
        { trigger: ".o_field_widget[name=satisfaction] select", run: 'select "5"' },
        { content: "visit done", trigger: ".o_form_statusbar button[name=action_done]", run: "click" },
        {
            trigger: ".o_statusbar_status button.o_arrow_button_current[data-value=done]",
        },
    ],
});
