"""What an institute reads to plan: OOAPI ``academic-sessions`` (the academic years),
``organisations`` (the partnership's schools and the institute itself) and the published
``places`` of a year (a school's offer per subject, stage, level and start)."""

from django.db.models import Q
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import serializers

from partnerships.apitokens.scopes import Scope
from partnerships.models import AcademicYear, Organisation
from placements import selectors as placement_selectors

from .base import ERRORS, INVALID, ApiView, academic_session


class AcademicSessionSerializer(serializers.Serializer):
    academicSessionId = serializers.CharField(source="label")  # noqa: N815
    academicSessionType = serializers.SerializerMethodField()  # noqa: N815
    name = serializers.CharField(source="label")
    startDate = serializers.DateField(source="start_date")  # noqa: N815
    endDate = serializers.DateField(source="end_date")  # noqa: N815

    def get_academicSessionType(self, year) -> str:  # noqa: N802
        return "academic year"


class OrganisationSerializer(serializers.Serializer):
    organisationId = serializers.IntegerField(source="pk")  # noqa: N815
    organisationType = serializers.SerializerMethodField()  # noqa: N815
    name = serializers.CharField()
    shortName = serializers.CharField(source="short_name")  # noqa: N815
    brin = serializers.CharField()
    city = serializers.CharField()

    def get_organisationType(self, organisation) -> str:  # noqa: N802
        return "school" if organisation.is_school else "institute"


class PlaceSerializer(serializers.Serializer):
    placeId = serializers.IntegerField(source="pk")  # noqa: N815
    academicSession = serializers.CharField(source="division.academic_year.label")  # noqa: N815
    organisation = OrganisationSerializer(source="school")
    subject = serializers.CharField(source="subject.code")
    subjectName = serializers.CharField(source="subject.name")  # noqa: N815
    stage = serializers.CharField()
    level = serializers.CharField()
    start = serializers.CharField()
    capacity = serializers.IntegerField()
    reserved = serializers.IntegerField()
    maybe = serializers.BooleanField()


class AcademicSessionList(ApiView):
    serializer_class = AcademicSessionSerializer

    @extend_schema(
        operation_id="academic_sessions_list",
        responses={200: AcademicSessionSerializer(many=True), **INVALID, **ERRORS},
    )
    def get(self, request, *args, **kwargs):
        page = self.paginate_queryset(AcademicYear.objects.order_by("start_year"))
        return self.get_paginated_response(AcademicSessionSerializer(page, many=True).data)


class OrganisationList(ApiView):
    """The partnership's active schools (for preferences) and the token's own institute."""

    serializer_class = OrganisationSerializer

    @extend_schema(
        operation_id="organisations_list",
        responses={200: OrganisationSerializer(many=True), **INVALID, **ERRORS},
    )
    def get(self, request, *args, **kwargs):
        institutes = self.access.manageable_institutes(self.partnership)
        qs = Organisation.objects.filter(partnership=self.partnership).filter(
            Q(kind="school", is_active=True) | Q(pk__in=institutes)
        )
        page = self.paginate_queryset(qs.order_by("pk"))
        return self.get_paginated_response(OrganisationSerializer(page, many=True).data)


class PlaceList(ApiView):
    required_scopes = {"GET": Scope.PLACES_READ}
    serializer_class = PlaceSerializer

    @extend_schema(
        operation_id="places_list",
        parameters=[
            OpenApiParameter(
                "academicSession",
                str,
                required=True,
                description="The academic year, for example 2026-2027.",
            )
        ],
        responses={200: PlaceSerializer(many=True), **INVALID, **ERRORS},
    )
    def get(self, request, *args, **kwargs):
        year = academic_session(request.query_params.get("academicSession"))
        places = placement_selectors.places_visible(
            access=self.access, partnership=self.partnership, year=year
        ).filter(division__status="published")
        places = places.select_related("school", "subject", "division__academic_year")
        page = self.paginate_queryset(places.order_by("pk"))
        return self.get_paginated_response(PlaceSerializer(page, many=True).data)
