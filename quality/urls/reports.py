from django.urls import path

from quality.views import actions, organisation_reports, reports

urlpatterns = [
    path("reports/", reports.ReportList.as_view(), name="report_list"),
    path("reports/<int:pk>/", reports.ReportDetail.as_view(), name="report_detail"),
    path(
        "reports/<int:pk>/sections/<slug:section>/",
        reports.SectionEdit.as_view(),
        name="report_section_edit",
    ),
    path("reports/<int:pk>/comment/", reports.ReportComment.as_view(), name="report_comment"),
    path("reports/<int:pk>/submit/", reports.ReportSubmit.as_view(), name="report_submit"),
    path("reports/<int:pk>/adopt/", reports.ReportAdopt.as_view(), name="report_adopt"),
    path(
        "reports/<int:pk>/adopt/check/",
        reports.ReportAdoptCheck.as_view(),
        name="report_adopt_check",
    ),
    path("reports/<int:pk>/adopted/", reports.ReportAdopted.as_view(), name="report_adopted"),
    path("reports/<int:pk>/pdf/", reports.ReportPdf.as_view(), name="report_pdf"),
    path(
        "reports/<int:pk>/organisations/<int:organisation>/",
        organisation_reports.OrganisationReportDetail.as_view(),
        name="report_organisation",
    ),
    path("actions/", actions.ActionList.as_view(), name="action_list"),
    path("actions/new/", actions.ActionCreate.as_view(), name="action_create"),
    path("actions/<int:pk>/", actions.ActionDetail.as_view(), name="action_detail"),
    path("actions/<int:pk>/edit/", actions.ActionUpdate.as_view(), name="action_update"),
]
