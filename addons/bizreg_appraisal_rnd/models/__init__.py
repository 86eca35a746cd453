from . import bizreg_appraisal_kpi
from . import bizreg_appraisal_measure
from . import bizreg_rnd_release
