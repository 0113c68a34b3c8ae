"""The catalogue of activities: filters and query count."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from partnerships.glossary import Role
from professionalisation.models import Activity

pytestmark = pytest.mark.django_db


def make_activities(partnership, n, start=0, **fields):
    return [
        Activity.objects.create(
            partnership=partnership,
            name=f"{fields.get('kind', 'custom')} {partnership.slug} {i}",
            kind=fields.get("kind", "custom"),
            formality=fields.get("formality", "informal"),
            target_roles=fields.get("target_roles", []),
            hours=4,
        )
        for i in range(start, start + n)
    ]


def test_filter_by_role_keeps_activities_for_all_staff(client, world):
    wpb = make_activities(
        world.a, 1, kind="wpb_basis", formality="basis", target_roles=[Role.WERKPLEKBEGELEIDER]
    )[0]
    assessor = make_activities(
        world.a, 1, kind="assessor_training", formality="basis", target_roles=[Role.ASSESSOR]
    )[0]
    everyone = make_activities(world.a, 1, kind="webinar")[0]
    make_activities(world.b, 1, kind="wpb_basis", target_roles=[Role.WERKPLEKBEGELEIDER])
    client.force_login(world["werkplekbegeleider"])
    url = reverse("professionalisation:activity_list", args=[world.a.slug])
    shown = set(client.get(url, {"role": Role.WERKPLEKBEGELEIDER}).context["object_list"])
    assert shown == {wpb, everyone}
    shown = set(client.get(url, {"formality": "basis"}).context["object_list"])
    assert shown == {wpb, assessor}
    shown = set(client.get(url, {"kind": "webinar"}).context["object_list"])
    assert shown == {everyone}
    assert set(client.get(url).context["object_list"]) == {wpb, assessor, everyone}


def test_inactive_activities_only_for_organisers(client, world):
    (activity,) = make_activities(world.a, 1)
    activity.is_active = False
    activity.save()
    url = reverse("professionalisation:activity_list", args=[world.a.slug])
    client.force_login(world["werkplekbegeleider"])
    assert list(client.get(url).context["object_list"]) == []
    client.force_login(world["programmamanager"])
    assert list(client.get(url).context["object_list"]) == [activity]


def test_activity_list_query_count_is_flat(client, world):
    client.force_login(world["programmamanager"])
    url = reverse("professionalisation:activity_list", args=[world.a.slug])
    client.get(url)
    counts, total = {}, 0
    for size in (1, 10, 50):
        make_activities(world.a, size - total, start=total, target_roles=[Role.CO_DOCENT])
        total = size
        with CaptureQueriesContext(connection) as ctx:
            response = client.get(url)
        assert response.context["paginator"].count == size
        counts[size] = len(ctx.captured_queries)
    assert len(set(counts.values())) == 1, counts


def test_an_organiser_adds_and_edits_an_activity(client, world):
    client.force_login(world["administratief_ondersteuner"])
    create = reverse("professionalisation:activity_create", args=[world.a.slug])
    data = {
        "name": "Assessorenopleiding",
        "kind": "assessor_training",
        "formality": "basis",
        "target_roles": [Role.ASSESSOR, Role.INSTITUUTSASSESSOR],
        "provider": "Hogeschool Alfa",
        "hours": "16",
        "qualification_kind": "assessor",
        "is_active": "on",
    }
    assert client.post(create, data).status_code == 302
    activity = Activity.objects.get(partnership=world.a)
    assert activity.target_roles == [Role.ASSESSOR, Role.INSTITUUTSASSESSOR]
    assert activity.qualification_kind == "assessor"
    # the same name again is refused, case-insensitively
    response = client.post(create, data | {"name": "assessorenopleiding"})
    assert "name" in response.context["form"].errors
    update = reverse("professionalisation:activity_update", args=[world.a.slug, activity.pk])
    assert client.post(update, data | {"target_roles": [], "hours": "12"}).status_code == 302
    activity.refresh_from_db()
    assert activity.target_roles == [] and activity.hours == 12


def test_bad_activity_input_saves_nothing(client, world):
    client.force_login(world["programmamanager"])
    response = client.post(
        reverse("professionalisation:activity_create", args=[world.a.slug]),
        {
            "name": "X",
            "kind": "nonsense",
            "formality": "basis",
            "hours": "-2",
            "target_roles": ["pope"],
        },
    )
    errors = response.context["form"].errors
    assert {"kind", "hours", "target_roles"} <= set(errors)
    assert not Activity.objects.exists()
