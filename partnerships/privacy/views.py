"""The subject-access export, reached from a person's page: a check page that says what the
ZIP will hold, and the download (POST) that builds it."""

from django.http import HttpResponse
from django.utils import timezone
from django.utils.text import slugify
from django.views.generic import TemplateView

from .. import selectors
from ..mixins import PartnershipMixin, get_scoped_object
from .export import subject_access_export, subject_access_summary
from .permissions import PrivacyAction


class SubjectAccessExport(PartnershipMixin, TemplateView):
    action = PrivacyAction.EXPORT_PERSONAL_DATA
    nav_section = "people"
    template_name = "partnerships/privacy/subject_access.html"

    def get_person(self):
        people = selectors.person_list(access=self.access, partnership=self.partnership)
        return get_scoped_object(people, pk=self.kwargs["pk"])

    def get_context_data(self, **kwargs):
        person = self.get_person()
        parts = subject_access_summary(person=person, partnership=self.partnership)
        return super().get_context_data(**kwargs) | {"person": person, "parts": parts}

    def post(self, request, *args, **kwargs):
        person = self.get_person()
        data = subject_access_export(person=person, partnership=self.partnership, by=request.user)
        name = slugify(f"persoonsgegevens {person.full_name} {timezone.localdate():%Y-%m-%d}")
        response = HttpResponse(data, content_type="application/zip")
        response["Content-Disposition"] = f'attachment; filename="{name}.zip"'
        return response
