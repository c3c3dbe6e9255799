from . import biuro_client_from_nip
