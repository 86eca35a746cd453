from . import test_service_measures
from . import test_peers
from . import test_kpi_service
