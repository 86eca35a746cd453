from . import test_complaint
from . import test_consultation
from . import test_return_visit
from . import test_security
from . import test_kpi
from . import test_oca_translations
from . import test_bench
