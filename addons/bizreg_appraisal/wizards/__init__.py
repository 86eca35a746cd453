from . import bizreg_appraisal_cycle_open
