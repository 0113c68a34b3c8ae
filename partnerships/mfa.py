"""Two-step verification for accounts that sign in with a password (issue 17, item 2).

django-otp keeps the devices: an authenticator app (TOTP) and ten single-use backup codes.
The policy:

* people whose roles let them see other people's personal data — the managers (stagecoördinator,
  programme manager, administrator), the school leads (schoolcoördinator, schoolopleider, school
  leader), the institute staff and the platform administrators (``is_staff``) — must use it: their
  password login ends on the enrolment page until they have set up an app;
* everyone else may set it up (``Inlogbeveiliging`` in the navigation); once set up it is asked
  for at every password login;
* a sign-in through an identity provider (OIDC) skips it: the provider does its own;
* ``MFA_EXEMPT_EMAIL_DOMAINS`` lists domains whose people are not required to use it (the demo's
  ``hos.example`` and ``osd.example`` outside production, so ``make run`` logins keep working);
  ``MFA_ENFORCE=0`` turns the requirement off altogether (the test suite's default).

The password step never logs anyone in when a second step follows: it remembers the person in the
session (``PENDING``, for ``PENDING_MAX_AGE_S``) and the second step — a code, or the enrolment —
logs them in. So no session ever exists that skipped the second step.
"""

from __future__ import annotations

import time
from base64 import b32encode

import segno
from django.conf import settings
from django.contrib.auth import get_user_model
from django.db import transaction
from django_otp.oath import TOTP
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice, default_key

from .access import INSTITUTE_STAFF, MANAGERS, SCHOOL_LEADS
from .models import Person, RoleAssignment

MFA_REQUIRED_ROLES = MANAGERS | SCHOOL_LEADS | INSTITUTE_STAFF
BACKUP_CODE_COUNT = 10
PENDING = "mfa_pending"
PENDING_MAX_AGE_S = 10 * 60
NEW_BACKUP_CODES = "mfa_new_backup_codes"
APP_DEVICE_NAME = "app"
BACKUP_DEVICE_NAME = "backup"


def is_exempt(person: Person) -> bool:
    domain = person.email.rsplit("@", 1)[-1].lower()
    return domain in {d.lower() for d in settings.MFA_EXEMPT_EMAIL_DOMAINS}


def mfa_required(person: Person) -> bool:
    if not settings.MFA_ENFORCE or is_exempt(person):
        return False
    if person.is_staff or person.is_superuser:
        return True
    return (
        RoleAssignment.objects.active().filter(person=person, role__in=MFA_REQUIRED_ROLES).exists()
    )


def app_device(person: Person) -> TOTPDevice | None:
    return TOTPDevice.objects.filter(user=person, confirmed=True).first()


def has_mfa(person: Person) -> bool:
    return TOTPDevice.objects.filter(user=person, confirmed=True).exists()


def backup_codes_left(person: Person) -> int:
    return StaticToken.objects.filter(device__user=person, device__confirmed=True).count()


# --- the pending login ----------------------------------------------------------------------
def start_pending(request, person: Person, backend: str, next_url: str) -> None:
    request.session[PENDING] = {
        "person": person.pk,
        "backend": backend,
        "next": next_url,
        "at": time.time(),
    }


def pending_person(request) -> Person | None:
    pending = request.session.get(PENDING)
    if not pending or time.time() - pending["at"] > PENDING_MAX_AGE_S:
        return None
    return get_user_model().objects.filter(pk=pending["person"], is_active=True).first()


def finish_pending(request, person: Person, device) -> str:
    """Log the pending person in, verified by ``device``; returns where to go next."""
    from django.contrib.auth import login
    from django_otp import login as otp_login

    pending = request.session.pop(PENDING)
    login(request, person, backend=pending["backend"])
    otp_login(request, device)
    return pending["next"]


# --- devices --------------------------------------------------------------------------------
SETUP_KEY = "mfa_setup_key"


def setup_device(request, person: Person) -> TOTPDevice:
    """The app being set up, unsaved: its secret waits in the session until a code confirms it,
    so looking at the setup page writes nothing."""
    stored = request.session.get(SETUP_KEY) or {}
    key = stored.get("key") if stored.get("person") == person.pk else None
    if not key:
        key = default_key()
        request.session[SETUP_KEY] = {"person": person.pk, "key": key}
    return TOTPDevice(user=person, name=APP_DEVICE_NAME, key=key, confirmed=False)


def qr_svg(device: TOTPDevice, title: str) -> str:
    return segno.make(device.config_url, error="m").svg_inline(
        scale=5, border=2, title=title, dark="#000", light="#fff"
    )


def secret_for_typing(device: TOTPDevice) -> str:
    secret = b32encode(device.bin_key).decode()
    return " ".join(secret[i : i + 4] for i in range(0, len(secret), 4))


@transaction.atomic
def confirm_app_device(request, person: Person, token: str) -> list[str] | None:
    """Save the app being set up when ``token`` is right: returns new backup codes, else None."""
    device = setup_device(request, person)
    totp = TOTP(device.bin_key, device.step, device.t0, device.digits)
    token = "".join(token.split())
    if not token.isdigit() or not totp.verify(int(token), tolerance=device.tolerance):
        return None
    TOTPDevice.objects.filter(user=person).delete()
    device.confirmed = True
    device.last_t = totp.t()  # the code just used cannot log in again
    device.save()
    del request.session[SETUP_KEY]
    return new_backup_codes(person)


@transaction.atomic
def new_backup_codes(person: Person) -> list[str]:
    """Ten new single-use codes; the old ones stop working."""
    StaticDevice.objects.filter(user=person).delete()
    device = StaticDevice.objects.create(user=person, name=BACKUP_DEVICE_NAME, confirmed=True)
    codes = [StaticToken.random_token() for _ in range(BACKUP_CODE_COUNT)]
    StaticToken.objects.bulk_create(StaticToken(device=device, token=code) for code in codes)
    return codes


@transaction.atomic
def verify(person: Person, code: str):
    """The device that accepts ``code`` (the app's six digits or a backup code), else None."""
    code = "".join(code.split()).lower()
    if not code:
        return None
    if code.isdigit():
        device = TOTPDevice.objects.select_for_update().filter(user=person, confirmed=True).first()
    else:
        device = (
            StaticDevice.objects.select_for_update().filter(user=person, confirmed=True).first()
        )
    if device is not None and device.verify_token(code):
        return device
    return None


@transaction.atomic
def remove(person: Person) -> None:
    TOTPDevice.objects.filter(user=person).delete()
    StaticDevice.objects.filter(user=person).delete()
