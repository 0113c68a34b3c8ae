"""Placements (read, with a changes feed) and a student's preferences (read and replace through
``placements.services.preference_form_save``)."""

import datetime

from django.utils.dateparse import parse_datetime
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import exceptions, serializers
from rest_framework.response import Response

from partnerships.apitokens.scopes import Scope
from partnerships.models import Organisation
from placements import selectors as placement_selectors
from placements import services as placement_services

from .base import ERRORS, INVALID, ApiView, academic_session
from .catalogue import OrganisationSerializer


class PlacementSerializer(serializers.Serializer):
    placementId = serializers.IntegerField(source="pk")  # noqa: N815
    personId = serializers.IntegerField(source="student_id")  # noqa: N815
    academicSession = serializers.CharField(source="academic_year.label")  # noqa: N815
    organisation = OrganisationSerializer(source="school")
    subject = serializers.CharField(source="subject.code")
    stage = serializers.CharField()
    level = serializers.CharField()
    start = serializers.CharField()
    status = serializers.CharField()
    createdAt = serializers.DateTimeField(source="created_at")  # noqa: N815
    modifiedAt = serializers.DateTimeField(source="updated_at")  # noqa: N815


class PlacementList(ApiView):
    """The institute's students' placements; with ``changed_since`` only those changed at or
    after that moment, oldest change first (a changes feed: ask again with the last
    ``modifiedAt`` you received)."""

    required_scopes = {"GET": Scope.PLACEMENTS_READ}
    serializer_class = PlacementSerializer

    @extend_schema(
        operation_id="placements_list",
        parameters=[
            OpenApiParameter(
                "changed_since",
                datetime.datetime,
                description="ISO 8601 date and time, for example 2026-12-01T00:00:00+01:00.",
            ),
            OpenApiParameter("personId", int, description="Only this student's placements."),
        ],
        responses={200: PlacementSerializer(many=True), **INVALID, **ERRORS},
    )
    def get(self, request, *args, **kwargs):
        qs = placement_selectors.placements_visible(
            access=self.access, partnership=self.partnership
        ).filter(student__in=self.access.students(self.partnership))
        since = request.query_params.get("changed_since")
        if since is not None:
            moment = _moment(since)
            qs = qs.filter(updated_at__gte=moment)
        person = request.query_params.get("personId")
        if person is not None:
            qs = qs.filter(student_id=_number(person, "personId"))
        qs = qs.select_related("school", "subject", "academic_year").order_by("updated_at", "pk")
        page = self.paginate_queryset(qs)
        return self.get_paginated_response(PlacementSerializer(page, many=True).data)


def _number(text: str, name: str) -> int:
    try:
        number = int(text)
    except ValueError:
        number = None
    if number is None or abs(number) >= 2**31:
        raise exceptions.ValidationError({name: ["Give a whole number."]})
    return number


def _moment(text: str) -> datetime.datetime:
    try:
        moment = parse_datetime(text)
    except ValueError:
        moment = None
    if moment is None or moment.tzinfo is None:
        raise exceptions.ValidationError(
            {"changed_since": ["Give a date and time with a time zone, in ISO 8601."]}
        )
    return moment


class PreferencesSerializer(serializers.Serializer):
    """Up to three schools in order of preference, schools the student cannot go to, and the
    rest of the preference form (as on the page)."""

    academicSession = serializers.CharField(read_only=True)  # noqa: N815
    preferredOrganisationIds = serializers.ListField(  # noqa: N815
        child=serializers.IntegerField(min_value=1, max_value=2**31 - 1), max_length=3
    )
    excludedOrganisationIds = serializers.ListField(  # noqa: N815
        child=serializers.IntegerField(min_value=1, max_value=2**31 - 1),
        max_length=50,
        required=False,
    )
    motivation = serializers.CharField(required=False, allow_blank=True, max_length=5000)
    learningGoals = serializers.CharField(required=False, allow_blank=True, max_length=5000)  # noqa: N815
    maxTravelMinutes = serializers.IntegerField(  # noqa: N815
        required=False, allow_null=True, min_value=0, max_value=600
    )
    remarks = serializers.CharField(required=False, allow_blank=True, max_length=5000)
    modifiedAt = serializers.DateTimeField(read_only=True, allow_null=True)  # noqa: N815


def preferences_data(form, year) -> dict:
    if form is None:
        return {
            "academicSession": year.label,
            "preferredOrganisationIds": [],
            "excludedOrganisationIds": [],
            "motivation": "",
            "learningGoals": "",
            "maxTravelMinutes": None,
            "remarks": "",
            "modifiedAt": None,
        }
    return {
        "academicSession": year.label,
        "preferredOrganisationIds": [p.school_id for p in form.preferences.all()],
        "excludedOrganisationIds": sorted(s.pk for s in form.excluded_schools.all()),
        "motivation": form.motivation,
        "learningGoals": form.learning_goals,
        "maxTravelMinutes": form.max_travel_minutes,
        "remarks": form.remarks,
        "modifiedAt": serializers.DateTimeField().to_representation(form.updated_at),
    }


class Preferences(ApiView):
    required_scopes = {"GET": Scope.PERSONS_READ, "PUT": Scope.PREFERENCES_WRITE}
    serializer_class = PreferencesSerializer

    def student(self):
        students = placement_services.preference_students(
            access=self.access, partnership=self.partnership
        )
        student = students.filter(pk=_id(self.kwargs["personId"])).first()
        if student is None:
            raise exceptions.NotFound
        return student

    @extend_schema(
        operation_id="preferences_retrieve",
        responses={200: PreferencesSerializer, **ERRORS},
    )
    def get(self, request, *args, **kwargs):
        student, year = self.student(), academic_session(kwargs["academicSession"])
        form = student.preference_forms.filter(academic_year=year).first()
        return Response(preferences_data(form, year))

    @extend_schema(
        operation_id="preferences_update",
        request=PreferencesSerializer,
        responses={200: PreferencesSerializer, **INVALID, **ERRORS},
    )
    def put(self, request, *args, **kwargs):
        student, year = self.student(), academic_session(kwargs["academicSession"])
        window = placement_services.preference_window(partnership=self.partnership, year=year)
        if not placement_services.preferences_editable(
            access=self.access, partnership=self.partnership, window=window
        ):
            raise exceptions.PermissionDenied("The preference window of this year is not open.")
        serializer = PreferencesSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = serializer.validated_data
        form = placement_services.preference_form_save(
            student=student,
            year=year,
            ranked=_schools(self.partnership, data["preferredOrganisationIds"]),
            excluded=_schools(self.partnership, data.get("excludedOrganisationIds", [])),
            motivation=data.get("motivation", ""),
            learning_goals=data.get("learningGoals", ""),
            max_travel_minutes=data.get("maxTravelMinutes"),
            remarks=data.get("remarks", ""),
            by=self.access.user,
        )
        return Response(preferences_data(form, year))


def _id(value) -> int:
    if not str(value).isdigit() or len(str(value)) > 12:
        raise exceptions.NotFound
    return int(value)


def _schools(partnership, ids: list[int]) -> list[Organisation]:
    """The schools in the order given; an id that is not a school of the partnership is a 400
    (the service says so)."""
    found = Organisation.objects.filter(pk__in=ids).in_bulk()
    missing = [pk for pk in ids if pk not in found]
    if missing:
        raise exceptions.ValidationError({"organisationIds": [f"Unknown schools: {missing}"]})
    return [found[pk] for pk in ids]
