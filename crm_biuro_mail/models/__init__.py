from . import biuro_mail_public_domain
from . import biuro_mail_domain
from . import biuro_mail_sender
from . import res_partner
from . import biuro_mail_unassigned
from . import mail_message
from . import mail_thread
