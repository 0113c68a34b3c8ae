"""The school profiles students read while stating their preferences (002 §3.1)."""

from django.utils.functional import cached_property

from partnerships.mixins import get_scoped_object
from placements.permissions import PlacementAction
from placements.profiles import services as service
from placements.year.mixins import YearPage


class SchoolProfiles(YearPage):
    action = PlacementAction.VIEW_SCHOOL_PROFILES
    template_name = "placements/school_profiles.html"

    def get_context_data(self, **kwargs):
        schools = service.profile_schools(partnership=self.partnership)
        return super().get_context_data(**kwargs) | {"schools": schools}


class SchoolProfilePage(YearPage):
    action = PlacementAction.VIEW_SCHOOL_PROFILES
    template_name = "placements/school_profile.html"

    @cached_property
    def school(self):
        schools = service.profile_schools(partnership=self.partnership)
        return get_scoped_object(schools, pk=self.kwargs["school"])

    def get_context_data(self, **kwargs):
        profile = service.school_profile(school=self.school, year=self.year)
        return super().get_context_data(**kwargs) | {"profile": profile, "school": self.school}
