"""URLs of transfer (joined into ``placements.urls`` under the ``placements`` namespace)."""

from django.urls import path

from placements.transfer.views import form as transfer_views
from placements.transfer.views import lists as transfer_lists
from placements.transfer.views import steps as transfer_steps

urlpatterns = [
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
            ("submit", transfer_steps.TransferSubmit),
            ("acknowledge", transfer_steps.TransferAcknowledge),
            ("employer", transfer_steps.TransferEmployer),
        )
    ],
    path(
        "transfer-forms/<int:pk>/submitted/",
        transfer_steps.TransferDone.as_view(kind="submit"),
        name="transfer_submitted",
    ),
    path(
        "transfer-forms/<int:pk>/shared/",
        transfer_steps.TransferDone.as_view(kind="share"),
        name="transfer_shared",
    ),
    path(
        "students/<int:student>/transfer-forms/",
        transfer_lists.TransferPortfolio.as_view(),
        name="transfer_portfolio",
    ),
    path("<str:year>/transfer-forms/", transfer_lists.TransferList.as_view(), name="transfer_list"),
]
