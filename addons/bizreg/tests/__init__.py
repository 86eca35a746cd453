from . import test_regulation_map
from . import test_onboarding
from . import test_dashboards
from . import test_dashboards_browser
from . import test_story_demo
from . import test_onboarding_browser
