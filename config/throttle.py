"""Failed-login throttling on top of django-axes (issue 13, item 6).

Three counters, each over the failures of the last ``AXES_COOLOFF_TIME`` (a failure restarts it):

- one e-mail address from one client address: ``AXES_FAILURE_LIMIT`` (5);
- one client address, whatever the accounts: ``LOGIN_FAILURE_LIMIT_PER_IP`` (20);
- one account, whatever the client addresses: ``LOGIN_FAILURE_LIMIT_PER_ACCOUNT`` (10).

django-axes counts every group of ``AXES_LOCKOUT_PARAMETERS`` but compares them all with one
``AXES_FAILURE_LIMIT``; :class:`LayeredLimitsHandler` gives each group its own limit by scaling its
count onto that one limit. The client address is :func:`client_ip`: ``REMOTE_ADDR``, or behind
``TRUSTED_PROXY_COUNT`` proxies the address the outermost trusted proxy appended to
``X-Forwarded-For`` (what a client writes there itself is never believed)."""

import ipaddress
import math

from axes.handlers.database import AxesDatabaseHandler
from axes.helpers import get_cool_off, get_failure_limit
from django.conf import settings
from django.db.models import Sum
from django.shortcuts import render

# The groups of AXES_LOCKOUT_PARAMETERS, in that order, and the setting holding each one's limit.
LOCKOUT_GROUPS = (
    (("username", "ip_address"), "AXES_FAILURE_LIMIT"),
    (("ip_address",), "LOGIN_FAILURE_LIMIT_PER_IP"),
    (("username",), "LOGIN_FAILURE_LIMIT_PER_ACCOUNT"),
)
LOCKOUT_PARAMETERS = [list(group) if len(group) > 1 else group[0] for group, _ in LOCKOUT_GROUPS]


def client_ip(request) -> str | None:
    """The client's address as the throttle sees it (``AXES_CLIENT_IP_CALLABLE``).

    With ``TRUSTED_PROXY_COUNT = 0`` (no proxy) it is the peer, ``REMOTE_ADDR``; any
    ``X-Forwarded-For`` is the client's own text and ignored. With N trusted proxies each appends
    the address it received the request from, so the N-th entry from the right was written by the
    outermost of our proxies: everything left of it may be forged. A request that did not pass all
    N proxies (fewer entries) or an entry that is no address falls back to ``REMOTE_ADDR``."""
    remote = request.META.get("REMOTE_ADDR")
    count = getattr(settings, "TRUSTED_PROXY_COUNT", 0)
    if count <= 0:
        return remote
    hops = [hop.strip() for hop in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")]
    hops = [hop for hop in hops if hop]
    if len(hops) < count:
        return remote
    try:
        return str(ipaddress.ip_address(hops[-count]))
    except ValueError:
        return remote


def group_limits() -> list[int]:
    return [int(getattr(settings, name)) for _group, name in LOCKOUT_GROUPS]


class LayeredLimitsHandler(AxesDatabaseHandler):
    """The database handler with a limit per lockout group (see the module's docstring)."""

    def get_failures(self, request, credentials=None) -> int:
        """The worst group's failures, scaled so that reaching that group's own limit reaches
        ``AXES_FAILURE_LIMIT`` — axes compares this number with that one limit."""
        base = get_failure_limit(request, credentials)
        worst = 0
        attempts_list = self.get_user_attempts(request, credentials)
        for attempts, limit in zip(attempts_list, group_limits(), strict=True):
            failures = attempts.aggregate(n=Sum("failures_since_start"))["n"] or 0
            worst = max(worst, failures * base // limit)
        return worst

    def reset_user_attempts(self, request, credentials=None) -> int:
        """A successful login clears the failures of that account from that address only: it
        must not wipe the address-wide count (one valid account would buy unlimited guesses on
        the others) nor the account-wide one (failures from elsewhere)."""
        attempts = self.filter_user_attempts(request, credentials)[0]
        count, _ = attempts.delete()
        return count


def lockout_response(request, original_response=None, credentials=None):
    """The locked-out page (``AXES_LOCKOUT_CALLABLE``): HTTP 429 and how long to wait."""
    cool_off = get_cool_off(request)
    minutes = math.ceil(cool_off.total_seconds() / 60) if cool_off else None
    return render(
        request,
        "registration/locked_out.html",
        {"minutes": minutes},
        status=getattr(settings, "AXES_HTTP_RESPONSE_CODE", 429),
    )
