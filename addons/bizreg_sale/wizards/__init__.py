from . import bizreg_sale_signing_wizard
from . import bizreg_sale_complete_wizard
from . import bizreg_sale_screening_override_wizard
