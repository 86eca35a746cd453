from . import comment_wizard
from . import tier_validation_forward_wizard
