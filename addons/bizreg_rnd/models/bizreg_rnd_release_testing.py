# Copyright 2026 bizreg
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

from collections import defaultdict

from odoo import models

OPEN_BLOCKER_SEVERITIES = ("blocker", "critical")
CLOSED_DEFECT_STATES = ("verified", "closed")


class BizregRndRelease(models.Model):
    """Test figures of releases (owned by the testing part)."""

    _inherit = "bizreg.rnd.release"

    def _rnd_test_figures(self):
        """``{release id: {"cases", "passed", "waived", "failed", "blocked",
        "pending_waivers", "not_run", "open_blockers"}}`` for the whole
        recordset in three queries, whatever its size.

        ``cases``: active test cases of the requirements planned into the
        release (cancelled requirements aside); the other counts split them
        by their latest result in the release (``waived``: approved waiver
        only; ``pending_waivers``: waived, not yet approved), so that
        ``cases == passed + waived + failed + blocked + pending_waivers +
        not_run``.  ``open_blockers``: blocker or critical defects found or
        fixed in the release, neither verified nor closed.  Read as the
        application (the readiness gate does not depend on the reader)."""
        keys = (
            "cases",
            "passed",
            "waived",
            "failed",
            "blocked",
            "pending_waivers",
            "not_run",
            "open_blockers",
        )
        figures = {release.id: dict.fromkeys(keys, 0) for release in self}
        ids = [release_id for release_id in figures if release_id]
        if not ids:
            return figures
        Case = self.env["bizreg.rnd.test.case"].sudo().with_context(active_test=True)
        cases = Case._read_group(
            [
                ("planned_release_id", "in", ids),
                ("requirement_id.state", "!=", "cancel"),
            ],
            ["planned_release_id"],
            ["id:array_agg"],
        )
        latest = self.env["bizreg.rnd.test.result"]._rnd_latest_results([], ids)
        bucket = {
            "passed": "passed",
            "waived": "waived",
            "failed": "failed",
            "blocked": "blocked",
            "pending_waiver": "pending_waivers",
        }
        for release, case_ids in cases:
            counts = figures[release.id]
            counts["cases"] = len(case_ids)
            for case_id in case_ids:
                outcome = latest.get((release.id, case_id))
                counts[bucket[outcome] if outcome else "not_run"] += 1
        blockers = defaultdict(int)
        for found, fixed, count in (
            self.env["bizreg.rnd.defect"]
            .sudo()
            ._read_group(
                [
                    ("severity", "in", OPEN_BLOCKER_SEVERITIES),
                    ("state", "not in", CLOSED_DEFECT_STATES),
                    "|",
                    ("found_in_release_id", "in", ids),
                    ("fixed_in_release_id", "in", ids),
                ],
                ["found_in_release_id", "fixed_in_release_id"],
                ["__count"],
            )
        ):
            if found.id:
                blockers[found.id] += count
            if fixed.id and fixed != found:
                blockers[fixed.id] += count
        for release_id, counts in figures.items():
            counts["open_blockers"] = blockers.get(release_id, 0)
        return figures
