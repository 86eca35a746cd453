from . import test_sale_measures
from . import test_peers
from . import test_kpi_sale
