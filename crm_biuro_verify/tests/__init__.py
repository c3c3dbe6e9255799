from . import test_add_by_nip
from . import test_changes
from . import test_cron
from . import test_faults
from . import test_security
from . import test_settings
from . import test_tour
from . import test_security_verify
