from django.urls import include, path

from .privacy import views as privacy_views
from .views import dashboard, import_check, imports, organisations, people, students

app_name = "partnerships"

urlpatterns = [
    path("", dashboard.Dashboard.as_view(), name="dashboard"),
    # organisations and their sections
    path("organisations/", organisations.OrganisationList.as_view(), name="organisation_list"),
    path(
        "organisations/new/", organisations.OrganisationCreate.as_view(), name="organisation_create"
    ),
    path(
        "organisations/<int:pk>/",
        organisations.OrganisationDetail.as_view(),
        name="organisation_detail",
    ),
    path(
        "organisations/<int:pk>/edit/",
        organisations.OrganisationUpdate.as_view(),
        name="organisation_update",
    ),
    path(
        "organisations/<int:pk>/profile/",
        organisations.SchoolProfileUpdate.as_view(),
        name="school_profile_update",
    ),
    path(
        "organisations/<int:pk>/sections/new/",
        organisations.SectionCreate.as_view(),
        name="section_create",
    ),
    path(
        "organisations/<int:pk>/sections/<int:section>/edit/",
        organisations.SectionUpdate.as_view(),
        name="section_update",
    ),
    path(
        "organisations/<int:pk>/pupils/",
        organisations.PupilCountCreate.as_view(),
        name="pupil_count",
    ),
    # people, roles and qualifications
    path("people/", people.PersonList.as_view(), name="person_list"),
    path("people/new/", people.PersonCreate.as_view(), name="person_create"),
    path("people/<int:pk>/", people.PersonDetail.as_view(), name="person_detail"),
    path("people/<int:pk>/edit/", people.PersonUpdate.as_view(), name="person_update"),
    path("people/<int:pk>/roles/new/", people.RoleAssignmentCreate.as_view(), name="role_create"),
    path(
        "people/<int:pk>/roles/<int:role>/edit/",
        people.RoleAssignmentCreate.as_view(),
        name="role_update",
    ),
    path(
        "people/<int:pk>/roles/<int:role>/end/", people.RoleAssignmentEnd.as_view(), name="role_end"
    ),
    path(
        "people/<int:pk>/qualifications/new/",
        people.QualificationCreate.as_view(),
        name="qualification_create",
    ),
    path(
        "people/<int:pk>/qualifications/<int:qualification>/edit/",
        people.QualificationCreate.as_view(),
        name="qualification_update",
    ),
    path(
        "people/<int:pk>/personal-data/",
        privacy_views.SubjectAccessExport.as_view(),
        name="person_data_export",
    ),
    # students
    path("students/", students.StudentList.as_view(), name="student_list"),
    path("students/new/", students.StudentCreate.as_view(), name="student_create"),
    path("students/<int:pk>/", students.StudentDetail.as_view(), name="student_detail"),
    path("students/<int:pk>/edit/", students.StudentUpdate.as_view(), name="student_update"),
    path(
        "students/<int:pk>/categories/",
        students.StudentCategoryOverride.as_view(),
        name="student_categories",
    ),
    # API tokens of the institutes (issue 17)
    path("api-tokens/", include("partnerships.apitokens.urls")),
    # bulk import
    path("import/", imports.ImportView.as_view(), name="import"),
    path(
        "import/<str:kind>/template.<str:fmt>",
        imports.ImportTemplate.as_view(),
        name="import_template",
    ),
    path("import/jobs/<int:pk>/", imports.ImportJobView.as_view(), name="import_job"),
    path("import/check/", import_check.ImportCheck.as_view(), name="import_check"),
]
