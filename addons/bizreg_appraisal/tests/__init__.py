from . import test_config
from . import test_cycle
from . import test_evaluation
from . import test_security
from . import test_measure
from . import test_report_portal
from . import test_peer_suggestion
