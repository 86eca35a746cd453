from . import bizreg_marketing_feedback_wizard
