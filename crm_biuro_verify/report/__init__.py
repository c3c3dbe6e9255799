from . import biuro_client_card
