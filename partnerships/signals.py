import time

from django.contrib.auth.signals import user_logged_in
from django.dispatch import receiver

from .middleware import SESSION_LOGIN_KEY


@receiver(user_logged_in)
def remember_login_time(sender, request, user, **kwargs):
    """Start the absolute session timeout at login."""
    if request is not None and hasattr(request, "session"):
        request.session[SESSION_LOGIN_KEY] = time.time()
