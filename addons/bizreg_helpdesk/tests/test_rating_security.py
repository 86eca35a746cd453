# Copyright 2026 bizreg
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

from odoo.exceptions import AccessError
from odoo.tests import TransactionCase, tagged

from .common import BizregHelpdeskCommon


@tagged("post_install", "-at_install")
class TestRatingSecurity(BizregHelpdeskCommon, TransactionCase):
    """Ratings of tickets (tokens, feedback) are read by those who read the
    ticket; a token applies to its own ticket only."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls._bizreg_helpdesk_setup()
        Ticket = cls.env["helpdesk.ticket"]
        base = {
            "description": "<p>x</p>",
            "partner_id": cls.customer.id,
            "type_id": cls.type_consultation.id,
        }
        cls.ticket = Ticket.create(
            dict(base, name="Ours", team_id=cls.team.id, user_id=cls.agent.id)
        )
        cls.ticket_other = Ticket.create(
            dict(
                base,
                name="Theirs",
                team_id=cls.team_other.id,
                user_id=cls.agent_other.id,
            )
        )
        cls.rating = cls._rating(cls.ticket, "ours")
        cls.rating_other = cls._rating(cls.ticket_other, "theirs")
        # a rating of something else than a ticket keeps Odoo's rules
        cls.rating_partner = cls.env["rating.rating"].create(
            {
                "res_model_id": cls.env["ir.model"]._get_id("res.partner"),
                "res_id": cls.customer.id,
                "partner_id": cls.customer.id,
            }
        )
        cls.all_ratings = cls.rating | cls.rating_other | cls.rating_partner

    @classmethod
    def _rating(cls, ticket, feedback):
        return cls.env["rating.rating"].create(
            {
                "res_model_id": cls.env["ir.model"]._get_id("helpdesk.ticket"),
                "res_id": ticket.id,
                "partner_id": cls.customer.id,
                "feedback": feedback,
            }
        )

    def _visible(self, user):
        return (
            self.env["rating.rating"]
            .with_user(user)
            .search([("id", "in", self.all_ratings.ids)])
        )

    def test_ticket_link_is_stored(self):
        self.assertEqual(self.rating.bizreg_ticket_id, self.ticket)
        self.assertFalse(self.rating_partner.bizreg_ticket_id)

    def test_agents_read_their_teams_ratings_only(self):
        self.assertEqual(self._visible(self.agent), self.rating | self.rating_partner)
        self.assertEqual(
            self._visible(self.agent_other), self.rating_other | self.rating_partner
        )
        with self.assertRaises(AccessError):
            self.rating_other.with_user(self.agent).read(["access_token", "feedback"])
        with self.assertRaises(AccessError), self.cr.savepoint():
            self.rating_other.with_user(self.agent).write({"feedback": "changed"})
        self.assertEqual(self.rating_other.feedback, "theirs")
        # nor by creating a rating on a ticket one cannot read
        count = self.env["rating.rating"].search_count([])
        with self.assertRaises(AccessError), self.cr.savepoint():
            self.env["rating.rating"].with_user(self.agent).create(
                {
                    "res_model_id": self.env["ir.model"]._get_id("helpdesk.ticket"),
                    "res_id": self.ticket_other.id,
                    "rating": 5,
                }
            )
        self.assertEqual(self.env["rating.rating"].search_count([]), count)
        # nor through the ticket's own link
        self.assertEqual(self.ticket.with_user(self.agent).rating_ids, self.rating)

    def test_managers_by_department_director_and_auditor_all(self):
        self.assertEqual(self._visible(self.manager), self.rating | self.rating_partner)
        self.assertEqual(
            self._visible(self.manager_other), self.rating_other | self.rating_partner
        )
        self.assertEqual(self._visible(self.director), self.all_ratings)
        self.assertEqual(self._visible(self.auditor), self.all_ratings)

    def test_token_of_another_ticket_is_refused(self):
        # as a controller does it: sudo, on the ticket of the URL
        with self.assertRaises(AccessError), self.cr.savepoint():
            self.ticket.sudo().rating_apply(1, token=self.rating_other.access_token)
        with self.assertRaises(AccessError), self.cr.savepoint():
            self.ticket.sudo().rating_apply(1, rating=self.rating_other)
        self.rating_other.invalidate_recordset()
        self.assertFalse(self.rating_other.consumed)
        self.assertEqual(self.rating_other.rating, 0)
        self.assertFalse(self.ticket.bizreg_satisfaction)
        self.assertFalse(self.ticket_other.bizreg_satisfaction)
        # its own token works
        self.ticket_other.sudo().rating_apply(4, token=self.rating_other.access_token)
        self.assertEqual(self.ticket_other.bizreg_satisfaction, "4")
