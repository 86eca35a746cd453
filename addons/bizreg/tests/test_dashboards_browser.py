# Copyright 2026 bizreg
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""The dashboards in the browser, in Chinese: each role opens every bizreg
dashboard it sees; the spreadsheet loads its pivots with no error, under its
global filters (department, company, creation date); picking a department in
the filter reads the pivots again for it."""

import json

from odoo.tests import HttpCase, tagged

from odoo.addons.bizreg_base.tests.common import bizreg_test_user

# until(find, what): what find() returns once it returns something (polled
# every 100 ms), else an error naming ``what`` after 30 s
UNTIL = """const until = (find, what, timeout = 30000) =>
        new Promise((resolve, reject) => {
        const start = Date.now();
        const timer = setInterval(() => {
            const found = find();
            if (found) {
                clearInterval(timer);
                resolve(found);
            } else if (Date.now() - start > timeout) {
                clearInterval(timer);
                reject(new Error("not shown: " + what));
            }
        }, 100);
    });"""

OPEN_ALL = """
(async () => {
    const names = %s;
    %s
    const wait = (selector) => until(() => document.querySelector(selector), selector);
    await wait(".o_spreadsheet_dashboard_search_panel");
    for (const name of names) {
        const item = `li[data-name="${CSS.escape(name)}"]`;
        (await wait(item)).click();
        await wait(`${item}.active`);
        await wait(".o_spreadsheet_dashboard_action .o-spreadsheet .o-grid");
        await new Promise((resolve) => setTimeout(resolve, 1500));
        // the three global filters above the dashboard; the department and
        // company ones named in Chinese (Odoo shows the date one as a period
        // list)
        const filters = document.querySelectorAll(".o_filter_value_container");
        if (filters.length !== 3) {
            throw new Error(`${filters.length} filters on ${name}`);
        }
        const placeholders = [
            ...document.querySelectorAll(".o_filter_value_container input"),
        ].map((input) => (input.placeholder || "").trim());
        for (const label of ["部门", "公司"]) {
            if (!placeholders.includes(label)) {
                throw new Error(`filter ${label} missing on ${name}: ${placeholders}`);
            }
        }
        if (document.querySelector(".o_error_dialog")) {
            throw new Error("error dialog on " + name);
        }
    }
    console.log("test successful");
})().catch((error) => console.error("bizreg dashboards: " + error.message));
"""
# Picks a department in the Department filter of one dashboard: the pivots
# are read again with that department in their domain, with no error.
PICK_DEPARTMENT = """
(async () => {
    const [name, department, departmentId] = %s;
    %s
    const one = (selector) => until(() => document.querySelector(selector), selector);
    await one(".o_spreadsheet_dashboard_search_panel");
    const item = `li[data-name="${CSS.escape(name)}"]`;
    (await one(item)).click();
    await one(`${item}.active`);
    await one(".o_spreadsheet_dashboard_action .o-spreadsheet .o-grid");
    await new Promise((resolve) => setTimeout(resolve, 1500));
    // the requests sent from now on
    const sent = [];
    const send = XMLHttpRequest.prototype.send;
    XMLHttpRequest.prototype.send = function (body) {
        sent.push(String(body || ""));
        return send.call(this, body);
    };
    const input = await until(
        () => [...document.querySelectorAll(".o_filter_value_container input")].find(
            (element) => (element.placeholder || "").trim() === "部门"
        ),
        "the 部门 filter"
    );
    input.focus();
    input.click();
    input.value = department;
    input.dispatchEvent(new Event("input", { bubbles: true }));
    const option = await until(
        () => [...document.querySelectorAll(".o-autocomplete--dropdown-item")].find(
            (element) => element.textContent.includes(department)
        ),
        "the department in the filter's list"
    );
    option.click();
    // bizreg's department_id or the bizreg_department_id of Odoo's models
    const filtered = `department_id","in",[${departmentId}]`;
    await until(
        () => sent.some((body) => body.includes(filtered)),
        "a pivot read with the department in its domain"
    );
    await until(
        () => [...document.querySelectorAll(".o_filter_value_container .o_tag")].some(
            (tag) => tag.textContent.includes(department)
        ),
        "the department's tag in the filter"
    );
    await new Promise((resolve) => setTimeout(resolve, 1500));
    if (document.querySelector(".o_error_dialog")) {
        throw new Error("error dialog after picking the department");
    }
    console.log("test successful");
})().catch((error) => console.error("bizreg dashboards: " + error.message));
"""
URL = "/odoo/action-spreadsheet_dashboard.ir_actions_dashboard_action"


@tagged("post_install", "-at_install")
class TestDashboardsBrowser(HttpCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env["res.lang"]._activate_lang("zh_CN")

    def _open_all(self, login, groups):
        user = bizreg_test_user(self.env, login, groups, user_vals={"lang": "zh_CN"})
        dashboards = (
            self.env["spreadsheet.dashboard"]
            .with_user(user)
            .with_context(lang="zh_CN")
            .search([("dashboard_group_id", "=", self.group.id)])
        )
        self.assertTrue(dashboards, login)
        names = dashboards.mapped("display_name")
        self.assertTrue(all("制度看板" in name for name in names), names)
        self.browser_js(
            URL,
            OPEN_ALL % (json.dumps(names, ensure_ascii=False), UNTIL),
            ready="odoo.isReady",
            login=login,
            timeout=240,
        )

    @property
    def group(self):
        return self.env.ref("bizreg.spreadsheet_dashboard_group_bizreg")

    def test_director_opens_every_dashboard(self):
        self._open_all("t_dbb_director", ["bizreg_base.group_bizreg_director"])

    def test_director_filters_a_department(self):
        """The Director picks a department in the Sales dashboard's filter:
        its pivots are read again for that department."""
        user = bizreg_test_user(
            self.env,
            "t_dbb_dept",
            ["bizreg_base.group_bizreg_director"],
            user_vals={"lang": "zh_CN"},
        )
        department = self.env["hr.department"].create({"name": "看板测试部"})
        dashboard = (
            self.env.ref("bizreg.spreadsheet_dashboard_sale")
            .with_user(user)
            .with_context(lang="zh_CN")
        )
        self.browser_js(
            URL,
            PICK_DEPARTMENT
            % (
                json.dumps(
                    [dashboard.display_name, department.name, department.id],
                    ensure_ascii=False,
                ),
                UNTIL,
            ),
            ready="odoo.isReady",
            login=user.login,
            timeout=240,
        )

    def test_area_managers_open_theirs(self):
        self._open_all(
            "t_dbb_managers",
            [
                "bizreg_sale.group_bizreg_sale_manager",
                "bizreg_helpdesk.group_bizreg_service_manager",
                "bizreg_marketing.group_bizreg_marketing_manager",
                "bizreg_rnd.group_bizreg_rnd_manager",
                "bizreg_project.group_bizreg_project_manager",
                "bizreg_data.group_bizreg_data_manager",
                "bizreg_document.group_bizreg_document_manager",
                "bizreg_meeting.group_bizreg_meeting_manager",
            ],
        )
