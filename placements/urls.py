from django.urls import path

from placements.allocation.views import results as result_views
from placements.allocation.views import runs as allocation_views
from placements.appointments import views as appointments
from placements.calendar import views as calendar_views
from placements.capacity import views as capacity
from placements.division import views as division
from placements.facilitation import views as facilitation
from placements.lifecycle.views import interview as interview_views
from placements.lifecycle.views import placements as placement_views
from placements.lifecycle.views import steps
from placements.preferences import views as preference_views
from placements.profiles import views as profile_views
from placements.quota import views as quota
from placements.shortage import views as shortage_views
from placements.subsidy import views as subsidy_views
from placements.transfer.views import form as transfer_views
from placements.transfer.views import lists as transfer_lists
from placements.transfer.views import steps as transfer_steps
from placements.travel import views as travel_views
from placements.year import views as year

app_name = "placements"

urlpatterns = [
    path("", year.CurrentYear.as_view(), name="year_current"),
    path("<str:year>/", year.YearOverview.as_view(), name="year"),
    # quota, facilitation hours, small appointments
    path("<str:year>/quota/", quota.QuotaPage.as_view(), name="quota"),
    path("<str:year>/quota/propose/", quota.QuotaPropose.as_view(), name="quota_propose"),
    path(
        "<str:year>/quota/distribution/",
        quota.QuotaDistribution.as_view(),
        name="quota_distribution",
    ),
    path("<str:year>/quota/recompute/", quota.QuotaRecompute.as_view(), name="quota_recompute"),
    path("<str:year>/quota/submit/", quota.QuotaSubmit.as_view(), name="quota_submit"),
    path("<str:year>/quota/approve/", quota.QuotaApprove.as_view(), name="quota_approve"),
    path("<str:year>/quota/monitor/", quota.QuotaMonitor.as_view(), name="quota_monitor"),
    path(
        "<str:year>/facilitation/",
        facilitation.FacilitationPage.as_view(),
        name="facilitation",
    ),
    path(
        "<str:year>/facilitation/export.xlsx",
        facilitation.FacilitationExport.as_view(),
        name="facilitation_export",
    ),
    path(
        "<str:year>/facilitation/norms/",
        facilitation.FacilitationNorms.as_view(),
        name="facilitation_norms",
    ),
    path(
        "<str:year>/appointments/",
        appointments.AppointmentList.as_view(),
        name="appointment_list",
    ),
    path(
        "<str:year>/placements/<int:pk>/appointment/",
        appointments.AppointmentEdit.as_view(),
        name="appointment",
    ),
    path(
        "<str:year>/placements/<int:pk>/appointment/delete/",
        appointments.AppointmentDelete.as_view(),
        name="appointment_delete",
    ),
    # placements: list, detail and lifecycle steps; the procedure calendar
    path("<str:year>/placements/", placement_views.PlacementList.as_view(), name="placement_list"),
    path(
        "<str:year>/placements/new/",
        placement_views.PlacementCreate.as_view(),
        name="placement_create",
    ),
    path(
        "placements/<int:pk>/", placement_views.PlacementDetail.as_view(), name="placement_detail"
    ),
    path(
        "placements/<int:pk>/interview/",
        interview_views.PlacementInterview.as_view(),
        name="placement_interview",
    ),
    *[
        path(f"placements/<int:pk>/{step}/", view.as_view(), name=f"placement_{step}")
        for step, view in (
            ("plan_interview", steps.PlanInterview),
            ("interview_held", steps.InterviewHeld),
            ("confirm", steps.ConfirmPlacement),
            ("activate", steps.ActivatePlacement),
            ("complete", steps.CompletePlacement),
            ("cancel", steps.CancelPlacement),
            ("guides", steps.AssignGuides),
            ("lock", steps.LockPlacement),
        )
    ],
    path("<str:year>/calendar/", calendar_views.ProcedureCalendar.as_view(), name="calendar"),
    path(
        "<str:year>/calendar/generate/",
        calendar_views.GenerateCalendar.as_view(),
        name="calendar_generate",
    ),
    path("calendar/steps/<int:pk>/", calendar_views.StepUpdate.as_view(), name="calendar_step"),
    # capacity of the schools, the division of places over hbo and wo, the published places
    path("<str:year>/capacity/", capacity.CapacityOverview.as_view(), name="capacity"),
    path(
        "<str:year>/capacity/request/",
        capacity.CapacityRequestView.as_view(),
        name="capacity_request",
    ),
    path(
        "<str:year>/capacity/<int:school>/", capacity.CapacityGrid.as_view(), name="capacity_grid"
    ),
    path(
        "<str:year>/capacity/<int:school>/import/",
        capacity.CapacityImport.as_view(),
        name="capacity_import",
    ),
    path(
        "<str:year>/capacity/<int:school>/form.xlsx",
        capacity.CapacityTemplate.as_view(),
        name="capacity_template",
    ),
    path("<str:year>/division/", division.DivisionPage.as_view(), name="division"),
    path(
        "<str:year>/division/approve/",
        division.DivisionApprove.as_view(),
        name="division_approve",
    ),
    path(
        "<str:year>/division/school/<int:school>/",
        division.DivisionSchool.as_view(),
        name="division_school",
    ),
    path("<str:year>/division/<slug:step>/", division.DivisionStep.as_view(), name="division_step"),
    path("<str:year>/places/", division.PlacesList.as_view(), name="places"),
]

# preferences, allocation runs and the shortage subjects
urlpatterns += [
    path(
        "<str:year>/preferences/",
        preference_views.PreferenceOverview.as_view(),
        name="preferences",
    ),
    path(
        "<str:year>/preferences/window/",
        preference_views.PreferenceWindowEdit.as_view(),
        name="preference_window",
    ),
    path(
        "<str:year>/preferences/<int:student>/",
        preference_views.PreferenceEdit.as_view(),
        name="preference_edit",
    ),
    path("<str:year>/schools/", profile_views.SchoolProfiles.as_view(), name="school_profiles"),
    path(
        "<str:year>/schools/<int:school>/",
        profile_views.SchoolProfilePage.as_view(),
        name="school_profile",
    ),
    path("<str:year>/travel/", travel_views.TravelTimes.as_view(), name="travel_times"),
    path("<str:year>/travel/import/", travel_views.TravelImport.as_view(), name="travel_import"),
    path(
        "<str:year>/travel/reistijden.xlsx",
        travel_views.TravelTemplate.as_view(),
        name="travel_template",
    ),
    path("<str:year>/runs/", allocation_views.RunList.as_view(), name="runs"),
    path("<str:year>/runs/new/", allocation_views.RunCreate.as_view(), name="run_create"),
    path("<str:year>/runs/compare/", result_views.RunCompare.as_view(), name="run_compare"),
    path("runs/<int:pk>/", allocation_views.RunDetail.as_view(), name="run_detail"),
    path("runs/<int:pk>/rerun/", allocation_views.RunRerun.as_view(), name="run_rerun"),
    path("runs/<int:pk>/commit/", allocation_views.RunCommit.as_view(), name="run_commit"),
    path(
        "runs/<int:pk>/results/<int:result>/",
        result_views.ResultEdit.as_view(),
        name="run_result",
    ),
    path("<str:year>/shortage/", shortage_views.ShortageView.as_view(), name="shortage"),
    path(
        "placements/<int:pk>/shared-with/",
        shortage_views.PlacementShare.as_view(),
        name="placement_shared_with",
    ),
]

# subsidy category lists: the list of a year, snapshots, downloads
urlpatterns += [
    path("subsidy/choose/", subsidy_views.SubsidyChoose.as_view(), name="subsidy_choose"),
    path("<str:year>/subsidy/", subsidy_views.SubsidyPage.as_view(), name="subsidy"),
    path(
        "<str:year>/subsidy/export.<str:fmt>",
        subsidy_views.SubsidyExport.as_view(),
        name="subsidy_export",
    ),
    path(
        "<str:year>/subsidy/snapshots/",
        subsidy_views.SnapshotTake.as_view(),
        name="subsidy_snapshot_take",
    ),
    path(
        "subsidy/snapshots/<int:pk>/",
        subsidy_views.SnapshotDetail.as_view(),
        name="subsidy_snapshot",
    ),
    path(
        "subsidy/snapshots/<int:pk>/compare/",
        subsidy_views.SnapshotCompare.as_view(),
        name="subsidy_compare",
    ),
    path(
        "subsidy/snapshots/<int:pk>/export.<str:fmt>",
        subsidy_views.SnapshotExport.as_view(),
        name="subsidy_snapshot_export",
    ),
]

# transfer forms (doorstroomformulieren): one form and its steps, a student's portfolio, a year

urlpatterns += [
    path(
        "transfer-forms/settings/",
        transfer_lists.TransferSettingsEdit.as_view(),
        name="transfer_settings",
    ),
    path(
        "transfer-forms/<int:pk>/", transfer_views.TransferFormPage.as_view(), name="transfer_form"
    ),
    path(
        "transfer-forms/<int:pk>/pdf/",
        transfer_views.TransferFormPdf.as_view(),
        name="transfer_form_pdf",
    ),
    *[
        path(f"transfer-forms/<int:pk>/{step}/", view.as_view(), name=f"transfer_{step}")
        for step, view in (
            ("remark", transfer_steps.TransferRemark),
            ("finalise", transfer_steps.TransferFinalise),
            ("share", transfer_steps.TransferShare),
            ("acknowledge", transfer_steps.TransferAcknowledge),
            ("employer", transfer_steps.TransferEmployer),
        )
    ],
    path(
        "students/<int:student>/transfer-forms/",
        transfer_lists.TransferPortfolio.as_view(),
        name="transfer_portfolio",
    ),
    path("<str:year>/transfer-forms/", transfer_lists.TransferList.as_view(), name="transfer_list"),
]
