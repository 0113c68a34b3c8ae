"""URLs of the money pages (joined into ``placements.urls`` under the ``placements`` namespace)."""

from django.urls import path

from placements.funding import views

urlpatterns = [
    path("<str:year>/funding/", views.FundingPage.as_view(), name="funding"),
    path("<str:year>/funding/amounts/", views.AmountsEdit.as_view(), name="funding_amounts"),
    path("<str:year>/funding/key/", views.KeyDecide.as_view(), name="funding_key"),
    path("<str:year>/funding/payments/new/", views.PaymentAdd.as_view(), name="funding_payment"),
    path(
        "<str:year>/funding/statements/", views.StatementList.as_view(), name="funding_statements"
    ),
    path(
        "<str:year>/funding/statements/<int:organisation>/",
        views.StatementPage.as_view(),
        name="funding_statement",
    ),
    path(
        "<str:year>/funding/statements/<int:organisation>/export.<str:fmt>",
        views.StatementExport.as_view(),
        name="funding_statement_export",
    ),
]
