# Copyright 2026 bizreg
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""The spreadsheet dashboards: each pivot reads real fields with the viewer's
rights, every formula points at a pivot of its file, and each manager sees
his area's dashboard, the Director his."""

import base64
import json
import re
from itertools import product

from odoo.tests import TransactionCase, tagged

from odoo.addons.bizreg_base.tests.common import bizreg_test_user

DASHBOARDS = (
    "director",
    "sale",
    "service",
    "marketing",
    "rnd",
    "project",
    "data",
    "document",
    "meeting",
)
FORMULA = re.compile(r"PIVOT\.(?:VALUE|HEADER)\((\d+),")


@tagged("post_install", "-at_install")
class TestDashboards(TransactionCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        # a user of each group a dashboard is shown to
        cls.users = {}
        for key in DASHBOARDS:
            dashboard = cls.env.ref(f"bizreg.spreadsheet_dashboard_{key}")
            cls.users[key] = [
                bizreg_test_user(
                    cls.env,
                    f"t_db_{key}_{n}",
                    [group.get_external_id()[group.id]],
                )
                for n, group in enumerate(dashboard.group_ids)
            ]

    def _data(self, key):
        dashboard = self.env.ref(f"bizreg.spreadsheet_dashboard_{key}")
        data = base64.b64decode(dashboard.spreadsheet_binary_data)
        return dashboard, json.loads(data)

    def test_pivots_read_with_the_viewers_rights(self):
        for key, users in self.users.items():
            _dashboard, data = self._data(key)
            self.assertTrue(data["pivots"], key)
            for user, pivot in product(users, data["pivots"].values()):
                Model = self.env[pivot["model"]].with_user(user)
                names = [row["fieldName"] for row in pivot["rows"]]
                measures = [m["fieldName"] for m in pivot["measures"]]
                for name in names + [m for m in measures if m != "__count"]:
                    self.assertIn(name, Model._fields, f"{key}: {pivot['name']}")
                aggregates = []
                for measure in measures:
                    if measure == "__count":
                        aggregates.append(measure)
                        continue
                    aggregator = Model._fields[measure].aggregator
                    self.assertTrue(aggregator, f"{key}: {measure} aggregates")
                    aggregates.append(f"{measure}:{aggregator}")
                groups = Model._read_group(pivot["domain"], names, aggregates)
                if "__count" in measures:
                    position = len(names) + measures.index("__count")
                    self.assertEqual(
                        sum(group[position] for group in groups),
                        Model.search_count(pivot["domain"]),
                        f"{key}: {pivot['name']}",
                    )

    def test_every_formula_points_at_a_pivot(self):
        for key in DASHBOARDS:
            _dashboard, data = self._data(key)
            cells = data["sheets"][0]["cells"]
            used = {
                match
                for cell in cells.values()
                for match in FORMULA.findall(cell.get("content", ""))
            }
            self.assertEqual(used, set(data["pivots"]), key)

    def test_global_filters_apply_to_real_fields(self):
        """Department, company and creation date filter every dashboard;
        each pivot matches a filter with a stored field of its model of the
        filter's kind, and only the models without a department are left
        out of the department filter."""
        kinds = {"relation": ("many2one",), "date": ("date", "datetime")}
        for key in DASHBOARDS:
            _dashboard, data = self._data(key)
            filters = {f["id"]: f for f in data["globalFilters"]}
            self.assertEqual(
                {f["label"] for f in filters.values()},
                {"Department", "Company", "Created on"},
                key,
            )
            for pivot in data["pivots"].values():
                Model = self.env[pivot["model"]]
                for filter_id, match in pivot["fieldMatching"].items():
                    spec = filters[filter_id]
                    field = Model._fields[match["chain"]]
                    self.assertTrue(field.store, (key, pivot["name"], field))
                    self.assertIn(field.type, kinds[spec["type"]], field)
                    if spec["type"] == "relation":
                        self.assertEqual(field.comodel_name, spec["modelName"])
                unmatched = set(filters) - set(pivot["fieldMatching"])
                has_department = any(
                    f.type == "many2one" and f.comodel_name == "hr.department"
                    for f in Model._fields.values()
                    if f.store
                )
                self.assertEqual(
                    bool(unmatched),
                    not has_department,
                    (key, pivot["name"], unmatched),
                )

    def test_each_role_sees_its_dashboards(self):
        Dashboard = self.env["spreadsheet.dashboard"]
        for key, users in self.users.items():
            visible = (
                Dashboard.with_user(users[0])
                .search([])
                .mapped(lambda d: d.get_external_id()[d.id])
            )
            self.assertIn(f"bizreg.spreadsheet_dashboard_{key}", visible, key)
            if key != "director":
                self.assertNotIn("bizreg.spreadsheet_dashboard_director", visible, key)
