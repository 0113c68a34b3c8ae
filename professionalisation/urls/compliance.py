"""Compliance with the professionalisation requirements (under /p/<slug>/professionalisation/)."""

from django.urls import path

from professionalisation.views import compliance

urlpatterns = [
    path("compliance/", compliance.ComplianceOverview.as_view(), name="compliance"),
    path(
        "compliance/schools/<int:pk>/",
        compliance.ComplianceSchool.as_view(),
        name="compliance_school",
    ),
    path("compliance/mentors/", compliance.MentorFlags.as_view(), name="mentor_flags"),
    path("compliance/norms/", compliance.NormsEdit.as_view(), name="norms_edit"),
]
