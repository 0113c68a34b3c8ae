"""The demo transfer forms (placements.demo.transfer, loaded by seed_demo for partnership hos)."""

import pytest
from django.urls import reverse

from partnerships.models import Person
from placements.demo import transfer as demo_transfer
from placements.models import TransferForm
from tests.placements.test_demo import hos, seeded  # noqa: F401  (seed_demo once per module)

pytestmark = pytest.mark.django_db


def test_demo_forms_in_every_stage_and_loading_again_changes_nothing(hos):  # noqa: F811
    forms = TransferForm.objects.filter(student__partnership=hos)
    assert forms.count() == demo_transfer.FORMS
    assert set(forms.values_list("status", flat=True)) == {"draft", "submitted", "final"}
    lotte = forms.get(student__person__email=demo_transfer.DEMO_STUDENT)
    assert lotte.status == "draft" and lotte.suits_me and not lotte.points_of_attention
    for form in forms.filter(status="final"):
        assert form.snapshot["previous_school"]["name"] == form.placement.school.name
        assert any(r["agrees"] for r in form.snapshot["remarks"])
    assert forms.filter(status="submitted", remarks__isnull=False).exists()
    assert demo_transfer.load(hos) is None
    assert forms.count() == demo_transfer.FORMS


def test_the_demo_student_finds_her_form_on_the_dashboard(client, hos):  # noqa: F811
    lotte = Person.objects.get(email=demo_transfer.DEMO_STUDENT)
    form = TransferForm.objects.get(student__person=lotte)
    client.force_login(lotte)
    page = client.get(reverse("partnerships:dashboard", args=[hos.slug])).content.decode()
    assert form.get_absolute_url() in page
    assert client.get(form.get_absolute_url()).status_code == 200
