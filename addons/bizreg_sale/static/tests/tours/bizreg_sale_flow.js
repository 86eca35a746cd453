/** @odoo-module **/
// The main sales flow, clicked in Chinese by the user of each role:
// screening of a lead, opportunity, quotation below the bottom line with a
// negotiation round, contract review (bottom line by the Sales Manager, then
// Legal + Finance + Risk countersigning), signing and confirmation.
// Driven by bizreg_sale/tests/test_tour_flow.py, which prepares the lead and
// checks the records between the tours.

import { registry } from "@web/core/registry";

const tours = registry.category("web_tour.tours");
const saved = {
    content: "the form is saved",
    trigger: ".o_form_view .o_form_status_indicator_buttons.invisible:not(:visible)",
};

function rate(row, value) {
    const cell = `.o_field_widget[name=bizreg_score_ids] .o_data_row:eq(${row}) td[name=rating]`;
    return [
        { content: `rate criterion ${row + 1}`, trigger: cell, run: "click" },
        { trigger: `${cell} select`, run: `select "${value}"` },
    ];
}

// Salesperson: screens the lead, converts it, quotes below the bottom line,
// records a negotiation round and submits the contract for review.
tours.add("bizreg_sale_flow_salesperson", {
    steps: () => [
        {
            content: "open the Screening tab of the lead",
            trigger: ".o_notebook .nav-link[name=bizreg_screening]",
            run: "click",
        },
        ...rate(0, 4),
        ...rate(1, 5),
        ...rate(2, 4),
        ...rate(3, 4),
        {
            content: "save the scorecard",
            trigger: ".o_form_button_save:enabled",
            run: "click",
        },
        saved,
        {
            content: "the lead qualifies",
            trigger: ".o_field_widget[name=bizreg_qualified] input:checked",
        },
        {
            content: "convert to opportunity (转换为商机)",
            trigger: ".o_form_statusbar button[data-hotkey=v]",
            run: "click",
        },
        {
            content: "create the opportunity for the existing customer",
            trigger: ".modal button[name=action_apply]",
            run: "click",
        },
        {
            content: "new quotation from the opportunity",
            trigger: ".o_form_statusbar button[name=action_sale_quotations_new]",
            run: "click",
        },
        {
            content: "add a product line",
            trigger:
                ".o_field_widget[name=order_line] .o_field_x2many_list_row_add a:first",
            run: "click",
        },
        {
            trigger:
                ".o_field_widget[name=order_line] .o_data_row .o_field_widget[name=product_template_id] input",
            run: "edit 巡检机器人",
        },
        {
            trigger: ".o-autocomplete--dropdown-item a:contains(巡检机器人)",
            run: "click",
        },
        {
            content: "the list price (1,000.00) is proposed",
            trigger:
                ".o_field_widget[name=order_line] .o_data_row .o_field_widget[name=price_unit] input:value(/000/)",
        },
        {
            content: "the price the customer asks for (below the bottom line)",
            trigger:
                ".o_field_widget[name=order_line] .o_data_row .o_field_widget[name=price_unit] input",
            run: "edit 520",
        },
        {
            content: "save the quotation",
            trigger: ".o_form_button_save:enabled",
            run: "click",
        },
        saved,
        {
            content: "open the Negotiation tab",
            trigger: ".o_notebook .nav-link[name=bizreg_negotiation]",
            run: "click",
        },
        {
            content: "record a negotiation round",
            trigger:
                ".o_field_widget[name=bizreg_negotiation_ids] .o_field_x2many_list_row_add a",
            run: "click",
        },
        {
            trigger:
                ".o_field_widget[name=bizreg_negotiation_ids] .o_data_row .o_field_widget[name=customer_participants] input",
            run: "edit 采购部王经理",
        },
        {
            trigger:
                ".o_field_widget[name=bizreg_negotiation_ids] .o_data_row .o_field_widget[name=proposed_price] input",
            run: "edit 520",
        },
        {
            trigger:
                ".o_field_widget[name=bizreg_negotiation_ids] .o_data_row .o_field_widget[name=outcome] select",
            run: 'select "agreed"',
        },
        {
            content: "save the negotiation round",
            trigger: ".o_form_button_save:enabled",
            run: "click",
        },
        saved,
        {
            content: "open the Contract tab",
            trigger: ".o_notebook .nav-link[name=bizreg_contract]",
            run: "click",
        },
        {
            content: "the quotation is below the bottom line",
            trigger: ".o_field_widget[name=bizreg_bottom_line_level] .badge",
        },
        {
            content: "submit the contract for review",
            trigger: ".o_form_statusbar button[name=request_validation]",
            run: "click",
        },
        {
            content: "the contract is numbered",
            trigger: ".o_field_widget[name=bizreg_number]:not(:empty)",
        },
    ],
});

// Sales Manager: approves the price below the bottom line.
tours.add("bizreg_sale_flow_bottom_line", {
    steps: () => [
        {
            content: "approve the bottom-line step",
            trigger: ".o_form_view button[name=validate_tier]",
            run: "click",
        },
        {
            content: "the step is done: no validate button for me any more",
            trigger: ".o_form_view:not(:has(button[name=validate_tier]))",
        },
    ],
});

// Legal, Finance, Risk: countersign with a comment. Legal finds the contract
// through the menu 合规管理 / 销售 / 待审合同.
function countersign(comment) {
    return [
        {
            content: "validate my review step",
            trigger: ".o_form_view button[name=validate_tier]",
            run: "click",
        },
        {
            content: "my opinion",
            trigger: ".modal .o_field_widget[name=comment] :is(input, textarea)",
            run: `edit ${comment}`,
        },
        {
            trigger: ".modal button[name=add_comment]",
            run: "click",
        },
        {
            content: "my step is done",
            trigger: "body:not(:has(.modal)) .o_form_view:not(:has(button[name=validate_tier]))",
        },
    ];
}

tours.add("bizreg_sale_flow_legal", {
    steps: () => [
        {
            content: "open the apps menu",
            trigger: ".o_navbar_apps_menu button",
            run: "click",
        },
        {
            trigger: ".o_app[data-menu-xmlid='bizreg_base.bizreg_menu_root']",
            run: "click",
        },
        {
            trigger: ".o_menu_sections [data-menu-xmlid='bizreg_sale.bizreg_sale_menu']",
            run: "click",
        },
        {
            trigger: ".dropdown-item[data-menu-xmlid='bizreg_sale.sale_order_to_review_menu']",
            run: "click",
        },
        {
            content: "open the contract to review",
            trigger: ".o_list_view .o_data_row td[name=bizreg_number]:contains(SC-)",
            run: "click",
        },
        ...countersign("法务审核：合同条款合规。"),
    ],
});

tours.add("bizreg_sale_flow_finance", {
    steps: () => countersign("财务审核：付款条件可接受。"),
});

tours.add("bizreg_sale_flow_risk", {
    steps: () => countersign("风控审核：风险条款齐备。"),
});

// Salesperson: records the signing (both seals, the scanned copy) and
// confirms the order.
tours.add("bizreg_sale_flow_signing", {
    steps: () => [
        {
            content: "record the signing",
            trigger: ".o_form_statusbar button[name=action_bizreg_record_signing]",
            run: "click",
        },
        {
            trigger: ".modal .o_field_widget[name=customer_signatory] input",
            run: "edit 王经理",
        },
        {
            trigger: ".modal .o_field_widget[name=seal_done] input",
            run: "check",
        },
        {
            content: "attach the scanned signed contract",
            trigger: ".modal .o_field_widget[name=signed_copy] input[type=file]:not(:visible)",
            run() {
                const file = new File(["%PDF-1.4 signed contract"], "signed.pdf", {
                    type: "application/pdf",
                });
                const transfer = new DataTransfer();
                transfer.items.add(file);
                this.anchor.files = transfer.files;
                this.anchor.dispatchEvent(new Event("change", { bubbles: true }));
            },
        },
        {
            trigger: ".modal .o_field_widget[name=signed_copy] input:value(signed.pdf)",
        },
        {
            trigger: ".modal button[name=action_record]",
            run: "click",
        },
        {
            content: "confirm the order",
            trigger: "body:not(:has(.modal)) .o_form_statusbar button[name=action_confirm]",
            run: "click",
        },
        {
            content: "the order is confirmed",
            trigger: ".o_form_statusbar .o_statusbar_status button.o_arrow_button_current[data-value=sale]",
        },
    ],
});
