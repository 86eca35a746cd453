# Copyright 2026 bizreg
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""From a draft to a borrowed and returned document, clicked in the web
client, in Chinese, by the demo user of each role
(static/tests/tours/bizreg_document_flow.js): the author submits her draft
version, her department's manager approves it and it is published, an
employee borrows a paper copy, the document controller hands it over and
checks it on return."""

import base64
import time

from odoo.tests import HttpCase, tagged

from ..document_demo_builder import demo_pdf

TITLE = "市场活动执行规范"


@tagged("post_install", "-at_install", "is_tour")
class TestTourDocumentFlow(HttpCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        ref = cls.env.ref
        cls.author = ref("bizreg_base.user_marketing_user")  # 王芳
        cls.manager = ref("bizreg_base.user_marketing_manager")  # 马俊
        cls.employee = ref("bizreg_base.user_employee")  # 林晓东
        cls.controller = ref("bizreg_base.user_regulation_admin")  # 何建华
        for user in (cls.author, cls.manager, cls.employee, cls.controller):
            user.lang = "zh_CN"
        # what is not clicked: the file upload (a browser file picker)
        cls.document = (
            cls.env["bizreg.document"]
            .with_user(cls.author)
            .create(
                {
                    "name": TITLE,
                    "category_id": ref("bizreg_document.category_work_instruction").id,
                }
            )
        )
        cls.version = cls.document.add_version(
            base64.b64encode(demo_pdf("Marketing activity procedure")),
            "marketing-activity-procedure.pdf",
            "第一版",
        )

    def _tour(self, url, name, user):
        started = time.monotonic()
        self.start_tour(url, name, login=user.login, timeout=120)
        self._timings.append((name, time.monotonic() - started))
        self.env.invalidate_all()

    def test_draft_to_borrowing_and_return_clicked_by_each_role(self):
        self._timings = []
        document, version = self.document, self.version
        url = f"/odoo/bizreg.document/{document.id}"
        self._tour(url, "bizreg_document_flow_submit", self.author)
        self.assertEqual(version.state, "review")
        self.assertRegex(document.bizreg_number, r"^WI-.*-\d{4}-\d{4}$")
        self.assertEqual(version.reviewer_user_id, self.manager)

        self._tour(
            f"/odoo/bizreg.document.version/{version.id}",
            "bizreg_document_flow_approve",
            self.manager,
        )
        self.assertEqual(version.state, "published")
        self.assertEqual(version.review_ids.done_by, self.manager)
        self.assertEqual(document.state, "published")
        self.assertEqual(document.current_version_id, version)

        self._tour(url, "bizreg_document_flow_borrow", self.employee)
        borrowing = self.env["bizreg.document.borrowing"].search(
            [("document_id", "=", document.id)]
        )
        self.assertEqual(len(borrowing), 1)
        self.assertEqual(
            (borrowing.user_id, borrowing.medium, borrowing.state),
            (self.employee, "paper", "approved"),
        )
        self.assertRegex(borrowing.bizreg_number, r"^BR-")

        borrowing_url = f"/odoo/bizreg.document.borrowing/{borrowing.id}"
        self._tour(borrowing_url, "bizreg_document_flow_hand_over", self.controller)
        self.assertEqual(borrowing.state, "lent")
        self.assertEqual(borrowing.lent_by, self.controller)
        self.assertTrue(document.is_borrowed_out)

        self._tour(borrowing_url, "bizreg_document_flow_return", self.controller)
        self.assertEqual(borrowing.state, "returned")
        self.assertEqual(borrowing.returned_condition, "good")
        self.assertFalse(document.is_borrowed_out)
        for name, seconds in self._timings:
            self._logger.info("tour %s: %.1fs", name, seconds)
