from . import biuro_client_mass_update
from . import biuro_obligation_file
