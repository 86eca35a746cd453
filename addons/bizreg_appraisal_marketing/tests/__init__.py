from . import test_marketing_measures
