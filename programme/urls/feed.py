"""The public calendar feed (outside /p/: calendar apps fetch it without logging in)."""

from django.urls import path

from programme.views import feed

app_name = "feed"

urlpatterns = [
    path("<str:key>.ics", feed.FeedIcs.as_view(), name="ics"),
]
