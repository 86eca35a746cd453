/** @odoo-module **/
// The onboarding checklist, in Chinese, as a Regulation Administrator: the
// configuration's counts are shown (not 0), the "Getting Started" block shows
// its five steps and the progress; the button
// of the approval chains step confirms their review, and after the page
// reloads the step is done and names the reviewer. Driven by
// bizreg/tests/test_onboarding_browser.py, which checks the stored review.

import { registry } from "@web/core/registry";

const APP = ".app_settings_block[data-key='bizreg_base']";
const BUTTON = "#bizreg_onboarding_chains button[name='bizreg_action_mark_chains_reviewed']";

registry.category("web_tour.tours").add("bizreg_onboarding", {
    url: "/odoo/settings",
    steps: () => [
        {
            content: "open the Business Regulation settings",
            trigger: ".settings_tab .tab[data-key='bizreg_base']",
            run: "click",
        },
        {
            content: "the Getting Started block, in Chinese",
            trigger: `${APP} h2:contains(上线准备)`,
        },
        ...[
            "bizreg_area_count",
            "bizreg_tier_definition_count",
            "bizreg_numbering_rule_count",
        ].map((count) => ({
            content: `the configuration counted: ${count} is not 0`,
            trigger: `${APP} div[name='${count}']:contains(/^[1-9][0-9]*$/)`,
        })),
        ...["areas", "roles", "numbering", "chains", "backup"].map((step) => ({
            content: `the ${step} step`,
            trigger: `${APP} #bizreg_onboarding_${step}`,
        })),
        {
            content: "the progress: some of the five steps are still open",
            trigger: `${APP} #bizreg_onboarding_progress div[name='bizreg_onboarding_done']:contains(/^[0-4]$/)`,
        },
        {
            content: "the approval chains step is open, in Chinese",
            trigger: `${APP} #bizreg_onboarding_chains:contains(审批链已复查)`,
        },
        {
            content: "confirm the review of the approval chains",
            trigger: `${APP} ${BUTTON}`,
            run: "click",
            expectUnloadPage: true,
        },
        {
            content: "open the Business Regulation settings again",
            trigger: ".settings_tab .tab[data-key='bizreg_base']",
            run: "click",
        },
        {
            content: "the step is done and names who reviewed",
            trigger: `${APP} #bizreg_onboarding_chains div[name='bizreg_chains_reviewed_uid']`,
        },
        {
            content: "no review button left",
            trigger: `${APP}:not(:has(${BUTTON}))`,
        },
    ],
});
