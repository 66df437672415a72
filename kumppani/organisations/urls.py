from django.urls import path

from . import views

app_name = "organisations"
urlpatterns = [
    path("", views.organisation_list, name="list"),
    path("<uuid:public_id>/", views.organisation_detail, name="detail"),
    path("<uuid:public_id>/edit/", views.organisation_edit, name="edit"),
]
