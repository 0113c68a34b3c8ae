"""URLs of division (joined into ``placements.urls`` under the ``placements`` namespace)."""

from django.urls import path

from placements.division import views as division

urlpatterns = [
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
    # publishing has its own check page and confirmation (before the generic steps)
    path(
        "<str:year>/division/publish/",
        division.DivisionPublish.as_view(),
        name="division_publish",
    ),
    path(
        "<str:year>/division/published/",
        division.DivisionPublished.as_view(),
        name="division_published",
    ),
    path("<str:year>/division/<slug:step>/", division.DivisionStep.as_view(), name="division_step"),
    path("<str:year>/places/", division.PlacesList.as_view(), name="places"),
]
