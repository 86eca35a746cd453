from . import test_rnd_measures
