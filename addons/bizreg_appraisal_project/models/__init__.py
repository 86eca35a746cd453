from . import bizreg_appraisal_collaboration
from . import bizreg_appraisal_kpi
from . import bizreg_appraisal_measure
from . import project_project
