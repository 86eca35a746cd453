# Copyright 2026 bizreg
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

import base64

from odoo.addons.bizreg_base.tests.common import bizreg_test_user

AUTHOR = "bizreg_document.group_bizreg_document_user"
CONTROLLER = "bizreg_document.group_bizreg_document_manager"

# A minimal valid PDF (one empty page).
PDF = (
    b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n"
    b"2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj\n"
    b"3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 595 842]>>endobj\n"
    b"xref\n0 4\n0000000000 65535 f \n0000000009 00000 n \n"
    b"0000000052 00000 n \n0000000101 00000 n \n"
    b"trailer<</Size 4/Root 1 0 R>>\nstartxref\n170\n%%EOF\n"
)
PDF_B64 = base64.b64encode(PDF)


class DocumentCommon:
    """People of two departments (an author, a colleague and the manager of
    ``cls.dept``; a stranger and the manager of ``cls.other_dept``), the
    document controller, the Regulation Administrator, the Director, the
    Auditor and an employee without any bizreg group; three categories:
    ``cls.cat_internal`` (procedures, internal, owned by ``cls.dept``),
    ``cls.cat_confidential`` (confidential, owned by ``cls.dept``) and
    ``cls.cat_policy`` (policy, internal).

    Call ``cls._document_setup()`` from ``setUpClass``."""

    @classmethod
    def _document_setup(cls):
        cls.env = cls.env(context=dict(cls.env.context, tracking_disable=True))
        Department = cls.env["hr.department"]
        cls.company = cls.env.company
        cls.company.partner_id.tz = "Asia/Shanghai"
        cls.dept = Department.create({"name": "Test Documents Dept"})
        cls.other_dept = Department.create({"name": "Test Other Dept"})
        cls.author = bizreg_test_user(cls.env, "t_doc_author", [AUTHOR], cls.dept)
        cls.colleague = bizreg_test_user(cls.env, "t_doc_colleague", [], cls.dept)
        cls.manager = bizreg_test_user(
            cls.env,
            "t_doc_manager",
            [AUTHOR, "bizreg_base.group_bizreg_area_manager"],
            cls.dept,
        )
        cls.dept.manager_id = cls.manager.employee_id
        cls.stranger = bizreg_test_user(
            cls.env, "t_doc_stranger", [AUTHOR], cls.other_dept
        )
        cls.other_manager = bizreg_test_user(
            cls.env,
            "t_doc_manager2",
            [AUTHOR, "bizreg_base.group_bizreg_area_manager"],
            cls.other_dept,
        )
        cls.other_dept.manager_id = cls.other_manager.employee_id
        cls.controller = bizreg_test_user(cls.env, "t_doc_controller", [CONTROLLER])
        cls.reg_admin = bizreg_test_user(
            cls.env, "t_doc_reg_admin", ["bizreg_base.group_bizreg_admin"]
        )
        cls.director = bizreg_test_user(
            cls.env, "t_doc_director", ["bizreg_base.group_bizreg_director"]
        )
        cls.auditor = bizreg_test_user(
            cls.env, "t_doc_auditor", ["bizreg_base.group_bizreg_auditor"]
        )
        cls.outsider = bizreg_test_user(cls.env, "t_doc_outsider", [])
        Category = cls.env["bizreg.document.category"]
        cls.cat_internal = Category.create(
            {
                "name": "Test Procedures",
                "code": "TPR",
                "department_id": cls.dept.id,
                "confidentiality": "internal",
                "retention_years": 3,
            }
        )
        cls.cat_confidential = Category.create(
            {
                "name": "Test Confidential Plans",
                "code": "TCP",
                "department_id": cls.dept.id,
                "confidentiality": "confidential",
                "retention_years": 10,
            }
        )
        cls.cat_policy = Category.create(
            {
                "name": "Test Policies",
                "code": "TPO",
                "confidentiality": "internal",
                "retention_years": 10,
                "is_policy": True,
            }
        )

    @classmethod
    def _new_published(cls, category, title, content=PDF):
        """A document of ``category`` written by ``cls.author`` and published
        through the real flow: upload, submit, approval by ``cls.manager``
        (and by ``cls.reg_admin`` for a policy)."""
        doc = (
            cls.env["bizreg.document"]
            .with_user(cls.author)
            .create({"name": title, "category_id": category.id})
        )
        version = doc.with_user(cls.author).add_version(
            base64.b64encode(content), "document.pdf", "First issue"
        )
        version.with_user(cls.author).action_submit()
        version.with_user(cls.manager).validate_tier()
        if category.is_policy:
            version.with_user(cls.reg_admin).validate_tier()
        doc.invalidate_recordset()
        return doc
