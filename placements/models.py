from placements.allocation.models import AllocationResult, AllocationRun
from placements.calendar.models import ProcedureStep
from placements.capacity.models import CapacityLine, CapacityRequest, SchoolCapacity
from placements.division.models import Division, Place
from placements.facilitation.models import FacilitationNorm, InstituteNorm, YearNorms
from placements.funding.models import DistributionKey, FundingPayment, SubsidyRate
from placements.guidance.models import (
    GuidanceAttachment,
    GuidanceEntry,
    GuidanceKind,
    GuidanceNorm,
    ObservationCriterion,
    ObservationFrame,
    ObservationScore,
)
from placements.lifecycle.models import (
    IntroductoryInterview,
    Placement,
    PlacementEvent,
    SmallAppointment,
)
from placements.preferences.models import Preference, PreferenceForm, PreferenceWindow
from placements.quota.models import Quota, QuotaShare
from placements.subsidy.models import SubsidySnapshot
from placements.transfer.models import (
    TransferForm,
    TransferFormRemark,
    TransferFormStatus,
    TransferSettings,
)
from placements.travel.models import TravelTime

__all__ = [
    "AllocationResult",
    "AllocationRun",
    "CapacityLine",
    "CapacityRequest",
    "DistributionKey",
    "Division",
    "FacilitationNorm",
    "FundingPayment",
    "GuidanceAttachment",
    "GuidanceEntry",
    "GuidanceKind",
    "GuidanceNorm",
    "InstituteNorm",
    "IntroductoryInterview",
    "ObservationCriterion",
    "ObservationFrame",
    "ObservationScore",
    "Place",
    "Placement",
    "PlacementEvent",
    "Preference",
    "PreferenceForm",
    "PreferenceWindow",
    "ProcedureStep",
    "Quota",
    "QuotaShare",
    "SchoolCapacity",
    "SmallAppointment",
    "SubsidyRate",
    "SubsidySnapshot",
    "TransferForm",
    "TransferFormRemark",
    "TransferFormStatus",
    "TransferSettings",
    "TravelTime",
    "YearNorms",
]
