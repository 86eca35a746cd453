# Copyright 2026 bizreg
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

from odoo import api, models


class BizregAppraisalCollaboration(models.AbstractModel):
    """Collaboration source "tickets": colleagues who worked on the same
    customer-service tickets."""

    _inherit = "bizreg.appraisal.collaboration"

    @api.model
    def _bizreg_collaboration_sources(self):
        sources = super()._bizreg_collaboration_sources()
        sources["tickets"] = self.env._("Tickets")
        return sources

    @api.model
    def _bizreg_collaboration_tickets(
        self, employees, date_from, date_to, company=None
    ):
        """Tickets received in the period (``bizreg_received_date``), shared by
        their assignee with the users who worked on them: the managers of the
        departments asked to investigate and who asked them
        (``bizreg.helpdesk.investigation``), and the internal users who wrote
        a message or a note on the ticket (``mail.message`` of type comment:
        automatic notifications and customers' e-mails do not count).

        Only tickets an appraised employee took part in are read.  Seven
        queries whatever the number of employees and tickets.
        """
        user_ids = self._bizreg_user_ids(employees)
        if not user_ids:
            return {emp_id: {} for emp_id in employees.ids}
        partner_ids = (
            self.env["res.users"]
            .sudo()
            .with_context(active_test=False)
            .search_fetch([("id", "in", user_ids)], ["partner_id"])
            .partner_id.ids
        )
        start, stop = self._bizreg_period(employees, date_from, date_to, company)
        tickets = (
            self.env["helpdesk.ticket"]
            .sudo()
            .with_context(active_test=False)
            .search_fetch(
                [
                    ("bizreg_received_date", ">=", start),
                    ("bizreg_received_date", "<", stop),
                    ("user_id", "!=", False),
                    "|",
                    "|",
                    "|",
                    ("user_id", "in", user_ids),
                    ("bizreg_investigation_ids.manager_user_id", "in", user_ids),
                    ("bizreg_investigation_ids.requested_by_id", "in", user_ids),
                    (
                        "message_ids",
                        "any",
                        [
                            ("message_type", "=", "comment"),
                            ("author_id", "in", partner_ids),
                        ],
                    ),
                ],
                ["user_id"],
            )
        )
        contributors = {ticket.id: set() for ticket in tickets}
        if tickets:
            for investigation in (
                self.env["bizreg.helpdesk.investigation"]
                .sudo()
                .search_fetch(
                    [("ticket_id", "in", tickets.ids)],
                    ["ticket_id", "manager_user_id", "requested_by_id"],
                )
            ):
                contributors[investigation.ticket_id.id].update(
                    (investigation.manager_user_id | investigation.requested_by_id).ids
                )
            authors = (
                self.env["mail.message"]
                .sudo()
                ._read_group(
                    [
                        ("model", "=", "helpdesk.ticket"),
                        ("res_id", "in", tickets.ids),
                        ("message_type", "=", "comment"),
                        ("author_id", "!=", False),
                    ],
                    ["res_id", "author_id"],
                )
            )
            users_of = {}
            for user in (
                self.env["res.users"]
                .sudo()
                .search_fetch(
                    [
                        ("partner_id", "in", list({a.id for _r, a in authors})),
                        ("share", "=", False),
                    ],
                    ["partner_id"],
                )
            ):
                users_of.setdefault(user.partner_id.id, set()).add(user.id)
            for res_id, author in authors:
                if res_id in contributors:
                    contributors[res_id].update(users_of.get(author.id, ()))
        return self._bizreg_shared_records(
            employees,
            ((ticket.user_id.id, contributors[ticket.id]) for ticket in tickets),
        )
