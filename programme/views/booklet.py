"""The programme booklet: the year's published events in date order with their slots and
sessions, as a PDF in the reader's language (VIEW_PROGRAMME)."""

from django.http import HttpResponse
from django.utils import timezone
from django.utils.translation import get_language
from django.views import View

from partnerships.audit import record
from partnerships.glossary import Role
from partnerships.pdf import render_to_pdf

from ..permissions import ProgrammeAction
from ..selectors import groups as selectors
from .groups import YearMixin

TEMPLATE = "programme/print/booklet.html"


def booklet_context(*, partnership, year) -> dict:
    events = list(selectors.booklet_events(partnership=partnership, year=year))
    for event in events:
        event.role_labels = [
            Role(r).label if r in Role.values else r for r in event.audience_roles or []
        ]
    return {
        "partnership": partnership,
        "year": year,
        "events": events,
        "made_on": timezone.localdate(),
    }


class BookletPdf(YearMixin, View):
    action = ProgrammeAction.VIEW_PROGRAMME

    def get(self, request, *args, **kwargs):
        context = booklet_context(partnership=self.partnership, year=self.year)
        pdf = render_to_pdf(TEMPLATE, context, language=get_language())
        record(
            person=request.user,
            action="download",
            partnership=self.partnership,
            what="programme_booklet",
            year=self.year.label,
        )
        response = HttpResponse(pdf, content_type="application/pdf")
        name = f"programme-{self.partnership.slug}-{self.year.label}.pdf"
        response["Content-Disposition"] = f'inline; filename="{name}"'
        return response
