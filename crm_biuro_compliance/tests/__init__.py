from . import test_aml_case
from . import test_expiry_alerts
from . import test_security_compliance
from . import test_crbr_comparison
from . import test_portal_mandates
from . import test_reports
from . import test_tour
from . import test_ksef_obligations
