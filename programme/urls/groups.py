"""Groups, pairs, webinars, co-docent hours, the booklet and the calendar feed page (under
/p/<slug>/programme/, namespace ``programme``). The year is ``?year=2026-2027`` (default: now)."""

from django.urls import path

from programme.views import booklet, codocent, feed, groups, webinars

urlpatterns = [
    path("groups/", groups.GroupList.as_view(), name="group_list"),
    path("groups/generate/", groups.GroupsGenerate.as_view(), name="groups_generate"),
    path("groups/<int:pk>/", groups.GroupUpdate.as_view(), name="group_update"),
    path("pairs/", groups.PairList.as_view(), name="pair_list"),
    path("pairs/generate/", groups.PairsGenerate.as_view(), name="pairs_generate"),
    path("pairs/<int:pk>/", groups.PairUpdate.as_view(), name="pair_update"),
    path("webinars/", webinars.WebinarOverview.as_view(), name="webinar_overview"),
    path("webinars/new/", webinars.WebinarCreate.as_view(), name="webinar_create"),
    path("webinars/student/<int:pk>/", webinars.WebinarLogPage.as_view(), name="webinar_log"),
    path("codocent-hours/", codocent.CodocentHours.as_view(), name="codocent_hours"),
    path(
        "codocent-hours/export.xlsx",
        codocent.CodocentHoursXlsx.as_view(),
        name="codocent_hours_xlsx",
    ),
    path("codocent-hours/norms/", codocent.CodocentNorms.as_view(), name="codocent_norms"),
    path("codocent-hours/packages/", codocent.CodocentPackages.as_view(), name="codocent_packages"),
    path(
        "codocent-hours/packages/<int:pk>/delete/",
        codocent.CodocentPackageDelete.as_view(),
        name="codocent_package_delete",
    ),
    path("booklet.pdf", booklet.BookletPdf.as_view(), name="booklet_pdf"),
    path("calendar/", feed.CalendarFeedPage.as_view(), name="calendar_feed_page"),
]
