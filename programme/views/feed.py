"""The personal calendar feed: the page with one's secret feed link (made on the first visit;
"new link" revokes the old one) and the public ICS at /calendar/<key>.ics (the key is the only
credential; an unknown or revoked key is a 404)."""

import datetime
import zoneinfo

from django.conf import settings
from django.contrib import messages
from django.http import Http404, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views import View
from django.views.generic import TemplateView

from partnerships.mixins import PartnershipMixin

from .. import ics
from ..models import CalendarFeed
from ..permissions import ProgrammeAction
from ..selectors import groups as selectors
from ..services import groups as services


class CalendarFeedPage(PartnershipMixin, TemplateView):
    action = ProgrammeAction.VIEW_PROGRAMME
    nav_section = "programme"
    template_name = "programme/groups/calendar_feed.html"

    def get_context_data(self, **kwargs):
        feed = services.calendar_feed_for(person=self.request.user)
        url = self.request.build_absolute_uri(reverse("feed:ics", kwargs={"key": feed.key}))
        return super().get_context_data(**kwargs) | {
            "feed": feed,
            "feed_url": url,
            "webcal_url": "webcal://" + url.split("://", 1)[1],
        }

    def post(self, request, *args, **kwargs):
        services.calendar_feed_renew(person=request.user)
        messages.success(request, _("Your calendar has a new link. The old link no longer works."))
        return redirect("programme:calendar_feed_page", partnership=self.partnership.slug)


def _moment(day: datetime.date, time: datetime.time) -> datetime.datetime:
    return datetime.datetime.combine(day, time, tzinfo=zoneinfo.ZoneInfo(settings.TIME_ZONE))


def feed_calendar(person, *, host: str, stamp: datetime.datetime) -> str:
    entries = []
    for key, event, session in selectors.feed_entries(person):
        place = event.location or (event.host_school.name if event.host_school else "")
        if session is None:
            entries.append(
                ics.CalendarEvent(
                    uid=f"{key}@{host}",
                    start=_moment(event.date, event.starts_at),
                    end=_moment(event.date, event.ends_at),
                    summary=event.title,
                    location=place,
                    description=event.description,
                    url=event.online_url,
                )
            )
        else:
            slot = session.slot
            room = f"{place}, {session.room}" if place and session.room else place or session.room
            entries.append(
                ics.CalendarEvent(
                    uid=f"{key}@{host}",
                    start=_moment(event.date, slot.starts_at),
                    end=_moment(event.date, slot.ends_at),
                    summary=f"{session.title} — {event.title}",
                    location=room,
                    description=session.description,
                )
            )
    entries.sort(key=lambda e: (e.start, e.uid))
    return ics.calendar(
        entries,
        name=_("Programme of %(name)s") % {"name": person.full_name},
        stamp=stamp,
        prodid="-//Opleidingsschool//Programme//EN",
    )


class FeedIcs(View):
    """No login: calendar apps fetch this on their own."""

    def get(self, request, key):
        feed = CalendarFeed.objects.filter(key=key).select_related("person").first()
        if feed is None or not feed.person.is_active:
            raise Http404
        body = feed_calendar(feed.person, host=request.get_host(), stamp=timezone.now())
        response = HttpResponse(body, content_type="text/calendar; charset=utf-8")
        response["Content-Disposition"] = 'inline; filename="programme.ics"'
        return response
