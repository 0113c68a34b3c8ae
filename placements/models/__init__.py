from .allocation import AllocationResult, AllocationRun
from .calendar import ProcedureStep
from .capacity import CapacityLine, CapacityRequest, SchoolCapacity
from .division import Division, Place
from .facilitation import FacilitationNorm, InstituteNorm, YearNorms
from .placement import IntroductoryInterview, Placement, PlacementEvent, SmallAppointment
from .preferences import Preference, PreferenceForm, PreferenceWindow
from .quota import Quota, QuotaShare
from .subsidy import SubsidySnapshot
from .transfer import TransferForm, TransferFormRemark, TransferFormStatus, TransferSettings
from .travel import TravelTime

__all__ = [
    "AllocationResult",
    "AllocationRun",
    "CapacityLine",
    "CapacityRequest",
    "Division",
    "FacilitationNorm",
    "InstituteNorm",
    "IntroductoryInterview",
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
    "SubsidySnapshot",
    "TransferForm",
    "TransferFormRemark",
    "TransferFormStatus",
    "TransferSettings",
    "TravelTime",
    "YearNorms",
]
