from django.urls import path

from quality.views import surveys as v

S = "surveys/<int:pk>/"

urlpatterns = [
    path("surveys/", v.SurveyList.as_view(), name="survey_list"),
    path("surveys/new/", v.SurveyCreate.as_view(), name="survey_create"),
    path(
        "surveys/install-templates/",
        v.TemplatesInstall.as_view(),
        name="survey_templates_install",
    ),
    path(S, v.SurveyDetail.as_view(), name="survey_detail"),
    path(f"{S}edit/", v.SurveyUpdate.as_view(), name="survey_update"),
    path(f"{S}copy/", v.SurveyCopy.as_view(), name="survey_copy"),
    path(f"{S}preview/", v.SurveyPreview.as_view(), name="survey_preview"),
    path(f"{S}sections/new/", v.SectionCreate.as_view(), name="section_create"),
    path(f"{S}sections/<int:section>/", v.SectionUpdate.as_view(), name="section_update"),
    path(f"{S}sections/<int:section>/delete/", v.SectionDelete.as_view(), name="section_delete"),
    path(f"{S}sections/<int:section>/move/", v.SectionMove.as_view(), name="section_move"),
    path(
        f"{S}sections/<int:section>/questions/new/",
        v.QuestionCreate.as_view(),
        name="question_create",
    ),
    path(f"{S}questions/<int:question>/", v.QuestionUpdate.as_view(), name="question_update"),
    path(
        f"{S}questions/<int:question>/delete/",
        v.QuestionDelete.as_view(),
        name="question_delete",
    ),
    path(f"{S}questions/<int:question>/move/", v.QuestionMove.as_view(), name="question_move"),
]
