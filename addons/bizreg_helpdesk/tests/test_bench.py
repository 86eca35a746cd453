# Copyright 2026 bizreg
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Benchmark of the agent's ticket list and of the escalation cron.

Not part of the normal test run (tag ``-standard``). Run it with::

    BENCH_TICKETS=100000 python3 -m odoo -c <conf> -d <db> -u bizreg_helpdesk \
        --test-enable --test-tags bizreg_bench --stop-after-init

The tickets are bulk-inserted with one ``INSERT ... SELECT generate_series``
(benchmark data only) and everything is rolled back at the end.
"""

import logging
import os
import statistics
import sys
import time

from lxml import etree

from odoo.tests import TransactionCase, tagged
from odoo.tools import SQL

from .common import BizregHelpdeskCommon

_logger = logging.getLogger(__name__)
N_TICKETS = int(os.environ.get("BENCH_TICKETS", "100000"))
N_TEAMS = 10


@tagged("bizreg_bench", "-standard", "post_install", "-at_install")
class TestBenchHelpdesk(BizregHelpdeskCommon, TransactionCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls._bizreg_helpdesk_setup()
        cls.teams = cls.team | cls.env["helpdesk.ticket.team"].create(
            [{"name": f"Bench team {i}"} for i in range(N_TEAMS - 1)]
        )

    def _report(self, line):
        sys.stdout.write(f"BENCH {line}\n")
        _logger.info("BENCH %s", line)

    def _insert(self, count):
        """Insert ``count`` tickets (10 % open complaints with future deadlines)."""
        cr = self.env.cr
        cr.execute(
            SQL(
                """
            INSERT INTO helpdesk_ticket (
                number, name, description, company_id, stage_id, team_id, user_id,
                partner_id, channel_id, category_id, priority, active, sequence,
                create_date, write_date, create_uid, write_uid, last_stage_update,
                unattended, rating_status, positive_rate_percentage, type_id,
                bizreg_kind, bizreg_closed, bizreg_resolved, bizreg_resolution,
                bizreg_received_date,
                bizreg_severity, bizreg_complaint_class_id, bizreg_response_deadline,
                bizreg_resolution_deadline, bizreg_breach_date,
                bizreg_escalation_l2_deadline, bizreg_escalation_l3_deadline,
                bizreg_escalation_level, bizreg_department_id
            )
            SELECT 'BENCH' || g, 'Bench ticket ' || g, '<p>bench</p>', %(company)s,
                   %(stage)s, (%(teams)s)[1 + mod(g, %(nteams)s)],
                   (%(users)s)[1 + mod(g, 3)], %(partner)s, %(channel)s, NULL,
                   mod(g, 4)::varchar, true, 10,
                   now() - (g || ' minutes')::interval, now(), 1, 1, now(),
                   true, 'stage_change', -1,
                   CASE WHEN mod(g, 10) = 0 THEN %(complaint)s
                        ELSE %(consultation)s END,
                   CASE WHEN mod(g, 10) = 0 THEN 'complaint' ELSE 'consultation' END,
                   false, false, 'open', now() - (g || ' minutes')::interval,
                   CASE WHEN mod(g, 10) = 0 THEN 'high' END,
                   CASE WHEN mod(g, 10) = 0 THEN %(cls)s END,
                   CASE WHEN mod(g, 10) = 0 THEN now() + interval '10 days' END,
                   CASE WHEN mod(g, 10) = 0 THEN now() + interval '20 days' END,
                   CASE WHEN mod(g, 10) = 0 THEN now() + interval '10 days' END,
                   CASE WHEN mod(g, 10) = 0 THEN now() + interval '11 days' END,
                   CASE WHEN mod(g, 10) = 0 THEN now() + interval '12 days' END,
                   0, %(dept)s
              FROM generate_series(%(start)s, %(stop)s) g
            """,
                company=self.env.company.id,
                stage=self.stage_new.id,
                teams=self.teams.ids,
                nteams=len(self.teams),
                users=[self.agent.id, self.agent2.id, self.manager.id],
                partner=self.customer.id,
                channel=self.env.ref("helpdesk_mgmt.helpdesk_ticket_channel_phone").id,
                complaint=self.type_complaint.id,
                consultation=self.type_consultation.id,
                cls=self.class_high.id,
                dept=self.dept_service.id,
                start=self._inserted + 1,
                stop=self._inserted + count,
            )
        )
        self._inserted += count
        cr.execute("ANALYZE helpdesk_ticket")
        self.env.invalidate_all()

    def _spec(self, arch):
        Ticket = self.env["helpdesk.ticket"]
        spec = {}
        for node in etree.fromstring(arch).iter("field"):
            name = node.get("name")
            if node.get("optional") == "hide":
                continue  # hidden optional columns are not fetched by the web client
            field = Ticket._fields.get(name)
            if not field or name in spec:
                continue
            if field.type == "many2one":
                spec[name] = {"fields": {"display_name": {}}}
            elif field.type in ("many2many", "one2many"):
                spec[name] = {"fields": {"display_name": {}}}
            else:
                spec[name] = {}
        return spec

    def _measure(self, func, repeat=9):
        times, queries = [], []
        for _i in range(repeat):
            self.env.invalidate_all()
            self.env.registry.clear_cache()
            before = self.env.cr.sql_log_count
            start = time.perf_counter()
            func()
            times.append((time.perf_counter() - start) * 1000)
            queries.append(self.env.cr.sql_log_count - before)
        # first run warms the caches: median of the others
        return statistics.median(times[1:]), queries[-1]

    def _list(self, spec, user):
        return lambda: (
            self.env["helpdesk.ticket"]
            .with_user(user)
            .web_search_read([], spec, limit=80)
        )

    def test_bench(self):
        self._inserted = 0
        base_arch = self.env.ref("helpdesk_mgmt.ticket_view_tree").arch_db
        full_arch = self.env["helpdesk.ticket"].get_view(
            self.env.ref("helpdesk_mgmt.ticket_view_tree").id, "list"
        )["arch"]
        base_spec = self._spec(base_arch)
        full_spec = self._spec(full_arch)
        self._report(
            f"list fields: helpdesk_mgmt {len(base_spec)}, "
            f"bizreg_helpdesk {len(full_spec)}"
        )
        Ticket = self.env["helpdesk.ticket"]
        scales = sorted({max(N_TICKETS // 10, 1), N_TICKETS})
        for scale in scales:
            self._insert(scale - self._inserted)
            for label, user in (("agent", self.agent), ("director", self.director)):
                base_ms, base_q = self._measure(self._list(base_spec, user))
                full_ms, full_q = self._measure(self._list(full_spec, user))
                self._report(
                    f"{scale} tickets, {label} list 80 rows: helpdesk_mgmt "
                    f"{base_ms:.1f} ms / {base_q} queries; bizreg_helpdesk "
                    f"{full_ms:.1f} ms / {full_q} queries; "
                    f"ratio {full_ms / base_ms:.2f}x"
                )
            # escalation cron with a growing number of due complaints
            for due in (0, 10, 100):
                self.env.cr.execute("SAVEPOINT bench_due")
                if due:
                    self.env.cr.execute(
                        SQL(
                            """
                        UPDATE helpdesk_ticket
                           SET bizreg_breach_date = now() - interval '1 hour'
                         WHERE id IN (SELECT id FROM helpdesk_ticket
                                       WHERE bizreg_kind = 'complaint'
                                       ORDER BY id LIMIT %s)
                        """,
                            due,
                        )
                    )
                self.env.invalidate_all()
                before = self.env.cr.sql_log_count
                start = time.perf_counter()
                fired = Ticket._bizreg_run_escalations()
                self.env.flush_all()
                elapsed = (time.perf_counter() - start) * 1000
                queries = self.env.cr.sql_log_count - before
                self.env.cr.execute("ROLLBACK TO SAVEPOINT bench_due")
                self.env.invalidate_all()
                self._report(
                    f"{scale} tickets, escalation cron with {due} due: "
                    f"{elapsed:.1f} ms / "
                    f"{queries} queries (fired {fired})"
                )
