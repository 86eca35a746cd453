from . import bizreg_appraisal_cycle_open
from . import bizreg_appraisal_peer_suggest
from . import bizreg_appraisal_peer_suggest_line
