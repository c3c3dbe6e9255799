from . import biuro_client_report
from . import biuro_report_activity
from . import biuro_client_card
from . import biuro_presentation_pdf
