from django.urls import path

from .views import (
    agreements,
    applicants,
    coordinator_applications,
    coordinator_decisions,
    coordinators,
    county,
    documents,
    finance,
    grantee,
    notices,
    parts,
    programmes,
    public,
    receipts,
    reviewers,
)

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
    path("manage/payments/", finance.payment_list, name="payment_list"),
    path(
        "manage/payments/finance-list/",
        finance.payment_finance_list,
        name="payment_finance_list",
    ),
    path("manage/payments/<uuid:public_id>/", finance.payment_action, name="payment_action"),
    path("manage/reports/", finance.report_list, name="report_list"),
    path("manage/reports/export/", finance.report_list_export, name="report_list_export"),
    path("manage/reports/<uuid:decision_id>/", finance.report_review, name="report_review"),
    path("manage/recoveries/", finance.recovery_list, name="recovery_list"),
    path(
        "manage/recoveries/<int:pk>/repaid/",
        finance.recovery_mark_repaid,
        name="recovery_repaid",
    ),
    path(
        "applications/<uuid:public_id>/decision.pdf",
        grantee.decision_document,
        name="application_decision_pdf",
    ),
    path("applications/<uuid:public_id>/report/", grantee.report_edit, name="report_edit"),
]

urlpatterns += [
    path(
        "manage/calls/<uuid:public_id>/applications/",
        coordinator_applications.call_applications,
        name="call_applications",
    ),
    path(
        "manage/calls/<uuid:public_id>/applications/export/",
        coordinator_applications.call_applications_export,
        name="call_applications_export",
    ),
    path(
        "manage/calls/<uuid:public_id>/decisions/",
        coordinator_decisions.call_decisions,
        name="call_decisions",
    ),
    path(
        "manage/applications/<uuid:public_id>/",
        coordinator_applications.managed_application,
        name="managed_application",
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

urlpatterns += [
    path("manage/counties/<str:code>/goals/", county.county_goals, name="county_goals"),
    path("manage/goals/<int:pk>/", county.goal_edit, name="goal_edit"),
    path(
        "manage/counties/<str:code>/appeal-instructions/",
        county.appeal_instructions,
        name="appeal_instructions",
    ),
    path(
        "manage/counties/<str:code>/programmes/new/",
        programmes.programme_new,
        name="programme_new",
    ),
    path(
        "manage/programmes/<uuid:public_id>/",
        programmes.programme_edit,
        name="programme_edit",
    ),
    path(
        "manage/programmes/<uuid:public_id>/copy/",
        programmes.programme_copy,
        name="programme_copy",
    ),
    path(
        "manage/programmes/<uuid:public_id>/calls/new/",
        programmes.call_new,
        name="call_new",
    ),
    path("manage/calls/<uuid:public_id>/edit/", programmes.call_edit, name="call_edit"),
    path(
        "manage/calls/<uuid:public_id>/publish/",
        programmes.call_publish,
        name="call_publish",
    ),
]

urlpatterns += [
    path(
        "applications/<uuid:public_id>/receipt/<int:number>.pdf",
        receipts.receipt_document,
        name="application_receipt_pdf",
    ),
    path(
        "applications/<uuid:public_id>/autosave/",
        applicants.application_autosave,
        name="application_autosave",
    ),
]
urlpatterns += [
    path(
        "manage/counties/<str:code>/agreements/new/",
        agreements.agreement_new,
        name="agreement_new",
    ),
    path("manage/agreements/<int:pk>/", agreements.agreement_edit, name="agreement_edit"),
]
