from django.urls import path

from .views import agreements, applicants, coordinators, documents, public, reviewers

app_name = "grants"
urlpatterns = [
    path("", public.call_list, name="call_list"),
    path("calls/<uuid:public_id>/", public.call_detail, name="call_detail"),
    path("decisions/", public.decision_register, name="decision_register"),
    path("decisions/export/", public.decision_register_export, name="decision_register_export"),
    path("calls/<uuid:call_id>/apply/", applicants.application_start, name="application_start"),
    path("applications/", applicants.my_applications, name="my_applications"),
    path("manage/", coordinators.managed_calls, name="managed_calls"),
    path("reviews/", reviewers.my_reviews, name="my_reviews"),
    path("reviews/<int:pk>/", reviewers.review, name="review"),
    path("manage/calls/<uuid:public_id>/", coordinators.call_review, name="call_review"),
    path(
        "applications/<uuid:public_id>/",
        applicants.application_detail,
        name="application_detail",
    ),
    path(
        "applications/<uuid:public_id>/edit/",
        applicants.application_edit,
        name="application_edit",
    ),
    path(
        "applications/<uuid:public_id>/send/",
        applicants.application_submit,
        name="application_submit",
    ),
    path(
        "applications/<uuid:public_id>/withdraw/",
        applicants.application_withdraw,
        name="application_withdraw",
    ),
]

urlpatterns += [
    path(
        "manage/calls/<uuid:public_id>/documents/",
        documents.call_documents,
        name="call_documents",
    ),
    path(
        "manage/calls/<uuid:public_id>/documents/<int:pk>/",
        documents.decision_document_file,
        name="decision_document_file",
    ),
    path(
        "manage/calls/<uuid:public_id>/documents/all.zip",
        documents.call_documents_zip,
        name="call_documents_zip",
    ),
    path("manage/agreements/", agreements.agreement_list, name="agreements"),
    path(
        "manage/agreements/tranches/<int:pk>/release/",
        agreements.tranche_release,
        name="tranche_release",
    ),
]
