from . import test_area_groups
from . import test_release
from . import test_maintenance
from . import test_testing
from . import test_defect
from . import test_requirement
from . import test_design
from . import test_tour_flow
