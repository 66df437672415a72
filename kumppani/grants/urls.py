from django.urls import path

from .views import applicants, coordinators, notices, parts, public, reviewers

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
    path("calls/<uuid:call_id>/notice/", notices.notice_edit, name="notice_edit"),
    path(
        "manage/calls/<uuid:public_id>/notices/",
        notices.notice_budgeting,
        name="notice_budgeting",
    ),
    path(
        "manage/calls/<uuid:public_id>/notices/export/",
        notices.notice_export,
        name="notice_export",
    ),
    path(
        "applications/<uuid:public_id>/partners/",
        parts.partners,
        name="application_partners",
    ),
    path("partners/<int:pk>/confirm/", parts.partner_confirm, name="partner_confirm"),
    path(
        "applications/<uuid:public_id>/attachments/",
        parts.attachments,
        name="application_attachments",
    ),
    path(
        "applications/<uuid:public_id>/attachments/later/",
        parts.attachment_later,
        name="attachment_later",
    ),
    path("attachments/<uuid:public_id>/", parts.attachment_download, name="attachment_download"),
    path(
        "attachments/<uuid:public_id>/remove/",
        parts.attachment_remove,
        name="attachment_remove",
    ),
    path(
        "applications/<uuid:public_id>/copy-previous/",
        parts.copy_previous,
        name="application_copy_previous",
    ),
]
