"""The test provider's two commands, on the test run's clock.

``python -m tests.oidc_provider.run setup <client_id> <client_secret> <redirect_uri> <user>…``
migrates its database and creates its signing key, one client and the users (``username:email``,
password ``idp-password``); ``python -m tests.oidc_provider.run serve <port>`` serves it.
Both run with DJANGO_SETTINGS_MODULE=tests.oidc_provider.settings and, when IDP_NOW is set (an ISO
timestamp: the test run's "today", tests/clock.py), at that time, ticking — the ID tokens it signs
must not look expired to the application under test.
"""

import os
import sys

import django


def setup(client_id: str, secret: str, redirect_uri: str, *users: str) -> None:
    from django.contrib.auth.models import User
    from django.core.management import call_command
    from oidc_provider.models import Client, ResponseType, RSAKey

    call_command("migrate", interactive=False, verbosity=0)
    if not RSAKey.objects.exists():
        call_command("creatersakey", stdout=open(os.devnull, "w"))  # noqa: SIM115
    client, _ = Client.objects.update_or_create(
        client_id=client_id,
        defaults={
            "name": "Opleidingsschool (test)",
            "client_type": "confidential",
            "client_secret": secret,
            "jwt_alg": "RS256",
            "require_consent": False,
            "_redirect_uris": redirect_uri,
            "_scope": "openid email profile",
        },
    )
    client.response_types.set([ResponseType.objects.get(value="code")])
    for spec in users:
        username, email = spec.split(":", 1)
        user, _ = User.objects.update_or_create(username=username, defaults={"email": email})
        user.set_password("idp-password")
        user.save()


def serve(port: str) -> None:
    from django.core.management import call_command

    call_command("runserver", f"127.0.0.1:{port}", use_reloader=False, skip_checks=True)


def main(command: str, *args: str) -> None:
    if os.environ.get("IDP_NOW"):
        import time_machine

        time_machine.travel(os.environ["IDP_NOW"], tick=True).start()
    django.setup()
    {"setup": setup, "serve": serve}[command](*args)


if __name__ == "__main__":
    main(*sys.argv[1:])
