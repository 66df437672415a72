from django.urls import path

from . import views

urlpatterns = [
    path("hsds/services.json", views.export_json, name="hsds_export_json"),
    path("hsds/services.zip", views.export_tabular, name="hsds_export_tabular"),
]
