from . import bizreg_helpdesk_call_log
from . import bizreg_helpdesk_close_override
