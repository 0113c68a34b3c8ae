"""A cluster's "acts as one school for facilitation" (002 footnote 1, issue 11): on by default,
editable where clusters are edited (the school's form), read by the facilitation page."""

import pytest
from django.urls import reverse

from partnerships.models import Cluster

pytestmark = pytest.mark.django_db


@pytest.fixture
def as_manager(client, world):
    client.force_login(world["stagecoordinator"])
    return client


def url(world, name, *args):
    return reverse(f"partnerships:{name}", args=[world.a.slug, *args])


def test_a_new_cluster_acts_as_one_school_and_the_form_switches_it(as_manager, world):
    response = as_manager.post(
        url(world, "organisation_create"),
        {
            "kind": "school",
            "name": "Corbulo",
            "new_cluster": "Lucas",
            "cluster_acts_as_one_school": "on",
        },
    )
    assert response.status_code == 302
    lucas = Cluster.objects.get(partnership=world.a, name="Lucas")
    assert lucas.acts_as_one_school
    school = lucas.schools.get()
    edit = url(world, "organisation_update", school.pk)
    assert as_manager.get(edit).context["form"]["cluster_acts_as_one_school"].initial is True
    response = as_manager.post(edit, {"kind": "school", "name": "Corbulo", "cluster": lucas.pk})
    assert response.status_code == 302
    lucas.refresh_from_db()
    assert not lucas.acts_as_one_school  # unticked: each school of the cluster counts apart
    assert as_manager.get(edit).context["form"]["cluster_acts_as_one_school"].initial is False
