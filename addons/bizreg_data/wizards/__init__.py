from . import bizreg_data_duplicate_wizard
