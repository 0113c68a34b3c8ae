from django.urls import path

from . import views as v

app_name = "finance"

urlpatterns = [
    path("", v.Home.as_view(), name="home"),
    path("budgets/", v.BudgetList.as_view(), name="budget_list"),
    path("budgets/new/", v.BudgetCreate.as_view(), name="budget_create"),
    path("budgets/<str:year>/", v.BudgetDetail.as_view(), name="budget_detail"),
    path("budgets/<str:year>/lines/new/", v.LineCreate.as_view(), name="line_create"),
    path("lines/<int:pk>/", v.LineDetail.as_view(), name="line_detail"),
    path("lines/<int:pk>/edit/", v.LineUpdate.as_view(), name="line_update"),
    path("lines/<int:pk>/realised/", v.EntryCreate.as_view(), name="entry_create"),
    path("declarations/", v.DeclarationList.as_view(), name="declaration_list"),
    path("declarations/new/", v.DeclarationCreate.as_view(), name="declaration_create"),
    path("declarations/export.<str:fmt>", v.DeclarationExport.as_view(), name="declaration_export"),
    path("declarations/<int:pk>/", v.DeclarationDetail.as_view(), name="declaration_detail"),
    path("declarations/<int:pk>/edit/", v.DeclarationUpdate.as_view(), name="declaration_update"),
    path("declarations/<int:pk>/check/", v.DeclarationCheck.as_view(), name="declaration_check"),
    path(
        "declarations/<int:pk>/submitted/",
        v.DeclarationSubmitted.as_view(),
        name="declaration_submitted",
    ),
    path("declarations/<int:pk>/decide/", v.DeclarationDecide.as_view(), name="declaration_decide"),
    path("declarations/<int:pk>/paid/", v.DeclarationPay.as_view(), name="declaration_pay"),
    path(
        "declarations/<int:pk>/attachment/",
        v.DeclarationAttachment.as_view(),
        name="declaration_attachment",
    ),
]
