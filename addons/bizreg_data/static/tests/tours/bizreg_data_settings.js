/** @odoo-module **/
// The Data Management settings, in Chinese, as the administrator: the block
// is there with its Chinese labels, the mass read threshold is changed and
// saved. Driven by bizreg_data/tests/test_tour_settings.py, which checks the
// saved value.

import { registry } from "@web/core/registry";

registry.category("web_tour.tours").add("bizreg_data_settings", {
    url: "/odoo/settings",
    steps: () => [
        {
            content: "open the Business Regulation settings",
            trigger: ".settings_tab .tab[data-key='bizreg_base']",
            run: "click",
        },
        {
            content: "the Data Management block, in Chinese",
            trigger: ".app_settings_block[data-key='bizreg_base'] :contains(批量导出与读取)",
        },
        {
            content: "the labels of the thresholds and the usage audit, in Chinese",
            trigger: ".app_settings_block[data-key='bizreg_base']:contains(批量读取阈值):contains(使用审计)",
        },
        {
            content: "raise the mass read threshold",
            trigger: "div[name='bizreg_data_read_threshold'] input",
            run: "edit 600 && press Tab",
        },
        {
            content: "save",
            trigger: ".o_form_button_save",
            run: "click",
        },
        {
            content: "saved: no unsaved changes left",
            trigger: "body:not(:has(.o_dirty_warning))",
        },
    ],
});
