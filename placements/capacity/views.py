"""Capacity pages: the overview of all schools, the request to all schools, and per school the
bulk grid, the XLSX form and its import. Schools come from ``selectors.school_scope``: a
schoolcoördinator reaches only their own school (and cluster); another school is a 404."""

import datetime
from functools import cached_property
from urllib.parse import urlencode

from django.contrib import messages
from django.core import signing
from django.core.exceptions import ValidationError
from django.db.models import OuterRef, Subquery, Sum
from django.db.models.functions import Coalesce
from django.http import HttpResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.generic import FormView

from partnerships.freshness import last_change
from partnerships.glossary import Start
from partnerships.mixins import get_scoped_object
from partnerships.models import Person
from partnerships.views.base import ServiceFormView
from placements import selectors
from placements.capacity.forms import (
    CapacityGridForm,
    CapacityRequestForm,
    CapacityUploadForm,
    grid_subjects,
)
from placements.capacity.imports import capacity_import
from placements.capacity.reminders import OVERDUE_WEEKS, REMINDER_DAYS_BEFORE
from placements.capacity.services import (
    RequestAudience,
    capacity_request_check,
    capacity_request_mails,
    capacity_request_recipients,
    capacity_request_send_once,
    capacity_save,
)
from placements.capacity.xlsx_form import capacity_template
from placements.choices import Availability, OfferedLevel
from placements.models import CapacityLine, CapacityRequest, SchoolCapacity
from placements.permissions import PlacementAction
from placements.year.mixins import YearMixin, YearPage

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def latest_requests(partnership, year) -> dict[str, CapacityRequest | None]:
    """The year's first capacity request and first February re-check (one query)."""
    latest: dict[str, CapacityRequest | None] = {"capacity_request": None, "recheck": None}
    requests = (
        CapacityRequest.objects.filter(partnership=partnership, academic_year=year)
        .select_related("sent_by")
        .order_by(*(CapacityRequest._meta.ordering or ["pk"]))
    )
    for request in requests:
        key = "recheck" if request.is_february_recheck else "capacity_request"
        if latest[key] is None:
            latest[key] = request
    return latest


def overview_rows(schools, year):
    """Active schools with their declaration for ``year``: answered, updated, total cap and the
    sums of places available and maybe (a fixed number of queries however many schools)."""
    caps = SchoolCapacity.objects.filter(school=OuterRef("pk"), academic_year=year)

    def places(availability):
        lines = (
            CapacityLine.objects.filter(
                capacity__school=OuterRef("pk"),
                capacity__academic_year=year,
                availability=availability,
            )
            .values("capacity")
            .annotate(n=Sum("places"))
            .values("n")
        )
        return Coalesce(Subquery(lines), 0)

    return (
        schools.filter(is_active=True)
        .annotate(
            cap_answered_at=Subquery(caps.values("answered_at")),
            cap_updated_at=Subquery(caps.values("updated_at")),
            cap_updated_by_id=Subquery(caps.values("updated_by")),
            cap_total=Subquery(caps.values("total_cap")),
            cap_february_at=Subquery(caps.values("february_checked_at")),
            places_yes=places(Availability.YES),
            places_maybe=places(Availability.MAYBE),
        )
        .order_by("name")
    )


class CapacityOverview(YearPage):
    page_cache = True
    action = PlacementAction.VIEW_CAPACITY
    template_name = "placements/capacity_overview.html"

    def get_context_data(self, **kwargs):
        schools = selectors.school_scope(access=self.access, partnership=self.partnership)
        rows = list(overview_rows(schools, self.year))
        # who last changed each school's places: one query for the page, not one per row
        people = Person.objects.in_bulk({row.cap_updated_by_id for row in rows} - {None})
        for row in rows:
            row.cap_updated_by = people.get(row.cap_updated_by_id)
        return super().get_context_data(**kwargs) | {
            "rows": rows,
            "answered": sum(1 for row in rows if row.cap_answered_at),
            "places_yes": sum(row.places_yes for row in rows),
            "places_maybe": sum(row.places_maybe for row in rows),
            "last_change": last_change(
                SchoolCapacity.objects.filter(school__in=schools, academic_year=self.year)
            ),
            **latest_requests(self.partnership, self.year),
        }


SIGNING_SALT = "placements.capacity.request"
CHECK_MAX_AGE = 60 * 60 * 24 * 7  # a check page left open longer is filled in again


def sign_request(data: dict) -> str:
    """The form's values for the check page, signed (never kept in the session only)."""
    return signing.dumps(data, salt=SIGNING_SALT, compress=True)


def unsign_request(token: str | None) -> dict | None:
    try:
        data = signing.loads(token or "", salt=SIGNING_SALT, max_age=CHECK_MAX_AGE)
        return data | {
            "deadline": datetime.date.fromisoformat(data["deadline"]),
            "checked_at": datetime.datetime.fromisoformat(data["checked_at"]),
        }
    except (signing.BadSignature, KeyError, TypeError, ValueError):
        return None


class CapacityRequestMixin(YearMixin):
    action = PlacementAction.REQUEST_CAPACITY

    def recipients(self, audience=RequestAudience.NOT_ANSWERED, is_february_recheck=False):
        return capacity_request_recipients(
            partnership=self.partnership,
            academic_year=self.year,
            audience=audience,
            is_february_recheck=is_february_recheck,
        )

    def step_url(self, name: str, *args) -> str:
        return reverse(f"placements:{name}", args=[self.partnership.slug, self.year.label, *args])

    def overview_url(self):
        return self.step_url("capacity")


class CapacityRequestView(CapacityRequestMixin, ServiceFormView):
    """The request's form. Sending it does not send anything yet: the check page shows what
    will be sent to whom (the values travel signed in its address)."""

    template_name = "placements/capacity_request.html"
    form_class = CapacityRequestForm

    @cached_property
    def audiences(self):
        return {audience: self.recipients(audience) for audience in RequestAudience.values}

    def get_initial(self):
        data = unsign_request(self.request.GET.get("data"))
        if data is None:  # "Change" on the check page brings the values back
            return super().get_initial()
        return {
            "deadline": data["deadline"],
            "message": data["message"],
            "is_february_recheck": data["is_february_recheck"],
            "audience": data["audience"],
        }

    def get_form_kwargs(self):
        counts = {audience: len(r.schools) for audience, r in self.audiences.items()}
        return super().get_form_kwargs() | {"counts": counts}

    def save(self, form):
        data = form.cleaned_data
        capacity_request_check(
            academic_year=self.year,
            deadline=data["deadline"],
            is_february_recheck=data["is_february_recheck"],
            today=self.access.today,
        )
        return sign_request(
            {
                "deadline": data["deadline"].isoformat(),
                "message": data["message"],
                "is_february_recheck": data["is_february_recheck"],
                "audience": data["audience"],
                "checked_at": timezone.now().isoformat(),
            }
        )

    def get_success_url(self, token):
        return f"{self.step_url('capacity_request_check')}?{urlencode({'data': token})}"

    cancel_fallback_url = CapacityRequestMixin.overview_url

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        form = context["form"]
        audience = form["audience"].value() or RequestAudience.NOT_ANSWERED
        chosen = self.audiences.get(audience) or self.audiences[RequestAudience.NOT_ANSWERED]
        return context | {
            "recipients": chosen,
            "schools": len(chosen.schools),
            "people": len(chosen.recipients),
            "uncoordinated": chosen.uncoordinated,
        }


class CapacityRequestCheck(CapacityRequestMixin, YearPage):
    """Check before sending: the request as it will go out, the people who get one e-mail each
    with their schools, the schools without a coordinator and those left out. GET changes
    nothing; POST sends (once: pressing the button again shows the same confirmation)."""

    template_name = "placements/capacity_request_check.html"

    def get(self, request, *args, **kwargs):
        data = unsign_request(request.GET.get("data"))
        if data is None:
            return self.start_again()
        token = request.GET["data"]
        recipients = self.recipients(data["audience"], data["is_february_recheck"])
        context = self.get_context_data(
            data=data,
            token=token,
            recipients=recipients,
            covered=len({s.pk for r in recipients.recipients for s in r.schools}),
            change_url=f"{self.step_url('capacity_request')}?{urlencode({'data': token})}",
        )
        return self.render_to_response(context)

    def start_again(self):
        messages.error(
            self.request, _("This check page has expired. Fill in the request again, please.")
        )
        return redirect(self.step_url("capacity_request"))

    def post(self, request, *args, **kwargs):
        data = unsign_request(request.POST.get("data"))
        if data is None:
            return self.start_again()
        try:
            capacity_request, _sent = capacity_request_send_once(
                checked_at=data["checked_at"],
                partnership=self.partnership,
                academic_year=self.year,
                deadline=data["deadline"],
                message=data["message"],
                is_february_recheck=data["is_february_recheck"],
                audience=data["audience"],
                by=request.user,
                today=self.access.today,
            )
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
            return redirect(
                f"{self.step_url('capacity_request')}?{urlencode({'data': request.POST['data']})}"
            )
        sent = self.step_url("capacity_request_sent", capacity_request.pk)
        return redirect(f"{sent}?{urlencode({'data': request.POST['data']})}")


class CapacityRequestSent(CapacityRequestMixin, YearPage):
    """The confirmation: how many e-mails went to whom, and what comes next (reminders before
    and after the deadline, the overview of who answered)."""

    template_name = "placements/capacity_request_sent.html"

    def get_context_data(self, **kwargs):
        capacity_request = get_scoped_object(
            CapacityRequest.objects.filter(partnership=self.partnership, academic_year=self.year),
            pk=self.kwargs["pk"],
        )
        mails = capacity_request_mails(capacity_request)
        return super().get_context_data(**kwargs) | {
            "capacity_request": capacity_request,
            "mails": mails,
            "remind_from": capacity_request.deadline
            - datetime.timedelta(days=REMINDER_DAYS_BEFORE),
            "overdue_weeks": OVERDUE_WEEKS,
            "audience": (unsign_request(self.request.GET.get("data")) or {}).get("audience"),
        }


class SchoolMixin:
    """The school in the URL, from the schools the user handles (404 otherwise)."""

    @cached_property
    def school(self):
        schools = selectors.school_scope(access=self.access, partnership=self.partnership)
        return get_scoped_object(schools, pk=self.kwargs["school"])

    @cached_property
    def capacity(self):
        return SchoolCapacity.objects.filter(school=self.school, academic_year=self.year).first()

    def lines(self):
        if self.capacity is None:
            return []
        return list(self.capacity.lines.select_related("subject"))

    def get_context_data(self, **kwargs):
        return super().get_context_data(**kwargs) | {
            "school": self.school,
            "capacity": self.capacity,
        }


class CapacityGrid(SchoolMixin, YearPage):
    """The bulk grid: the whole declaration in one form, saved all or nothing. With htmx the
    form is swapped in place; without JavaScript it is an ordinary post and redirect."""

    page_cache = True

    action = PlacementAction.EDIT_CAPACITY
    template_name = "placements/capacity_grid.html"

    def get(self, request, *args, **kwargs):
        return self.render(self.grid_form())

    def post(self, request, *args, **kwargs):
        form = self.grid_form(data=request.POST)
        if "add" in request.POST or not form.is_valid():
            return self.render(form)
        try:
            capacity_save(
                school=self.school,
                academic_year=self.year,
                total_cap=form.cleaned_data["total_cap"],
                lines=form.lines(),
                by=request.user,
                confirm_february="confirm_february" in request.POST,
                unchanged_since=form.unchanged_since(),
            )
        except ValidationError as exc:
            form.add_error(None, exc.messages)
            return self.render(form)
        message = _("The places of %(school)s have been saved.") % {"school": self.school}
        if not request.htmx:
            messages.success(request, message)
            return redirect(request.get_full_path())
        self.__dict__.pop("capacity", None)
        return self.render(self.grid_form(), saved=message)

    def grid_form(self, data=None):
        lines = self.lines()
        extra = data.getlist("subject") if data else []
        if data and "add" in data:
            extra.append(data.get("add_subject", ""))
        self.subjects, self.addable = grid_subjects(
            partnership=self.partnership, school=self.school, lines=lines, extra_ids=extra
        )
        return CapacityGridForm(data, subjects=self.subjects, capacity=self.capacity, lines=lines)

    def render(self, form, **extra):
        context = self.get_context_data(form=form, addable=self.addable, **extra)
        context["recheck"] = latest_requests(self.partnership, self.year)["recheck"]
        context.update(levels=list(OfferedLevel), starts=list(Start))
        template = self.template_name
        if self.request.htmx:
            template += "#grid"
        return self.response_class(self.request, template, context)


class CapacityImport(SchoolMixin, YearMixin, FormView):
    action = PlacementAction.EDIT_CAPACITY
    template_name = "placements/capacity_import.html"
    form_class = CapacityUploadForm

    def form_valid(self, form):
        report = capacity_import(
            school=self.school,
            academic_year=self.year,
            file=form.cleaned_data["file"],
            by=self.request.user,
        )
        if not report.ok:
            for message in report.file_errors:
                form.add_error("file", message)
            return self.render_to_response(self.get_context_data(form=form, report=report))
        text = ngettext(
            "The form has been imported: %(n)s line with places.",
            "The form has been imported: %(n)s lines with places.",
            report.created,
        ) % {"n": report.created}
        messages.success(self.request, text)
        if report.ignored_columns:
            messages.warning(
                self.request,
                _("These columns were not recognised and have been ignored: %(columns)s.")
                % {"columns": ", ".join(report.ignored_columns)},
            )
        return redirect(
            "placements:capacity_grid", self.partnership.slug, self.year.label, self.school.pk
        )


class CapacityTemplate(SchoolMixin, YearPage):
    action = PlacementAction.EDIT_CAPACITY

    def get(self, request, *args, **kwargs):
        content = capacity_template(
            school=self.school,
            academic_year=self.year,
            capacity=self.capacity,
            lines=self.lines(),
            subjects=list(self.partnership.subjects.order_by("name")),
        )
        response = HttpResponse(content, content_type=XLSX)
        name = f"capaciteit-{self.school.pk}-{self.year.label}.xlsx"
        response["Content-Disposition"] = f'attachment; filename="{name}"'
        return response
