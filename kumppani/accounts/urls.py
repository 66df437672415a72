from django.urls import path

from . import audit_log, views

app_name = "accounts"
urlpatterns = [
    path("dashboard/", views.dashboard, name="dashboard"),
    path("audit/", audit_log.audit_log, name="audit_log"),
    path("audit/export/", audit_log.audit_log_export, name="audit_log_export"),
    path("sign-in/", views.SignInView.as_view(), name="sign_in"),
    path("sign-out/", views.SignOutView.as_view(), name="sign_out"),
    path("password/", views.PasswordChangeView.as_view(), name="password_change"),
    path("password/changed/", views.PasswordChangeDoneView.as_view(), name="password_change_done"),
    path("password-reset/", views.PasswordResetView.as_view(), name="password_reset"),
    path("password-reset/sent/", views.PasswordResetDoneView.as_view(), name="password_reset_done"),
    path(
        "password-reset/<uidb64>/<token>/",
        views.PasswordResetConfirmView.as_view(),
        name="password_reset_confirm",
    ),
    path(
        "password-reset/done/",
        views.PasswordResetCompleteView.as_view(),
        name="password_reset_complete",
    ),
    path("invitations/", views.invitation_list, name="invitations"),
    path(
        "invitations/<int:pk>/withdraw/",
        views.invitation_revoke_view,
        name="revoke_invitation",
    ),
    path("invitations/<str:token>/", views.accept_invitation, name="accept_invitation"),
]
