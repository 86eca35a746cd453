from . import bizreg_regulation_clause
from . import bizreg_regulation_link
from . import res_company
from . import res_config_settings
from . import bizreg_story_demo
