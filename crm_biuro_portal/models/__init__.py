from . import biuro_portal_access
from . import res_partner
from . import biuro_document
from . import res_users
from . import mail_message
from . import biuro_demo_portal
from . import res_partner_gdpr
from . import base_partner_merge
