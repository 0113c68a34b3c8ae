"""Permission rows for the sign-in pages (issue 17, items 1-2): identity providers and two-step
verification. Wired into ``tests/partnerships/test_permissions.py`` with the other ``perm_*.py``
files. The flows themselves are tested in ``test_oidc.py``, ``test_mfa.py`` and
``tests/e2e/test_mfa_login.py``."""

from tests.partnerships.test_permissions import Row, fixed

ROWS = [
    # a provider that does not exist; the real redirect is tested against a real provider
    Row("oidc_login", fixed(slug="no-such-provider"), "anonymous", 404),
    Row("oidc_login", fixed(slug="no-such-provider"), "student", 404),
    # a callback without a sign-in in progress: the "did not work" page
    Row("oidc_callback", fixed(), "anonymous", 403),
    Row("oidc_callback", fixed(), "stagecoordinator", 403),
    Row("mfa_settings", fixed(), "anonymous", 302),
    Row("mfa_settings", fixed(), "student", 200),
    Row("mfa_settings", fixed(), "stagecoordinator", 200),
    Row("mfa_settings", fixed(), "nobody", 200),
    Row("mfa_settings", fixed(), "superuser", 200),
    # the second step without a password step first: back to the login page
    Row("mfa_verify", fixed(), "anonymous", 302),
    Row("mfa_verify", fixed(), "student", 302),
    Row("mfa_setup", fixed(), "anonymous", 302),
    Row("mfa_setup", fixed(), "student", 200),
    Row("mfa_setup", fixed(), "stagecoordinator", 200),
    Row("mfa_backup_codes", fixed(), "anonymous", 302),
    Row("mfa_backup_codes", fixed(), "student", 302),  # nothing new to show
    Row("mfa_backup_codes", fixed(), "student", 302, method="post"),  # no app: nothing to make
    Row("mfa_remove", fixed(), "anonymous", 302, method="post"),
    Row("mfa_remove", fixed(), "student", 302, method="post"),
    Row("mfa_remove", fixed(), "student", 405, variant="get"),
]
