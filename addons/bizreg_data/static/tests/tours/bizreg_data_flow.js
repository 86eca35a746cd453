/** @odoo-module **/
// A restore drill and an access review, clicked in Chinese by the user of
// each role: the Data Administrator (何建华) opens the restore drill the test
// ran, checks that it passed and signs it off; the manager of the sales
// department (李娜) confirms one right of her staff (张伟) and revokes
// another (黄磊). Driven by bizreg_data/tests/test_tour_flow.py, which runs
// the backup and the drill (the engine, not a click) and starts the review.

import { registry } from "@web/core/registry";

const tours = registry.category("web_tour.tours");
const POLICY = "每日备份（导览）";
const REVIEW = "数据权限专项复核（导览）";
const RIGHT = "数据专员";

function openApp() {
    return [
        {
            content: "open the apps menu",
            trigger: ".o_navbar_apps_menu button",
            run: "click",
        },
        {
            content: "open the Data Management app",
            trigger: ".o-dropdown--menu .o_app:contains(数据管理)",
            run: "click",
        },
        {
            content: "the app is open",
            trigger: ".o_main_navbar .o_menu_brand:contains(数据管理)",
        },
    ];
}

function menu(section, item) {
    return [
        {
            content: `open the ${section} menu`,
            trigger: `.o_main_navbar .o_menu_sections button:contains(${section})`,
            run: "click",
        },
        {
            content: `choose ${item}`,
            trigger: `.o-dropdown--menu .dropdown-item:contains(${item})`,
            run: "click",
        },
        {
            content: `${item} is shown`,
            trigger: `.o_breadcrumb .active:contains(${item})`,
        },
    ];
}

function reviewRow(user) {
    return `.o_data_row:contains(${user}):contains(${REVIEW}):contains(${RIGHT})`;
}

// 何建华 (Data Administrator): checks the drill's evidence and signs it off.
tours.add("bizreg_data_flow_drill_sign_off", {
    steps: () => [
        ...openApp(),
        ...menu("备份", "恢复演练"),
        {
            content: "the drill of the policy, passed, not signed yet",
            trigger: `.o_list_renderer .o_data_row:contains(${POLICY}):contains(通过) td[name=bizreg_number]`,
            run: "click",
        },
        {
            content: "the drill is open: it passed",
            trigger: ".o_statusbar_status button.o_arrow_button_current[data-value=passed]:contains(通过)",
        },
        {
            content: "the checks tab is shown",
            trigger: ".o_notebook .nav-link.active:contains(检查项)",
        },
        {
            content: "the Odoo registry loaded from the restored database",
            trigger: ".o_field_widget[name=check_ids] .o_data_row.text-success:contains(Odoo 注册表可加载)",
        },
        {
            content: "the manifest checksum matched",
            trigger: ".o_field_widget[name=check_ids] .o_data_row.text-success:contains(清单校验和)",
        },
        {
            content: "no check failed",
            trigger: ".o_field_widget[name=check_ids]:not(:has(.o_data_row.text-danger))",
        },
        {
            content: "sign the drill off",
            trigger: ".o_form_view .o_statusbar_buttons button[name=action_sign_off]:contains(签认)",
            run: "click",
        },
        {
            content: "signed off by me",
            trigger: ".o_field_widget[name=signed_by_id]:contains(何建华)",
        },
        {
            content: "the sign-off button is gone",
            trigger: ".o_form_view:not(:has(button[name=action_sign_off]))",
        },
    ],
});

// 李娜 (manager of the sales department): decides her staff's rights.
tours.add("bizreg_data_flow_access_review", {
    steps: () => [
        ...openApp(),
        ...menu("权限与共享", "我的权限复核"),
        {
            content: "the rights for me to decide, by user: open 张伟's",
            trigger: ".o_list_renderer .o_group_header:contains(张伟)",
            run: "click",
        },
        {
            content: "张伟 keeps his right: confirm it",
            trigger: `.o_list_renderer ${reviewRow("张伟")} button[name=action_confirm]:contains(确认)`,
            run: "click",
        },
        {
            content: "张伟's right is decided: no longer in my list",
            trigger: `.o_list_view:not(:has(${reviewRow("张伟")}))`,
        },
        {
            content: "open 黄磊's rights",
            trigger: ".o_list_renderer .o_group_header:contains(黄磊)",
            run: "click",
        },
        {
            content: "黄磊 no longer needs his right: revoke it",
            trigger: `.o_list_renderer ${reviewRow("黄磊")} button[name=action_revoke]:contains(撤销)`,
            run: "click",
        },
        {
            content: "confirm: remove the right now",
            trigger: ".modal:contains(立即移除该用户的此项权限) .modal-footer button.btn-primary",
            run: "click",
        },
        {
            content: "黄磊's right is decided: no longer in my list",
            trigger: `.o_list_view:not(:has(${reviewRow("黄磊")}))`,
        },
    ],
});
