from django.urls import path

from . import views

urlpatterns = [
    path("hsds/services.json", views.export, {"file_format": "json"}, name="hsds_export_json"),
    path("hsds/services.zip", views.export, {"file_format": "zip"}, name="hsds_export_tabular"),
]
