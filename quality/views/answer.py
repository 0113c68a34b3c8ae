"""Answering a survey through the personal link: no login, the key in the URL is the credential.

An unknown key is a 404; a used key a friendly "already answered" page; a round that is not open
(or today outside its dates) a friendly "not open" page. The page speaks the invitee's language
unless the visitor used the language switch. Nothing about the visit is logged with the person:
participation is recorded by ``Invitation.responded_at`` only (the day), in a transaction of its
own; the form carries a ballot token so that, after a failure between the two transactions, the
same form sent again stores the answers (``quality.services.responses``)."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.utils import translation
from django.utils.decorators import method_decorator
from django.utils.functional import cached_property
from django.views import View
from django.views.decorators.cache import never_cache

from quality.forms.answer import AnswerForm

from ..models import MIN_GROUP_FLOOR, Invitation, QualitySettings
from ..services.responses import ballot_pending, response_submit, round_is_open

DEFAULT_MIN_OPEN_TEXT = 10


def thresholds(partnership_id: int) -> tuple[int, int]:
    found = (
        QualitySettings.objects.filter(partnership_id=partnership_id)
        .values_list("min_group", "min_group_open_text")
        .first()
    )
    return found or (MIN_GROUP_FLOOR, DEFAULT_MIN_OPEN_TEXT)


@method_decorator(never_cache, name="dispatch")
class InvitationView(View):
    @cached_property
    def invitation(self) -> Invitation:
        qs = Invitation.objects.select_related("round__survey", "round__partnership", "person")
        return get_object_or_404(qs, key=self.kwargs["key"])

    def dispatch(self, request, *args, **kwargs):
        language = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME)
        if language not in dict(settings.LANGUAGES):
            language = self.invitation.language
        if language not in dict(settings.LANGUAGES):
            language = translation.get_language()
        with translation.override(language):
            request.LANGUAGE_CODE = language
            response = super().dispatch(request, *args, **kwargs)
            if hasattr(response, "render"):
                response.render()  # inside the override: the page is in this language
        return response

    def render(self, template: str, status: int = 200, **context):
        survey_round = self.invitation.round
        min_group, min_open = thresholds(survey_round.partnership_id)
        context = {
            "round": survey_round,
            "survey": survey_round.survey,
            "current_partnership": survey_round.partnership,
            "min_group": min_group,
            "min_open": min_open,
            **context,
        }
        return TemplateResponse(self.request, template, context, status=status)


class AnswerPage(InvitationView):
    def get(self, request, *args, **kwargs):
        return self.page_or_notice() or self.form_page(self.form())

    def post(self, request, *args, **kwargs):
        # a form whose first attempt recorded participation but not the answers may go on
        if not ballot_pending(self.invitation, request.POST.get("ballot")):
            notice = self.page_or_notice()
            if notice:
                return notice
        form = self.form(request.POST)
        if form.is_valid():
            try:
                response_submit(
                    invitation=self.invitation,
                    data=form.answers(),
                    token=form.cleaned_data.get("ballot") or None,
                )
            except ValidationError as exc:
                if not hasattr(exc, "error_dict"):
                    # used or closed meanwhile (another tab, the deadline): say so
                    self.invitation.refresh_from_db()
                    return self.page_or_notice() or self.form_page(form)
                form.add_service_errors(exc.message_dict)
            else:
                return redirect("survey:answer_done", key=self.invitation.key)
        return self.form_page(form)

    def form(self, data=None) -> AnswerForm:
        return AnswerForm(data, survey=self.invitation.round.survey)

    def page_or_notice(self):
        if self.invitation.responded_at is not None:
            return self.render("quality/answer/answered.html")
        if not round_is_open(self.invitation.round):
            return self.render("quality/answer/not_open.html")
        return None

    def form_page(self, form):
        return self.render("quality/answer/page.html", form=form)


class AnswerDone(InvitationView):
    def get(self, request, *args, **kwargs):
        if self.invitation.responded_at is None:
            return redirect("survey:answer", key=self.invitation.key)
        return self.render("quality/answer/done.html")
