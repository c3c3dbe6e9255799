from . import test_mail_routing
from . import test_unassigned
from . import test_domains
from . import test_badge_store
from . import test_ui
from . import test_security_mail
from . import test_gdpr_mail
from . import test_merge_mail
