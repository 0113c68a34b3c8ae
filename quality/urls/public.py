"""The personal survey links (no login): ``/survey/<key>/``."""

from django.urls import path

from quality.views.answer import AnswerDone, AnswerPage

app_name = "survey"

urlpatterns = [
    path("<str:key>/", AnswerPage.as_view(), name="answer"),
    path("<str:key>/done/", AnswerDone.as_view(), name="answer_done"),
]
