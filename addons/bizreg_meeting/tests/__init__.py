from . import test_work_report
from . import test_meeting
from . import test_action
from . import test_tour_flow
from . import test_partner_visit
from . import test_collab
from . import test_agreement
from . import test_oca_translations
