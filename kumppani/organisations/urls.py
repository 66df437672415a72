from django.urls import path

from . import invitations, views

app_name = "organisations"
urlpatterns = [
    path("", views.organisation_list, name="list"),
    path("export/", views.organisation_export, name="export"),
    path("new/", views.organisation_create, name="create"),
    path("invite/", invitations.invite, name="invite"),
    path("requests/", views.change_requests, name="change_requests"),
    path("requests/<int:pk>/", views.change_request_decide, name="change_request_decide"),
    path("<uuid:public_id>/", views.organisation_detail, name="detail"),
    path("<uuid:public_id>/edit/", views.organisation_edit, name="edit"),
    path("<uuid:public_id>/verify/", views.organisation_verify, name="verify"),
    path("<uuid:public_id>/dissolve/", views.organisation_dissolve, name="dissolve"),
    path("<uuid:public_id>/reactivate/", views.organisation_reactivate, name="reactivate"),
]
