from . import biuro_verification
from . import biuro_beneficial_owner
from . import res_partner_bank
from . import res_partner
from . import res_partner_lookup
from . import res_config_settings
