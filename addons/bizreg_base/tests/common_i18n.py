# Copyright 2026 bizreg
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Coverage of the zh_CN translations bizreg ships for OCA modules.

A bizreg module's ``i18n_extra/zh_CN.po`` carries ``#: model:...`` /
``#: model_terms:...`` entries whose references point at an OCA module's xmlids;
Odoo applies them to those records when it loads the module's PO files.  The
case loads the PO files of the OCA modules and of the testing module, then
measures with Odoo's own exporter (``TranslationModuleReader``) which share of
the OCA modules' model and model_terms terms has a zh_CN value.  (They live in
``i18n_extra``: Odoo merges a module's ``.pot`` into ``i18n/zh_CN.po`` on load,
which would drop them as obsolete.)
"""

import logging

from odoo.tests import TransactionCase
from odoo.tools import SQL
from odoo.tools.translate import TranslationModuleReader

_logger = logging.getLogger(__name__)


class OcaTranslationCoverageCase(TransactionCase):
    """Base class: subclass it in a module's tests, tag it ``post_install``,
    ``-at_install`` and set ``oca_modules``."""

    oca_modules = ()
    lang = "zh_CN"
    min_ratio = 0.99

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        lang = cls.env["res.lang"]._activate_lang(cls.lang)
        if not lang:
            raise AssertionError(f"Language {cls.lang} does not exist in res.lang")
        installed = set(
            cls.env["ir.module.module"]
            .search([("name", "in", cls.oca_modules), ("state", "=", "installed")])
            .mapped("name")
        )
        missing = set(cls.oca_modules) - installed
        if missing:
            raise AssertionError(f"OCA modules not installed: {sorted(missing)}")
        # Same order as a module install does it: dependencies first, our module last;
        # overwrite=False, i.e. translations already in the database are kept.
        cls.env["ir.module.module"]._load_module_terms(
            list(cls.oca_modules) + [cls.test_module], [cls.lang]
        )

    def _has_stored_translation(self, xmlid, model_field):
        """True when the jsonb value of a translate=True field has a key for the
        language. The exporter returns an empty value when the translation equals
        the source (e.g. "ID" -> "ID"); this tells such terms from missing ones."""
        model_name, fname = model_field.split(",")
        record = self.env.ref(xmlid, raise_if_not_found=False)
        if not record or record._name != model_name:
            return False
        field = record._fields.get(fname)
        if not field or field.translate is not True or not field.store:
            return False
        self.env.flush_all()
        self.env.cr.execute(
            SQL(
                "SELECT %s ? %s FROM %s WHERE id = %s",
                SQL.identifier(fname),
                self.lang,
                SQL.identifier(record._table),
                record.id,
            )
        )
        row = self.env.cr.fetchone()
        return bool(row and row[0])

    def _coverage(self):
        """Return {module: (translated_terms, all_terms, [untranslated samples])}.

        A term is one (record xmlid, field, source term) exported for the module,
        i.e. finer than a PO entry (one msgid may cover several records)."""
        terms = {}
        # One reader per module: a reader given several modules attributes a record
        # having xmlids in several of them (e.g. ir.model of helpdesk.ticket) to one
        # module only, whereas `--i18n-export --modules=<module>` lists it for each.
        for oca_module in self.oca_modules:
            reader = TranslationModuleReader(
                self.env.cr, modules=[oca_module], lang=self.lang
            )
            for module, ttype, name, res_id, source, value, _comments in reader:
                if ttype not in ("model", "model_terms"):
                    continue  # code terms are read from the owning module's PO only
                key = (module, ttype, name, res_id, source)
                terms[key] = terms.get(key) or bool(value)
        result = {module: [0, 0, []] for module in self.oca_modules}
        for (module, ttype, name, res_id, source), translated in terms.items():
            if not translated and ttype == "model":
                translated = self._has_stored_translation(res_id, name)
            stats = result.setdefault(module, [0, 0, []])
            stats[1] += 1
            if translated:
                stats[0] += 1
            else:
                stats[2].append(f"{res_id} [{name}]: {source[:60]!r}")
        return result

    def _assert_oca_translation_coverage(self):
        failures = []
        for module, (done, total, missing) in sorted(self._coverage().items()):
            if not total:
                failures.append(f"{module}: no model terms exported (not installed?)")
                continue
            ratio = done / total
            _logger.info(
                "%s translation coverage of %s: %d/%d = %.1f%%",
                self.lang,
                module,
                done,
                total,
                100 * ratio,
            )
            if ratio < self.min_ratio:
                sample = "\n    ".join(missing[:20])
                failures.append(
                    f"{module}: {done}/{total} = {ratio:.1%} of model terms "
                    f"translated in {self.lang} (< {self.min_ratio:.0%}); "
                    f"untranslated e.g.:\n    {sample}"
                )
        self.assertFalse(failures, "\n".join(failures))
