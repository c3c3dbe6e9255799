from . import biuro_aml_summary
