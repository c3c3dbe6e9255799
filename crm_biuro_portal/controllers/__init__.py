from . import portal
from . import portal_invoice
from . import portal_request
