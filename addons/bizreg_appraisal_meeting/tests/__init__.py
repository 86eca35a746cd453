from . import test_meeting_measures
