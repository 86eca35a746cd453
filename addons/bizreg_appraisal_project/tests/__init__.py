from . import test_peers
from . import test_project_measures
