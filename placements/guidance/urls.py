"""URLs of guidance (joined into ``placements.urls`` under the ``placements`` namespace)."""

from django.urls import path

from placements.guidance import views

urlpatterns = [
    path("placements/<int:pk>/guidance/", views.GuidanceLog.as_view(), name="guidance_log"),
    path(
        "placements/<int:pk>/guidance/new/<str:kind>/",
        views.GuidanceNew.as_view(),
        name="guidance_new",
    ),
    path("guidance/<int:pk>/", views.GuidanceEntryPage.as_view(), name="guidance_entry"),
    path(
        "guidance/<int:pk>/attachment/",
        views.GuidanceAttachmentDownload.as_view(),
        name="guidance_attachment",
    ),
    path(
        "students/<int:student>/observations/pdf/",
        views.ObservationsPdf.as_view(),
        name="guidance_observations_pdf",
    ),
    path("guidance/frames/", views.FrameList.as_view(), name="guidance_frames"),
    path("guidance/frames/new/", views.FrameEdit.as_view(), name="guidance_frame_new"),
    path("guidance/frames/<int:pk>/", views.FrameEdit.as_view(), name="guidance_frame"),
    path("<str:year>/guidance/norms/", views.GuidanceNorms.as_view(), name="guidance_norms"),
]
