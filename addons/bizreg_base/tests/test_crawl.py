# Copyright 2026 bizreg
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Browser crawl: every bizreg screen, for every role, in Chinese (and English).

For each role (the demo users of the installed bizreg modules, and a user of
each role the demo has none of), one headless browser logs in and runs
``static/tests/crawl/bizreg_crawl.js``: it opens every bizreg menu the role
sees, every view type of the menu's action, the first record's form, and
every notebook tab, smart button and wizard (header button) of that form. The
test fails on any error dialog (client error, access error), any failed step,
any menu the server lists that the client lacks, and any menu whose name is
still English in a Chinese session, and any label of a screen (column, field
label, tab, header button, smart button, separator) still in English there.
English in texts that show records (breadcrumb, grouped columns, facets) is
logged as a warning: it may be data or a proper noun.

Run it alone with every module installed (the menus of the other modules are
crawled too)::

    ./bizreg test --module bizreg_base --module bizreg_sale ... \\
        --test-tags /bizreg_base:TestCrawl
"""

import json
import logging
import re
import time

from odoo.tests import HttpCase, tagged

from .common import bizreg_test_user

_logger = logging.getLogger(__name__)

CRAWL_MODULE = "@bizreg_base/../tests/crawl/bizreg_crawl"
REPORT_PREFIX = "bizreg crawl report: "
SUCCESS_SIGNAL = "bizreg crawl done"
CJK = re.compile("[\u3400-\u9fff\uf900-\ufaff]")
ENGLISH_WORD = re.compile(r"\b(?![A-Z0-9]+\b)[A-Za-z]{3,}\b")
# Menu roots whose whole tree is bizreg's; elsewhere only the menus that bizreg
# modules add (e.g. under the Helpdesk app) are crawled.
BIZREG_ROOTS = ("bizreg_base.bizreg_menu_root",)


class _ReportCatcher(logging.Handler):
    """Collects the crawl report the browser prints on its console."""

    def __init__(self):
        super().__init__(logging.DEBUG)
        self.reports = []

    def emit(self, record):
        message = record.getMessage()
        if message.startswith(REPORT_PREFIX):
            self.reports.append(json.loads(message[len(REPORT_PREFIX) :]))


@tagged("post_install", "-at_install", "bizreg_crawl")
class TestCrawl(HttpCase):
    # The crawl ends on whatever screen it opened last (never an edited one:
    # it types nothing and discards what an onchange may have changed).
    allow_end_on_form = True

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env["res.lang"]._activate_lang("en_US")
        cls.env["res.lang"]._activate_lang("zh_CN")
        # Roles the demo data has no user of.
        cls.extra_users = {
            "employee": bizreg_test_user(cls.env, "crawl_employee", []),
            "hr_officer": bizreg_test_user(cls.env, "crawl_hr", ["hr.group_hr_user"]),
            "regulation_admin": bizreg_test_user(
                cls.env, "crawl_reg_admin", ["bizreg_base.group_bizreg_admin"]
            ),
        }

    # -- helpers

    def _user(self, role):
        """The demo user of ``role`` (XML id of its demo user or an extra role)."""
        if role in self.extra_users:
            return self.extra_users[role]
        return self.env.ref(role, raise_if_not_found=False)

    def _menus(self, user, lang):
        """The bizreg menus ``user`` sees, in menu order: [(menu, path)]."""
        data = (
            self.env["ir.ui.menu"]
            .with_user(user)
            .with_context(lang=lang)
            .load_menus(debug=False)
        )
        found = []

        def walk(menu_id, path, inside):
            menu = data[menu_id]
            xmlid = menu.get("xmlid") or ""
            inside = inside or xmlid in BIZREG_ROOTS
            here = path + [menu["name"]] if menu_id != "root" else path
            if menu_id != "root" and (inside or xmlid.startswith("bizreg_")):
                found.append((menu, " / ".join(here)))
            for child in menu.get("children", []):
                walk(child, here, inside)

        walk("root", [], False)
        return found

    def _crawl(self, role, lang="zh_CN", password=None):
        user = self._user(role)
        if not user:
            self.skipTest(f"no demo user {role} (its module is not installed)")
        user.lang = lang
        menus = self._menus(user, lang)
        self.assertTrue(menus, f"{user.login} sees no bizreg menu")
        problems = []
        if lang.startswith("zh"):
            for menu, path in menus:
                if ENGLISH_WORD.search(menu["name"]) and not CJK.search(menu["name"]):
                    problems.append(f"menu {menu['xmlid']} not translated: {path}")
        todo = [
            {"id": m["id"], "xmlid": m["xmlid"], "name": path}
            for m, path in menus
            if m.get("action")
        ]
        options = {"menus": todo, "lang": lang, "role": f"{user.login}/{lang}"}
        catcher = _ReportCatcher()
        console_errors = []

        def error_checker(message):
            # Keep crawling: the crawl notes the dialog that goes with an error.
            console_errors.append(message[:800])
            return False

        browser_logger = self._logger.getChild("browser")
        browser_logger.addHandler(catcher)
        started = time.monotonic()
        failure = None
        try:
            self.browser_js(
                "/odoo",
                f"odoo.loader.modules.get('{CRAWL_MODULE}').crawl({json.dumps(options)})",
                f"odoo.isReady === true && !!odoo.loader.modules.get('{CRAWL_MODULE}')",
                login=user.login,
                timeout=900,
                success_signal=SUCCESS_SIGNAL,
                error_checker=error_checker,
            )
        except AssertionError as exc:
            # A console error (kept to go on crawling) fails browser_js at the
            # end with a bare "failed": the report below says what failed.
            if len(catcher.reports) != 1:
                raise
            failure = str(exc)[-200:]
        finally:
            browser_logger.removeHandler(catcher)
        seconds = time.monotonic() - started
        self.assertEqual(len(catcher.reports), 1, "the crawl printed no report")
        report = catcher.reports[0]
        _logger.info(
            "crawl %s/%s: %d menus, %d views, %d forms, %d tabs, %d smart buttons, "
            "%d wizards, %d defects in %.0fs",
            user.login,
            lang,
            report["menus"],
            report["views"],
            report["forms"],
            report["tabs"],
            report["buttons"],
            report["wizards"] + report["modals"],
            len(report["defects"]),
            seconds,
        )
        for label, where in sorted(report["untranslated"].items()):
            _logger.warning(
                "crawl %s/%s: label still in English: %r (%s)",
                user.login,
                lang,
                label,
                "; ".join(where),
            )
        problems += [
            f"{d['where']}: {d['kind']}: {d['detail']}" for d in report["defects"]
        ]
        problems += [
            f"menu {xmlid} listed by the server is missing in the client"
            for xmlid in report["missingMenus"]
        ]
        problems += [f"console error: {message}" for message in console_errors]
        if failure and not problems:
            problems.append(f"browser: {failure}")
        if problems:
            self.fail(
                f"{user.login} ({lang}): {len(problems)} problem(s):\n"
                + "\n".join(problems)
            )

    # -- one test per role

    def test_salesperson(self):
        self._crawl("bizreg_base.user_sale_user")

    def test_sales_manager(self):
        self._crawl("bizreg_base.user_sale_manager")

    def test_legal_reviewer(self):
        self._crawl("bizreg_base.user_legal")

    def test_finance_reviewer(self):
        self._crawl("bizreg_base.user_finance")

    def test_risk_reviewer(self):
        self._crawl("bizreg_base.user_risk")

    def test_agent(self):
        self._crawl("bizreg_base.user_service_user")

    def test_service_manager(self):
        self._crawl("bizreg_base.user_service_manager")

    def test_employee(self):
        self._crawl("employee")

    def test_hr_officer(self):
        self._crawl("hr_officer")

    def test_director(self):
        self._crawl("bizreg_base.user_director")

    def test_auditor(self):
        self._crawl("bizreg_base.user_auditor")

    def test_regulation_admin(self):
        self._crawl("regulation_admin")

    def test_admin(self):
        self._crawl("base.user_admin")

    def test_admin_english(self):
        self._crawl("base.user_admin", lang="en_US")
