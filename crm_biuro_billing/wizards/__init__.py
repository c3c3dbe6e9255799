from . import biuro_contract_indexation
