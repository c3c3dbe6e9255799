from . import test_office
from . import test_portal_access
from . import test_portal_pages
from . import test_portal_tour
from . import test_security_matrix
from . import test_security_portal
from . import test_gdpr_portal
from . import test_merge_portal
