from . import bizreg_numbering_mixin
from . import bizreg_document_category
from . import bizreg_document
from . import bizreg_document_version
from . import bizreg_document_borrowing
from . import bizreg_document_access_log
from . import bizreg_document_disposal
from . import bizreg_document_acknowledgement
