from . import bizreg_document_upload
