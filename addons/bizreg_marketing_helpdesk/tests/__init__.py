from . import test_feedback_helpdesk
