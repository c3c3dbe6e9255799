from . import test_security_mail_plugin
