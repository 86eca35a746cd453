from . import bizreg_appraisal_collaboration
