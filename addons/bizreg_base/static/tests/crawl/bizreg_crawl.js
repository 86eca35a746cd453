/**
 * bizreg crawl: what a person of one role does in the first minutes, on every
 * screen the role can reach. Started by tests/test_crawl.py (one browser per
 * role and language) with the menus to open:
 *
 *   odoo.loader.modules.get("@bizreg_base/../tests/crawl/bizreg_crawl")
 *       .crawl({menus: [{id, xmlid, name}, ...], lang: "zh_CN"})
 *
 * For each menu: open it (as the menu service does on a click), switch to every
 * view type of its action (Odoo's clickbot does the same, see
 * web/static/src/webclient/clickbot/clickbot.js), open the first record's form,
 * click every notebook tab, smart button and wizard button of the form (coming
 * back to the form after each), and note any error dialog (client error "Oops!",
 * access error, user error), any failed RPC and any label of the page that is
 * still in English in a Chinese session. A defect does not stop the crawl: the
 * dialog is closed and the next screen is opened, so one run lists them all.
 *
 * The report is one console line "bizreg crawl report: {json}", then the
 * success signal "bizreg crawl done".
 */

import { App } from "@odoo/owl";
import { browser } from "@web/core/browser/browser";
import { rpcBus } from "@web/core/network/rpc";

export const REPORT_PREFIX = "bizreg crawl report: ";
export const SUCCESS_SIGNAL = "bizreg crawl done";

const STEP_TIMEOUT = 30000;
const CJK = /[\u3400-\u9fff\uf900-\ufaff]/;
// A label that reads as English: a word of 3+ Latin letters, not all capitals
// (KPI, SLA, VAT are kept as acronyms in Chinese too).
const ENGLISH_WORD = /\b(?![A-Z0-9]+\b)[A-Za-z]{3,}\b/;
// Labels Odoo itself cannot translate: the project form's update status
// widget takes its label from a ``status_label`` attribute, which is not
// among the attributes Odoo's translation extracts (odoo/tools/translate.py
// TRANSLATED_ATTRS), so it is English in every language.
const UPSTREAM_UNTRANSLATABLE = new Set(["Dashboard"]);
// Labels of the screens themselves: one still in English in a Chinese
// session is a defect (it fails the test).
const LABEL_SELECTORS = [
    ".o_list_view thead th[data-name] .o_column_title",
    ".o_form_view .o_form_label",
    ".o_form_view .o_notebook_headers .nav-link",
    ".o_form_view .o_statusbar_buttons button",
    ".o_form_view .oe_stat_button .o_stat_text",
    ".o_form_view .o_horizontal_separator",
    ".o_form_view .o_group .o_horizontal_separator",
].join(",");
// Texts that show records (a record's name in the breadcrumb, grouped
// columns, search facets): English there may be data or a proper noun, so it
// is only reported.
const DATA_SELECTORS = [
    ".o_control_panel .o_breadcrumb .active",
    ".o_kanban_view .o_column_title",
    ".o_searchview_facet .o_facet_values",
].join(",");

const pending = new Map();
let lastRpcError = null;

function onRequest({ detail }) {
    pending.set(detail.data.id, detail.data.params?.method || detail.url);
}

function onResponse({ detail }) {
    pending.delete(detail.data.id);
    if (detail.error) {
        const data = detail.error.data || {};
        lastRpcError = `${data.name || detail.error.name || "error"}: ${
            data.message || detail.error.message || ""
        }`.slice(0, 400);
    }
}

function scheduledTasks() {
    let size = 0;
    for (const app of App.apps) {
        size += app.scheduler.tasks.size;
    }
    return size;
}

const delay = (ms) => new Promise((resolve) => browser.setTimeout(resolve, ms));
const frame = () => new Promise((resolve) => requestAnimationFrame(resolve));

/**
 * Resolves once no RPC is pending and Owl has nothing to render for 60 ms, or
 * as soon as an error dialog shows (a component that crashed may leave tasks
 * that never end).
 */
async function settle(what) {
    const start = Date.now();
    let quietSince = null;
    await frame();
    for (;;) {
        if (document.querySelector(".o_error_dialog")) {
            await frame();
            return;
        }
        if (pending.size || scheduledTasks()) {
            quietSince = null;
        } else if (quietSince === null) {
            quietSince = Date.now();
        } else if (Date.now() - quietSince >= 60) {
            return;
        }
        if (Date.now() - start > STEP_TIMEOUT) {
            throw new Error(
                `${what}: still busy after ${STEP_TIMEOUT / 1000}s ` +
                    `(pending: ${[...pending.values()].join(", ")})`
            );
        }
        await delay(10);
    }
}

function click(el) {
    for (const type of ["pointerdown", "mousedown", "pointerup", "mouseup", "click"]) {
        el.dispatchEvent(new MouseEvent(type, { bubbles: true, cancelable: true, view: window }));
    }
}

function text(el) {
    return (el?.innerText || el?.textContent || "").replace(/\s+/g, " ").trim();
}

function visible(el) {
    return !!(el && el.offsetParent !== null);
}

class Crawler {
    constructor(env, { menus, lang, role }) {
        this.env = env;
        this.menus = menus;
        this.lang = lang;
        this.role = role;
        this.where = "";
        this.report = {
            role,
            lang,
            menus: 0,
            views: 0,
            forms: 0,
            tabs: 0,
            buttons: 0,
            wizards: 0,
            modals: 0,
            defects: [],
            untranslated: {},
            missingMenus: [],
        };
    }

    defect(kind, detail) {
        this.report.defects.push({ where: this.where, kind, detail: String(detail).slice(0, 1500) });
        browser.console.warn(`bizreg crawl defect (${this.role}) ${this.where}: ${kind}: ${detail}`);
    }

    /** Notes and closes error dialogs; true when there was one. */
    checkErrors() {
        const dialogs = [...document.querySelectorAll(".o_error_dialog")];
        if (!dialogs.length) {
            return false;
        }
        for (const dialog of dialogs) {
            const modal = dialog.closest(".modal") || dialog;
            const title = text(modal.querySelector(".modal-title"));
            const body = text(dialog.querySelector(".modal-body") || dialog).slice(0, 600);
            this.defect(title || "error dialog", `${body}${lastRpcError ? ` [rpc ${lastRpcError}]` : ""}`);
        }
        lastRpcError = null;
        this.env.services.dialog.closeAll();
        return true;
    }

    async step(what, fn) {
        lastRpcError = null;
        try {
            await fn();
            await settle(what);
        } catch (error) {
            // A rejected action (e.g. an EvalError in its context) also shows a dialog.
            try {
                await settle(what);
            } catch {
                // reported below
            }
            if (!this.checkErrors()) {
                this.defect("exception", `${what}: ${error?.message || error}`);
            }
            return false;
        }
        return !this.checkErrors();
    }

    collectLabels() {
        if (!this.lang.startsWith("zh")) {
            return;
        }
        const seen = new Set();
        for (const el of document.querySelectorAll(LABEL_SELECTORS)) {
            const label = text(el);
            if (
                label &&
                !CJK.test(label) &&
                ENGLISH_WORD.test(label) &&
                label.length < 80 &&
                !UPSTREAM_UNTRANSLATABLE.has(label)
            ) {
                if (!seen.has(label)) {
                    seen.add(label);
                    this.defect("untranslated label", label);
                }
            }
        }
        for (const el of document.querySelectorAll(DATA_SELECTORS)) {
            const label = text(el);
            if (label && !CJK.test(label) && ENGLISH_WORD.test(label) && label.length < 80) {
                const where = (this.report.untranslated[label] ||= []);
                if (where.length < 3 && !where.includes(this.where)) {
                    where.push(this.where);
                }
            }
        }
    }

    controllerViewType() {
        return this.env.services.action.currentController?.view?.type;
    }

    async openMenu(menu) {
        const known = this.env.services.menu.getMenu(menu.id);
        if (!known) {
            this.report.missingMenus.push(menu.xmlid);
            return false;
        }
        this.where = `menu ${menu.xmlid} "${menu.name}"`;
        const ok = await this.step("open menu", () => this.env.services.menu.selectMenu(known));
        this.report.menus++;
        if (!ok) {
            return false;
        }
        if (document.querySelector(".modal .o_dialog, .o_dialog .modal")) {
            // A menu that opens a wizard: opened is enough.
            this.report.modals++;
            this.collectLabels();
            this.env.services.dialog.closeAll();
            await settle("close wizard");
            return false;
        }
        this.report.views++;
        this.collectLabels();
        return true;
    }

    async switchViews() {
        const buttons = [
            ...document.querySelectorAll(".o_control_panel .o_cp_switch_buttons .o_switch_view"),
        ];
        const types = buttons
            .map((b) => [...b.classList].find((c) => c.startsWith("o_") && c !== "o_switch_view"))
            .filter(Boolean)
            .map((c) => c.slice(2));
        const first = this.controllerViewType();
        const base = this.where;
        for (const type of types) {
            if (type === first || type === "map") {
                continue;
            }
            this.where = `${base} view ${type}`;
            const ok = await this.step(`switch to ${type}`, () =>
                this.env.services.action.switchView(type)
            );
            if (ok) {
                this.report.views++;
                this.collectLabels();
            }
        }
        this.where = base;
        return types;
    }

    /** From the list (or kanban) of the action, open the first record's form. */
    async openFirstRecord(types) {
        const base = this.where;
        if (this.controllerViewType() === "form") {
            return true; // a form action (settings, a singleton)
        }
        for (const type of ["list", "kanban"]) {
            if (!types.includes(type) && this.controllerViewType() !== type) {
                continue;
            }
            if (this.controllerViewType() !== type) {
                if (!(await this.step(`switch to ${type}`, () => this.env.services.action.switchView(type)))) {
                    return false;
                }
            }
            const selector =
                type === "list" ? ".o_list_view .o_data_row .o_data_cell" : ".o_kanban_record:not(.o_kanban_ghost)";
            let target = document.querySelector(selector);
            const groupHeader = document.querySelector(".o_list_view .o_group_header, .o_kanban_view .o_column_folded");
            if (!target && groupHeader && type === "list") {
                await this.step("unfold group", () => click(groupHeader));
                target = document.querySelector(selector);
            }
            if (!target) {
                continue;
            }
            this.where = `${base} first record`;
            const ok = await this.step("open first record", () => click(target));
            if (!ok) {
                this.where = base;
                return false;
            }
            if (this.controllerViewType() === "form" || document.querySelector(".modal .o_form_view")) {
                return true;
            }
            // An editable list edits the row in place: leave it unchanged.
            const discard = document.querySelector(".o_list_button_discard");
            if (discard) {
                await this.step("discard row", () => click(discard));
            }
            this.where = base;
            return false;
        }
        return false;
    }

    async crawlForm() {
        this.report.forms++;
        this.collectLabels();
        const base = this.where;
        const root = document.querySelector(".modal .o_form_view") || document.querySelector(".o_action_manager .o_form_view");
        const tabs = [...(root?.querySelectorAll(".o_notebook_headers .nav-link") || [])].filter(visible);
        for (const [index, tab] of tabs.entries()) {
            this.where = `${base} tab ${index + 1} "${text(tab)}"`;
            if (await this.step("open tab", () => click(tab))) {
                this.report.tabs++;
                this.collectLabels();
            }
        }
        this.where = base;
        if (!document.querySelector(".modal .o_form_view")) {
            await this.clickThrough(base, ".o-form-buttonbox button.oe_stat_button", "smart button", "buttons");
            await this.clickThrough(
                base,
                ".o_form_statusbar .o_statusbar_buttons button[type='action']",
                "wizard button",
                "wizards"
            );
        }
        // Leave the record as it was (nothing is typed, but onchanges may dirty it).
        const cancel = document.querySelector(".o_form_button_cancel");
        if (visible(cancel)) {
            await this.step("discard", () => click(cancel));
        }
        if (document.querySelector(".modal .o_form_view")) {
            this.env.services.dialog.closeAll();
            await settle("close form dialog");
        }
    }

    /**
     * Clicks each visible button of the form matching ``selector`` (smart buttons,
     * header buttons that open a wizard), notes what it opens, and comes back
     * to the form. The test cursor of the test rolls back whatever they do.
     */
    async clickThrough(base, selector, what, counter) {
        const action = this.env.services.action;
        const form = action.currentController;
        const count = [...document.querySelectorAll(`.o_action_manager ${selector}`)].filter(visible).length;
        for (let index = 0; index < Math.min(count, 8); index++) {
            const button = [...document.querySelectorAll(`.o_action_manager ${selector}`)].filter(visible)[index];
            if (!button) {
                break;
            }
            this.where = `${base} ${what} "${text(button) || button.getAttribute("name")}"`;
            if (await this.step(`click ${what}`, () => click(button))) {
                this.report[counter]++;
                this.collectLabels();
            }
            if (document.querySelector(".o_dialog .modal")) {
                this.env.services.dialog.closeAll();
                await settle("close dialog");
            }
            if (action.currentController?.jsId !== form.jsId) {
                await this.step("back to the form", () => action.restore(form.jsId));
            }
        }
        this.where = base;
    }

    async run() {
        for (const menu of this.menus) {
            try {
                if (!(await this.openMenu(menu))) {
                    continue;
                }
                const types = await this.switchViews();
                if (await this.openFirstRecord(types)) {
                    await this.crawlForm();
                }
            } catch (error) {
                this.defect("crawler", error?.stack || error);
                this.env.services.dialog.closeAll();
            }
        }
        return this.report;
    }
}

export async function crawl(options) {
    const env = odoo.__WOWL_DEBUG__.root.env;
    rpcBus.addEventListener("RPC:REQUEST", onRequest);
    rpcBus.addEventListener("RPC:RESPONSE", onResponse);
    const started = performance.now();
    try {
        await settle("start");
        const report = await new Crawler(env, options).run();
        report.seconds = Math.round((performance.now() - started) / 100) / 10;
        browser.console.log(REPORT_PREFIX + JSON.stringify(report));
        browser.console.log(SUCCESS_SIGNAL);
    } catch (error) {
        browser.console.error(`bizreg crawl failed: ${error?.stack || error}`);
    } finally {
        rpcBus.removeEventListener("RPC:REQUEST", onRequest);
        rpcBus.removeEventListener("RPC:RESPONSE", onResponse);
    }
}
