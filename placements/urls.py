"""The placements URLs: each feature keeps its own in ``<feature>/urls.py``; joined here in
this order under one namespace (``placements:quota``, ``placements:run_detail``, …)."""

from placements.allocation import urls as allocation
from placements.appointments import urls as appointments
from placements.calendar import urls as calendar
from placements.capacity import urls as capacity
from placements.division import urls as division
from placements.facilitation import urls as facilitation
from placements.funding import urls as funding
from placements.guidance import urls as guidance
from placements.lifecycle import urls as lifecycle
from placements.preferences import urls as preferences
from placements.profiles import urls as profiles
from placements.quota import urls as quota
from placements.shortage import urls as shortage
from placements.subsidy import urls as subsidy
from placements.transfer import urls as transfer
from placements.travel import urls as travel
from placements.year import urls as year

app_name = "placements"

urlpatterns = [
    *year.urlpatterns,
    *quota.urlpatterns,
    *facilitation.urlpatterns,
    *appointments.urlpatterns,
    *lifecycle.urlpatterns,
    *calendar.urlpatterns,
    *capacity.urlpatterns,
    *division.urlpatterns,
    *preferences.urlpatterns,
    *profiles.urlpatterns,
    *travel.urlpatterns,
    *allocation.urlpatterns,
    *shortage.urlpatterns,
    *subsidy.urlpatterns,
    *funding.urlpatterns,
    *transfer.urlpatterns,
    *guidance.urlpatterns,
]
