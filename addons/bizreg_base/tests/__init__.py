from . import test_roles
from . import test_approval
from . import test_numbering
from . import test_four_eyes
from . import test_bad_input
from . import test_engine
from . import test_http_bypass
from . import test_oca_translations
