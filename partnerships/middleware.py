import time

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.middleware.locale import LocaleMiddleware
from django.shortcuts import redirect
from django.utils import translation
from django.utils.translation import gettext as _

SESSION_LOGIN_KEY = "login_at"


class SessionTimeoutMiddleware:
    """Absolute session timeout: a session ends ``SESSION_ABSOLUTE_TIMEOUT`` seconds after login,
    however active the user is. (The idle timeout is ``SESSION_COOKIE_AGE``, renewed by
    ``partnerships.sessions.SessionMiddleware``.)"""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        # In process_view, not __call__: every middleware has seen the request by now, so the
        # message storage exists whatever this middleware's place in MIDDLEWARE.
        if request.user.is_authenticated:
            login_at = request.session.get(SESSION_LOGIN_KEY)
            now = time.time()
            if login_at is None:
                request.session[SESSION_LOGIN_KEY] = now
            elif now - login_at > settings.SESSION_ABSOLUTE_TIMEOUT:
                logout(request)
                messages.info(request, _("Your session has ended. Please log in again."))
                return redirect(settings.LOGIN_URL)
        return None


class DutchFirstLocaleMiddleware(LocaleMiddleware):
    """Dutch unless the user chose otherwise: the language switch (cookie) first, then the
    person's own language setting, then Dutch — the browser's Accept-Language is not used, so a
    Dutch school with English browsers still sees the product in Dutch."""

    def process_request(self, request):
        chosen = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME)
        user = getattr(request, "user", None)
        if chosen not in dict(settings.LANGUAGES):
            chosen = getattr(user, "language", None) if user and user.is_authenticated else None
        if chosen not in dict(settings.LANGUAGES):
            chosen = settings.LANGUAGE_CODE
        translation.activate(chosen)
        request.LANGUAGE_CODE = translation.get_language()
