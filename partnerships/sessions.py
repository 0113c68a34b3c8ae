"""The idle timeout without a database write on every request (issue 18).

A session lasts ``SESSION_COOKIE_AGE`` (the idle timeout) after it was last renewed. Django's
``SESSION_SAVE_EVERY_REQUEST`` renews it by saving the row on every request: an UPDATE of
``django_session`` in its own transaction, three round trips on every page. Here the session is
saved only when its data changed or when a save would move the stored expiry by more than
``SESSION_RENEW_AFTER`` seconds (a minute). A user who keeps working is renewed at most once a
minute; a user who stops is logged out between ``SESSION_COOKIE_AGE - SESSION_RENEW_AFTER`` and
``SESSION_COOKIE_AGE`` after their last request — never later than the idle timeout.

``SESSION_ENGINE = "partnerships.sessions"`` (this module's ``SessionStore``) and
``partnerships.sessions.SessionMiddleware`` in place of Django's go together."""

import datetime

from django.conf import settings
from django.contrib.sessions.backends import db
from django.contrib.sessions.middleware import SessionMiddleware as DjangoSessionMiddleware


class SessionStore(db.SessionStore):
    """Django's database sessions that remember the expiry of the row they read or wrote."""

    stored_expiry: datetime.datetime | None = None

    def _get_session_from_db(self):
        row = super()._get_session_from_db()
        self.stored_expiry = row.expire_date if row is not None else None
        return row

    def create_model_instance(self, data):
        row = super().create_model_instance(data)
        self.stored_expiry = row.expire_date
        return row

    def renewal_due(self) -> bool:
        """Whether saving now would move the stored expiry by more than
        ``SESSION_RENEW_AFTER`` seconds. False for a session not loaded in this request."""
        if self.stored_expiry is None:
            return False
        renew_after = datetime.timedelta(seconds=settings.SESSION_RENEW_AFTER)
        return self.get_expiry_date() - self.stored_expiry > renew_after


class SessionMiddleware(DjangoSessionMiddleware):
    """Django's session middleware, which also saves (renews) a loaded session whose stored
    expiry is due for renewal (``SessionStore.renewal_due``)."""

    def process_response(self, request, response):
        session = getattr(request, "session", None)
        renewal_due = getattr(session, "renewal_due", None)
        if (
            renewal_due is not None
            and not session.modified
            and response.status_code != 500
            and renewal_due()
        ):
            session.modified = True
        return super().process_response(request, response)
