from django.urls import URLPattern, URLResolver, path

app_name = "meetings"
# Each part of the app (calendar and registration, organisers' pages, memos and liaisons,
# the influence body, statements and consultations, the statutory calendar) adds its own.
urlpatterns: list[URLPattern | URLResolver] = []

# The statutory calendar.
from .views import compliance as compliance_views  # noqa: E402

urlpatterns += [
    path("compliance/", compliance_views.compliance_page, name="compliance"),
    path("compliance/export/", compliance_views.compliance_export, name="compliance_export"),
    path("compliance/requirements/", compliance_views.requirements_add, name="requirements_add"),
    path(
        "compliance/requirements/<int:pk>/evidence/",
        compliance_views.requirement_evidence,
        name="requirement_evidence",
    ),
]
