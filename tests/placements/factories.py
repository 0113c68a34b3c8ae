import factory
from factory.django import DjangoModelFactory

from placements.models import CapacityLine, Division, Place, Placement, SchoolCapacity
from tests.factories import SchoolFactory, StudentFactory, SubjectFactory, academic_year


class DivisionFactory(DjangoModelFactory):
    class Meta:
        model = Division
        django_get_or_create = ("partnership", "academic_year")

    partnership = factory.SubFactory("tests.factories.PartnershipFactory")
    academic_year = factory.LazyFunction(academic_year)


class PlaceFactory(DjangoModelFactory):
    class Meta:
        model = Place

    division = factory.SubFactory(DivisionFactory)
    school = factory.SubFactory(
        SchoolFactory, partnership=factory.SelfAttribute("..division.partnership")
    )
    subject = factory.SubFactory(
        SubjectFactory, partnership=factory.SelfAttribute("..division.partnership")
    )
    stage = "onderbouw"
    level = "hbo"
    start = "september"
    capacity = 1


class SchoolCapacityFactory(DjangoModelFactory):
    class Meta:
        model = SchoolCapacity

    school = factory.SubFactory(SchoolFactory)
    academic_year = factory.LazyFunction(academic_year)


class PlacementFactory(DjangoModelFactory):
    """A proposed placement on ``place`` (traits: confirmed, active)."""

    class Meta:
        model = Placement

    place = factory.SubFactory(PlaceFactory)
    student = factory.SubFactory(
        StudentFactory,
        partnership=factory.SelfAttribute("..place.division.partnership"),
        subject=factory.SelfAttribute("..place.subject"),
    )
    academic_year = factory.SelfAttribute("place.division.academic_year")
    school = factory.SelfAttribute("place.school")
    subject = factory.SelfAttribute("place.subject")
    stage = factory.SelfAttribute("place.stage")
    level = factory.SelfAttribute("place.level")
    start = factory.SelfAttribute("place.start")

    class Params:
        confirmed = factory.Trait(status="confirmed")
        active = factory.Trait(status="active")


class CapacityLineFactory(DjangoModelFactory):
    """A line of a school's declaration (creates the school's SchoolCapacity when needed)."""

    class Meta:
        model = CapacityLine

    capacity = factory.SubFactory(SchoolCapacityFactory)
    subject = factory.SubFactory(
        SubjectFactory, partnership=factory.SelfAttribute("..capacity.school.partnership")
    )
    stage = "onderbouw"
    level = "hbo"
    start = "september"
    places = 2
    availability = "yes"
