from . import test_screening
from . import test_contract_review
from . import test_execution
from . import test_security
from . import test_kpi
from . import test_http_confirm
from . import test_bench
