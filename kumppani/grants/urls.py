from django.urls import include, path

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

# The pages of one application, below applications/<uuid:public_id>/.
application_patterns = [
    path("", applicants.application_detail, name="application_detail"),
    path("edit/", applicants.application_edit, name="application_edit"),
    path("send/", applicants.application_submit, name="application_submit"),
    path("withdraw/", applicants.application_withdraw, name="application_withdraw"),
    path("autosave/", applicants.application_autosave, name="application_autosave"),
    path("decision.pdf", grantee.decision_document, name="application_decision_pdf"),
    path("report/", grantee.report_edit, name="report_edit"),
    path("receipt/<int:number>.pdf", receipts.receipt_document, name="application_receipt_pdf"),
    path("partners/", parts.partners, name="application_partners"),
    path("attachments/", parts.attachments, name="application_attachments"),
    path("attachments/later/", parts.attachment_later, name="attachment_later"),
    path("copy-previous/", parts.copy_previous, name="application_copy_previous"),
]

# A call's pages for its coordinators, below manage/calls/<uuid:public_id>/.
managed_call_patterns = [
    path("", coordinators.call_review, name="call_review"),
    path("edit/", programmes.call_edit, name="call_edit"),
    path("publish/", programmes.call_publish, name="call_publish"),
    path("applications/", coordinator_applications.call_applications, name="call_applications"),
    path(
        "applications/export/",
        coordinator_applications.call_applications_export,
        name="call_applications_export",
    ),
    path("decisions/", coordinator_decisions.call_decisions, name="call_decisions"),
    path("notices/", notices.notice_budgeting, name="notice_budgeting"),
    path("notices/export/", notices.notice_export, name="notice_export"),
    path("documents/", documents.call_documents, name="call_documents"),
    path("documents/<int:pk>/", documents.decision_document_file, name="decision_document_file"),
    path("documents/all.zip", documents.call_documents_zip, name="call_documents_zip"),
]

# A county's grant settings, below manage/counties/<str:code>/.
county_patterns = [
    path("goals/", county.county_goals, name="county_goals"),
    path("appeal-instructions/", county.appeal_instructions, name="appeal_instructions"),
    path("agreements/new/", agreements.agreement_new, name="agreement_new"),
    path("programmes/new/", programmes.programme_new, name="programme_new"),
]

# A programme, below manage/programmes/<uuid:public_id>/.
programme_patterns = [
    path("", programmes.programme_edit, name="programme_edit"),
    path("copy/", programmes.programme_copy, name="programme_copy"),
    path("calls/new/", programmes.call_new, name="call_new"),
]

urlpatterns = [
    path("", public.call_list, name="call_list"),
    path("calls/<uuid:public_id>/", public.call_detail, name="call_detail"),
    path("calls/<uuid:call_id>/apply/", applicants.application_start, name="application_start"),
    path("calls/<uuid:call_id>/notice/", notices.notice_edit, name="notice_edit"),
    path("decisions/", public.decision_register, name="decision_register"),
    path("decisions/export/", public.decision_register_export, name="decision_register_export"),
    path("applications/", applicants.my_applications, name="my_applications"),
    path("applications/<uuid:public_id>/", include(application_patterns)),
    path("partners/<int:pk>/confirm/", parts.partner_confirm, name="partner_confirm"),
    path("attachments/<uuid:public_id>/", parts.attachment_download, name="attachment_download"),
    path("attachments/<uuid:public_id>/remove/", parts.attachment_remove, name="attachment_remove"),
    path("reviews/", reviewers.my_reviews, name="my_reviews"),
    path("reviews/<int:pk>/", reviewers.review, name="review"),
    path("manage/", coordinators.managed_calls, name="managed_calls"),
    path("manage/calls/<uuid:public_id>/", include(managed_call_patterns)),
    path(
        "manage/applications/<uuid:public_id>/",
        coordinator_applications.managed_application,
        name="managed_application",
    ),
    path("manage/counties/<str:code>/", include(county_patterns)),
    path("manage/goals/<int:pk>/", county.goal_edit, name="goal_edit"),
    path("manage/programmes/<uuid:public_id>/", include(programme_patterns)),
    path("manage/payments/", finance.payment_list, name="payment_list"),
    path(
        "manage/payments/finance-list/", finance.payment_finance_list, name="payment_finance_list"
    ),
    path("manage/payments/<uuid:public_id>/", finance.payment_action, name="payment_action"),
    path("manage/reports/", finance.report_list, name="report_list"),
    path("manage/reports/export/", finance.report_list_export, name="report_list_export"),
    path("manage/reports/<uuid:decision_id>/", finance.report_review, name="report_review"),
    path("manage/recoveries/", finance.recovery_list, name="recovery_list"),
    path(
        "manage/recoveries/<int:pk>/repaid/", finance.recovery_mark_repaid, name="recovery_repaid"
    ),
    path("manage/agreements/", agreements.agreement_list, name="agreements"),
    path("manage/agreements/<int:pk>/", agreements.agreement_edit, name="agreement_edit"),
    path(
        "manage/agreements/tranches/<int:pk>/release/",
        agreements.tranche_release,
        name="tranche_release",
    ),
]
