from . import test_plan
from . import test_execution
from . import test_effect
from . import test_research
from . import test_segment
from . import test_feedback
from . import test_area_groups
from . import test_tour_flow
