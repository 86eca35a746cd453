# Copyright 2026 bizreg
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""The load scenario of ``./bizreg load``: staff of every role doing their
daily work in the web client, over its own routes (``/odoo``, the menus,
``/web/action/load``, ``/web/dataset/call_kw`` for lists, forms, groupings and
new records) against a prefork Odoo.

Started by ``./bizreg load`` (which makes the users, one per seat, from the
demo users of each role); it is not meant to be run by hand, but can be:
``BIZREG_LOAD_USERS`` names a JSON file ``[{"login", "password",
"role"}]``, ``BIZREG_LOAD_DB`` the database, and ``--host`` the server.

A JSON-RPC answer with an ``error`` is a failure, as is an HTTP error: the
run's goal is no failure at all.
"""

import itertools
import json
import os
import random

from locust import HttpUser, between, task

DB = os.environ.get("BIZREG_LOAD_DB", "bizreg_load")
with open(os.environ["BIZREG_LOAD_USERS"], encoding="utf-8") as _users:
    SEATS = json.load(_users)
_NEXT = itertools.count()

# What each role opens, by the models it reads in its day: (model, fields,
# domain); the first is its main list, whose records it opens.
LISTS = {
    "sales": [
        ("sale.order", ["name", "partner_id", "amount_total", "state"], []),
        ("crm.lead", ["name", "partner_id", "stage_id", "expected_revenue"], []),
    ],
    "service": [
        ("helpdesk.ticket", ["number", "name", "stage_id", "partner_id"], []),
    ],
    "legal": [
        ("agreement", ["name", "code", "partner_id"], []),
        ("sale.order", ["name", "partner_id", "amount_total", "state"], []),
    ],
    "hr": [
        ("bizreg.appraisal", ["display_name", "employee_id", "cycle_id", "state"], []),
        ("hr.employee", ["name", "department_id", "job_title"], []),
    ],
    "director": [
        ("sale.order", ["name", "partner_id", "amount_total", "state"], []),
        ("helpdesk.ticket", ["number", "name", "stage_id", "partner_id"], []),
        ("bizreg.appraisal", ["display_name", "employee_id", "cycle_id", "state"], []),
        # the regulation map with its live compliance figures
        (
            "bizreg.regulation.clause",
            [
                "code",
                "name",
                "compliance_total",
                "compliance_breaches",
                "compliance_rate",
                "compliance_status",
            ],
            [("parent_id", "!=", False)],
        ),
    ],
    "employee": [
        ("bizreg.appraisal", ["display_name", "employee_id", "cycle_id", "state"], []),
    ],
}
# the groupings a manager looks at (read_group, as the graph and pivot views)
GROUPS = {
    "sales": [("sale.order", ["state"])],
    "service": [("helpdesk.ticket", ["stage_id"])],
    "director": [
        ("sale.order", ["state"]),
        ("helpdesk.ticket", ["stage_id"]),
        ("bizreg.appraisal", ["state"]),
    ],
}
# records a role makes in its day: (model, values)
CREATES = {
    "sales": ("crm.lead", {"name": "负载测试商机", "type": "opportunity"}),
    "service": (
        "helpdesk.ticket",
        {"name": "负载测试工单", "description": "<p>负载测试</p>"},
    ),
}


class Staff(HttpUser):
    """One seat: logs in once, then works until the run ends."""

    # a user acts every 5 to 15 seconds (reads a list, opens a record...)
    wait_time = between(5, 15)

    def on_start(self):
        seat = SEATS[next(_NEXT) % len(SEATS)]
        self.role = seat["role"]
        self.ids = {}  # {model: ids of its list}, for the forms
        self.dashboards = None  # the role's dashboards
        result = self.rpc(
            "/web/session/authenticate",
            {"db": DB, "login": seat["login"], "password": seat["password"]},
            name="login",
        )
        self.uid = (result or {}).get("uid")

    # -- the web client's routes ------------------------------------------
    def rpc(self, path, params, name=None):
        body = {"jsonrpc": "2.0", "method": "call", "id": 1, "params": params}
        with self.client.post(
            path, json=body, name=name or path, catch_response=True
        ) as response:
            if response.status_code != 200:
                response.failure(f"HTTP {response.status_code}")
                return None
            try:
                payload = response.json()
            except ValueError:
                response.failure("not JSON")
                return None
            if payload.get("error"):
                error = payload["error"].get("data", {}).get("message") or payload[
                    "error"
                ].get("message")
                response.failure(str(error)[:200])
                return None
            return payload.get("result")

    def call(self, model, method, args=(), kwargs=None):
        return self.rpc(
            f"/web/dataset/call_kw/{model}/{method}",
            {
                "model": model,
                "method": method,
                "args": list(args),
                "kwargs": {"context": {"lang": "zh_CN"}, **(kwargs or {})},
            },
            name=f"{model}.{method}",
        )

    # -- the day's work -----------------------------------------------------
    @task(2)
    def open_web_client(self):
        self.client.get("/odoo", name="/odoo")
        self.client.get(
            "/web/webclient/load_menus/load", name="/web/webclient/load_menus"
        )

    @task(2)
    def my_activities(self):
        self.call(
            "mail.activity",
            "search_read",
            kwargs={
                "domain": [["user_id", "=", self.uid]],
                "fields": ["summary", "res_model", "res_name", "date_deadline"],
                "limit": 80,
            },
        )

    @task(6)
    def open_list(self):
        lists = LISTS.get(self.role)
        if not lists:
            return
        model, fields, domain = random.choice(lists)
        records = self.call(
            model,
            "search_read",
            kwargs={"domain": domain, "fields": fields, "limit": 80},
        )
        if records:
            self.ids[model] = [record["id"] for record in records]

    @task(4)
    def open_form(self):
        if not self.ids:
            self.open_list()
            return
        model = random.choice(list(self.ids))
        self.call(
            model,
            "web_read",
            [[random.choice(self.ids[model])]],
            {"specification": {"display_name": {}, "create_date": {}}},
        )
        self.call(
            "mail.message",
            "search_read",
            kwargs={
                "domain": [
                    ["model", "=", model],
                    ["res_id", "in", self.ids[model][:1]],
                ],
                "fields": ["body", "author_id", "date"],
                "limit": 30,
            },
        )

    @task(2)
    def look_at_figures(self):
        groups = GROUPS.get(self.role)
        if not groups:
            return
        model, groupby = random.choice(groups)
        self.call(
            model,
            "read_group",
            kwargs={"domain": [], "fields": ["__count"], "groupby": groupby},
        )

    @task(1)
    def open_dashboard(self):
        """The role's spreadsheet dashboard (managers and the Director): the
        dashboard, then its pivots, read as the web client reads them."""
        if self.role not in ("sales", "service", "director"):
            return
        if self.dashboards is None:
            self.dashboards = (
                self.call(
                    "spreadsheet.dashboard",
                    "search",
                    [[("name", "ilike", "制度看板")]],
                )
                or []
            )
        if not self.dashboards:
            return
        dashboard = self.call(
            "spreadsheet.dashboard",
            "get_readonly_dashboard",
            [random.choice(self.dashboards)],
        )
        snapshot = (dashboard or {}).get("snapshot") or {}
        for pivot in snapshot.get("pivots", {}).values():
            measures = [measure["fieldName"] for measure in pivot["measures"]]
            self.call(
                pivot["model"],
                "read_group",
                kwargs={
                    "domain": pivot["domain"],
                    "fields": measures,
                    "groupby": [row["fieldName"] for row in pivot["rows"]],
                    "lazy": False,
                },
            )

    @task(1)
    def make_a_record(self):
        if self.role not in CREATES:
            return
        model, values = CREATES[self.role]
        self.call(model, "create", [values])
