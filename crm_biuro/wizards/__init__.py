from . import biuro_client_mass_update
from . import biuro_obligation_file
from . import base_partner_merge_automatic_wizard
from . import biuro_gdpr_anonymize
from . import biuro_gdpr_export
from . import biuro_report_wizard
from . import biuro_vcard_import
from . import base_partner_merge_work
