"""Pages anyone may read, logged in or not: the landing page and the privacy statement."""

from django.conf import settings
from django.shortcuts import render

from ..privacy.registry import kinds


def _context() -> dict:
    return {"support_email": settings.SUPPORT_EMAIL}


def landing(request):
    """What the product is for, who uses it, how to get an account, and the way in."""
    return render(request, "public/landing.html", _context())


def privacy(request):
    """The privacy statement: what is kept, why, how long, who is responsible, your rights.
    The retention terms are those the nightly task applies (``settings.RETENTION``)."""
    retention = [kind for kind in kinds() if kind.retain]
    return render(request, "public/privacy.html", _context() | {"retention": retention})
