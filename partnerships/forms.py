from django import forms
from django.utils.translation import gettext_lazy as _

from .glossary import FacilitationCategory, SubsidyCategory
from .imports.cells import parse_postcode
from .models import (
    Organisation,
    Person,
    PupilCount,
    Qualification,
    RoleAssignment,
    SchoolType,
    Section,
    Student,
    Subject,
)


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, **kwargs):
        super().__init__(format="%Y-%m-%d", **kwargs)


class OrganisationForm(forms.ModelForm):
    new_cluster = forms.CharField(
        label=_("Or a new cluster"),
        max_length=200,
        required=False,
        help_text=_("Schools in one cluster act as one school and share a coordinator."),
    )
    cluster_acts_as_one_school = forms.BooleanField(
        label=_("The cluster acts as one school for facilitation"),
        required=False,
        initial=True,
        help_text=_(
            "Applies to the whole cluster: it gets the hours per school for coordination and the "
            "workplace curriculum once, not once per school."
        ),
    )
    school_types = forms.ModelMultipleChoiceField(
        label=_("School types"),
        queryset=SchoolType.objects.all(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    class Meta:
        model = Organisation
        fields = [
            "kind",
            "name",
            "short_name",
            "brin",
            "board",
            "school_types",
            "institute_level",
            "cluster",
            "new_cluster",
            "cluster_acts_as_one_school",
            "address",
            "postcode",
            "city",
            "email",
            "phone",
            "is_active",
        ]

    def __init__(self, *args, partnership, **kwargs):
        super().__init__(*args, **kwargs)
        self.instance.partnership = partnership
        self.fields["cluster"].queryset = partnership.clusters.all()
        if self.instance.cluster_id:
            self.fields[
                "cluster_acts_as_one_school"
            ].initial = self.instance.cluster.acts_as_one_school


class SchoolProfileForm(forms.ModelForm):
    """What a school tells students choosing a placement (002 §3.1 voorlichting)."""

    class Meta:
        model = Organisation
        fields = ["profile_text", "contact_name", "contact_email", "address", "postcode", "city"]
        widgets = {"profile_text": forms.Textarea(attrs={"rows": 6})}

    def clean_postcode(self):
        value = self.cleaned_data["postcode"].strip()
        return parse_postcode(value) if value else ""


class SectionForm(forms.ModelForm):
    class Meta:
        model = Section
        fields = ["subject", "contact", "takes_students", "notes"]
        widgets = {"notes": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args, school, contacts, **kwargs):
        super().__init__(*args, **kwargs)
        self.instance.school = school
        self.fields["subject"].queryset = Subject.objects.filter(partnership=school.partnership)
        self.fields["contact"].queryset = contacts


class PupilCountForm(forms.ModelForm):
    class Meta:
        model = PupilCount
        fields = ["academic_year", "pupils"]


SHARED_ACCOUNT_HELP = _(
    "This account is also used outside this partnership; only a platform administrator can "
    "change its e-mail address or switch it off."
)


def person_with_email(person) -> str:
    """A person in a choice list, told apart from namesakes by their e-mail address."""
    return f"{person.full_name} ({person.email})"


def lock_identity(form, *names):
    for name in names:
        if name in form.fields:
            form.fields[name].disabled = True
            form.fields[name].help_text = SHARED_ACCOUNT_HELP


class PersonForm(forms.ModelForm):
    def __init__(self, *args, shared=False, **kwargs):
        super().__init__(*args, **kwargs)
        if shared:
            lock_identity(self, "email", "is_active")

    class Meta:
        model = Person
        fields = [
            "first_name",
            "tussenvoegsel",
            "last_name",
            "email",
            "phone",
            "teaching_since",
            "language",
            "is_active",
        ]


class PersonCreateForm(PersonForm):
    """A new person with their first role in this partnership."""

    role = forms.ChoiceField(
        label=_("Role"), choices=RoleAssignment._meta.get_field("role").choices
    )
    organisation = forms.ModelChoiceField(
        label=_("Organisation"),
        queryset=None,
        required=False,
        help_text=_("Empty for roles held for the partnership as a whole."),
    )
    subject = forms.ModelChoiceField(label=_("Subject"), queryset=None, required=False)
    valid_from = forms.DateField(label=_("Valid from"), required=False, widget=DateInput())

    class Meta(PersonForm.Meta):
        fields = [f for f in PersonForm.Meta.fields if f != "is_active"]

    def __init__(self, *args, partnership, **kwargs):
        super().__init__(*args, **kwargs)
        self.partnership = partnership
        self.fields["organisation"].queryset = partnership.organisations.all()
        self.fields["subject"].queryset = partnership.subjects.all()

    def validate_unique(self):
        """An existing e-mail address is linked to, not refused (see person_create_with_role)."""

    def clean(self):
        data = super().clean()
        assignment = self.assignment()
        try:
            assignment.clean()
        except forms.ValidationError as exc:
            for field, errors in exc.message_dict.items():
                self.add_error(field if field in self.fields else None, errors)
        return data

    def assignment(self) -> RoleAssignment:
        data = self.cleaned_data
        return RoleAssignment(
            partnership=self.partnership,
            role=data.get("role", ""),
            organisation=data.get("organisation"),
            subject=data.get("subject"),
            valid_from=data.get("valid_from"),
        )


class RoleAssignmentForm(forms.ModelForm):
    class Meta:
        model = RoleAssignment
        fields = ["role", "organisation", "subject", "valid_from", "valid_until"]
        widgets = {"valid_from": DateInput(), "valid_until": DateInput()}

    def __init__(self, *args, partnership, person, **kwargs):
        super().__init__(*args, **kwargs)
        self.instance.partnership = partnership
        self.instance.person = person
        self.fields["organisation"].queryset = partnership.organisations.all()
        self.fields["subject"].queryset = partnership.subjects.all()


class QualificationForm(forms.ModelForm):
    class Meta:
        model = Qualification
        fields = ["kind", "status", "subject", "grade", "obtained_on", "valid_until", "notes"]
        widgets = {"obtained_on": DateInput(), "valid_until": DateInput()}

    def __init__(self, *args, partnership, person, **kwargs):
        super().__init__(*args, **kwargs)
        self.instance.person = person
        self.fields["subject"].queryset = partnership.subjects.all()


class StudentForm(forms.ModelForm):
    """Creates the student's person (account) together with the student record. Who the student
    is comes first (name, e-mail, student number, institute), then the programme, then the
    placement (issue 14)."""

    field_order = ["first_name", "tussenvoegsel", "last_name", "email", "student_number"]

    first_name = forms.CharField(label=_("First name"), max_length=100)
    tussenvoegsel = forms.CharField(
        label=_("Prefix (tussenvoegsel)"), max_length=20, required=False
    )
    last_name = forms.CharField(label=_("Last name"), max_length=100)
    email = forms.EmailField(label=_("E-mail"))

    class Meta:
        model = Student
        fields = [
            "student_number",
            "institute",
            "programme_variant",
            "hbo_year",
            "wo_programme",
            "subject",
            "grade",
            "postcode",
            "start_year",
            "learning_goals",
            "school",
            "werkplekbegeleider",
            "schoolopleider",
            "instituutsopleider",
            "is_active",
        ]
        widgets = {"learning_goals": forms.Textarea(attrs={"rows": 4})}

    def __init__(self, *args, partnership, institutes, staff, shared=False, **kwargs):
        super().__init__(*args, **kwargs)
        self.instance.partnership = partnership
        if self.instance.pk:
            person = self.instance.person
            for name in ("first_name", "tussenvoegsel", "last_name", "email"):
                self.fields[name].initial = getattr(person, name)
        if shared:
            lock_identity(self, "email")
        self.fields["institute"].queryset = institutes
        self.fields["subject"].queryset = partnership.subjects.all()
        self.fields["school"].queryset = partnership.organisations.filter(kind="school")
        for name in ("werkplekbegeleider", "schoolopleider", "instituutsopleider"):
            self.fields[name].queryset = staff

    def clean_email(self):
        email = self.cleaned_data["email"].lower()
        existing = Person.objects.filter(email__iexact=email)
        if self.instance.pk:
            existing = existing.exclude(pk=self.instance.person_id)
        if existing.filter(student_records__partnership=self.instance.partnership).exists():
            raise forms.ValidationError(_("This person is already a student in this partnership."))
        return email

    def person_fields(self) -> dict:
        return {
            name: self.cleaned_data[name]
            for name in ("first_name", "tussenvoegsel", "last_name", "email")
        }


class CategoryOverrideForm(forms.Form):
    subsidy = forms.ChoiceField(
        label=_("Subsidy category"),
        choices=[("", _("as derived"))] + list(SubsidyCategory.choices),
        required=False,
    )
    facilitation = forms.ChoiceField(
        label=_("Facilitation category"),
        choices=[("", _("as derived"))] + list(FacilitationCategory.choices),
        required=False,
    )
    reason = forms.CharField(label=_("Reason"), max_length=300, required=False)

    def clean(self):
        data = super().clean()
        if (data.get("subsidy") or data.get("facilitation")) and not data.get("reason"):
            self.add_error("reason", _("Give a reason for the override."))
        return data


class ImportForm(forms.Form):
    file = forms.FileField(
        label=_("File (XLSX or CSV)"),
        help_text=_("Use the template: one row per record, the first row holds the column names."),
    )
