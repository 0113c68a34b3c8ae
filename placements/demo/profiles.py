"""Demo school profiles (002 §3.1 voorlichting): a profile text, a street address with a
postcode in the school's city and the schoolcoördinator as contact, for every demo school that
has none yet (a profile a coordinator edited is kept)."""

from partnerships.glossary import Role
from partnerships.models import Organisation, RoleAssignment

OFFERS = (
    "Een vaste werkplekbegeleider per sectie, een wekelijks opleidingsuur met de schoolopleider "
    "en ruimte om in de onderbouw en de bovenbouw les te geven.",
    "Intervisie met de andere studenten van de school, meelopen met een mentor en een eigen "
    "project in de sectie.",
    "Een kleine school met korte lijnen: je draait mee in het team en krijgt vanaf de eerste "
    "week eigen lessen.",
)
STREETS = ("Schoolstraat", "Laan van Leren", "Docentenweg", "Opleidingsplein")


def load(partnership) -> str:
    schools = Organisation.objects.filter(partnership=partnership, kind="school").order_by("pk")
    coordinators = {
        ra.organisation_id: ra.person
        for ra in RoleAssignment.objects.filter(
            partnership=partnership, role=Role.SCHOOLCOORDINATOR
        ).select_related("person")
    }
    done = 0
    for n, school in enumerate(schools):
        if school.profile_text:
            continue
        contact = coordinators.get(school.pk)
        school.profile_text = OFFERS[n % len(OFFERS)]
        school.address = school.address or f"{STREETS[n % len(STREETS)]} {n + 1}"
        school.postcode = school.postcode or f"25{n % 100:02d} AB"
        school.contact_name = contact.full_name if contact else ""
        school.contact_email = contact.email if contact else school.email
        school.save(
            update_fields=["profile_text", "address", "postcode", "contact_name", "contact_email"]
        )
        done += 1
    return f"{done} school profiles"
