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
