from . import test_service_measures
