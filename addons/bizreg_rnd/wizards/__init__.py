from . import bizreg_rnd_defect_reopen_wizard
