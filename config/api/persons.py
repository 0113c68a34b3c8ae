"""OOAPI ``persons``: the institute's students. Read as the institute's coordinator sees them on
the pages; created and changed through ``partnerships.services.student_save_with_person``."""

from django.core.exceptions import ValidationError as DjangoValidationError
from drf_spectacular.utils import extend_schema
from rest_framework import serializers
from rest_framework.response import Response

from partnerships import selectors, services
from partnerships.apitokens.scopes import Scope
from partnerships.glossary import Grade, ProgrammeVariant
from partnerships.models import AcademicYear, Person, Student, Subject

from .base import ERRORS, INVALID, ApiView

# API name -> Person field (the student's account)
PERSON_FIELDS = {
    "givenName": "first_name",
    "surnamePrefix": "tussenvoegsel",
    "surname": "last_name",
    "mail": "email",
}
# API name -> Student field
STUDENT_FIELDS = {
    "primaryCode": "student_number",
    "programme": "programme_variant",
    "studyYear": "hbo_year",
    "woProgramme": "wo_programme",
    "subject": "subject",
    "grade": "grade",
    "postcode": "postcode",
    "startAcademicSession": "start_year",
    "active": "is_active",
}
API_NAME = {v: k for k, v in (PERSON_FIELDS | STUDENT_FIELDS).items()}


class PersonSerializer(serializers.Serializer):
    personId = serializers.IntegerField(source="pk", read_only=True)  # noqa: N815
    primaryCode = serializers.CharField(source="student_number")  # noqa: N815
    givenName = serializers.CharField(source="person.first_name")  # noqa: N815
    surnamePrefix = serializers.CharField(source="person.tussenvoegsel")  # noqa: N815
    surname = serializers.CharField(source="person.last_name")
    mail = serializers.EmailField(source="person.email")
    affiliations = serializers.SerializerMethodField()
    organisationId = serializers.IntegerField(source="institute_id")  # noqa: N815
    programme = serializers.ChoiceField(
        source="programme_variant", choices=ProgrammeVariant.choices
    )
    studyYear = serializers.IntegerField(source="hbo_year", allow_null=True)  # noqa: N815
    woProgramme = serializers.CharField(source="wo_programme")  # noqa: N815
    subject = serializers.CharField(source="subject.code")
    grade = serializers.CharField()
    postcode = serializers.CharField()
    startAcademicSession = serializers.CharField(source="start_year.label")  # noqa: N815
    active = serializers.BooleanField(source="is_active")
    currentSchoolId = serializers.IntegerField(source="school_id", allow_null=True)  # noqa: N815
    subsidyCategory = serializers.CharField(source="effective_subsidy_category")  # noqa: N815
    facilitationCategory = serializers.CharField(  # noqa: N815
        source="effective_facilitation_category"
    )

    def get_affiliations(self, student) -> list[str]:
        return ["student"]


class PersonWriteSerializer(serializers.Serializer):
    """A student to add (all required fields) or to change (``PATCH``: only the fields sent)."""

    primaryCode = serializers.CharField(max_length=30, required=False, allow_blank=True)  # noqa: N815
    givenName = serializers.CharField(max_length=100)  # noqa: N815
    surnamePrefix = serializers.CharField(max_length=20, required=False, allow_blank=True)  # noqa: N815
    surname = serializers.CharField(max_length=100)
    mail = serializers.EmailField(max_length=254)
    programme = serializers.ChoiceField(choices=ProgrammeVariant.choices)
    studyYear = serializers.IntegerField(  # noqa: N815
        min_value=1, max_value=4, required=False, allow_null=True
    )
    woProgramme = serializers.CharField(max_length=120, required=False, allow_blank=True)  # noqa: N815
    subject = serializers.CharField(max_length=20, help_text="The code of a subject.")
    grade = serializers.ChoiceField(choices=Grade.choices, required=False, allow_blank=True)
    postcode = serializers.CharField(max_length=7, required=False, allow_blank=True)
    startAcademicSession = serializers.RegexField(  # noqa: N815
        r"^\d{4}-\d{4}$", help_text="For example 2026-2027."
    )
    active = serializers.BooleanField(required=False)

    def validate_subject(self, code):
        subject = Subject.objects.filter(partnership=self.context["partnership"], code=code).first()
        if subject is None:
            raise serializers.ValidationError("No subject with this code in the partnership.")
        return subject

    def validate_startAcademicSession(self, label):  # noqa: N802
        start, end = (int(part) for part in label.split("-"))
        year = AcademicYear.objects.filter(start_year=start).first() if end == start + 1 else None
        if year is None:
            raise serializers.ValidationError("No such academic year.")
        return year

    def validate_mail(self, mail):
        mail = mail.lower()
        student = self.context.get("student")
        others = Person.objects.filter(email__iexact=mail)
        if student is not None:
            others = others.exclude(pk=student.person_id)
        if others.filter(student_records__partnership=self.context["partnership"]).exists():
            raise serializers.ValidationError("This person is already a student here.")
        return mail


def _save(serializer, student: Student) -> Student:
    data = serializer.validated_data
    for api, field in STUDENT_FIELDS.items():
        if api in data:
            setattr(student, field, data[api])
    person = student.person if student.person_id else None
    person_fields = {
        field: data[api] if api in data else getattr(person, field, "")
        for api, field in PERSON_FIELDS.items()
    }
    try:
        return services.student_save_with_person(student=student, person_fields=person_fields)
    except DjangoValidationError as exc:
        if not hasattr(exc, "error_dict"):
            raise
        errors = {API_NAME.get(f, f): messages for f, messages in exc.message_dict.items()}
        raise serializers.ValidationError(errors) from exc


class StudentsView(ApiView):
    serializer_class = PersonSerializer

    def get_queryset(self):
        students = selectors.student_list(access=self.access, partnership=self.partnership)
        return students.select_related("person", "subject", "start_year").order_by("pk")


class PersonList(StudentsView):
    required_scopes = {"GET": Scope.PERSONS_READ, "POST": Scope.PERSONS_WRITE}

    @extend_schema(
        operation_id="persons_list",
        responses={200: PersonSerializer(many=True), **INVALID, **ERRORS},
    )
    def get(self, request, *args, **kwargs):
        page = self.paginate_queryset(self.get_queryset())
        return self.get_paginated_response(PersonSerializer(page, many=True).data)

    @extend_schema(
        operation_id="persons_create",
        request=PersonWriteSerializer,
        responses={201: PersonSerializer, **INVALID, **ERRORS},
    )
    def post(self, request, *args, **kwargs):
        context = {"partnership": self.partnership}
        serializer = PersonWriteSerializer(data=request.data, context=context)
        serializer.is_valid(raise_exception=True)
        institute = self.access.manageable_institutes(self.partnership).get()
        student = Student(partnership=self.partnership, institute=institute)
        student = _save(serializer, student)
        return Response(PersonSerializer(student).data, status=201)


class PersonDetail(StudentsView):
    required_scopes = {"GET": Scope.PERSONS_READ, "PATCH": Scope.PERSONS_WRITE}

    lookup_field, lookup_url_kwarg = "pk", "personId"

    @extend_schema(operation_id="persons_retrieve", responses={200: PersonSerializer, **ERRORS})
    def get(self, request, *args, **kwargs):
        return Response(PersonSerializer(self.get_object()).data)

    @extend_schema(
        operation_id="persons_partial_update",
        request=PersonWriteSerializer(partial=True),
        responses={200: PersonSerializer, **INVALID, **ERRORS},
    )
    def patch(self, request, *args, **kwargs):
        manageable = self.access.manageable_students(self.partnership)
        student = self.get_object()
        if not manageable.filter(pk=student.pk).exists():
            self.permission_denied(request)
        context = {"partnership": self.partnership, "student": student}
        serializer = PersonWriteSerializer(data=request.data, context=context, partial=True)
        serializer.is_valid(raise_exception=True)
        student = _save(serializer, student)
        return Response(PersonSerializer(student).data)
