from . import test_contract_lines
from . import test_billing_run
from . import test_security_billing
from . import test_collections
from . import test_indexation
from . import test_contract_report
from . import test_portal_invoice
from . import test_billing_reports
