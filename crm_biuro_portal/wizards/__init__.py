from . import biuro_portal_invite
