from django.urls import path

from . import views
from .search import views as search_views
from .views import residents

app_name = "catalogue"
urlpatterns = [
    path("", search_views.service_search, name="search"),
    path("print/", views.printable, name="printable"),
    path("print/pdf/", views.printable_pdf, name="printable_pdf"),
    path("client-list/", views.client_list_page, name="client_list"),
    path("client-list/add/", views.client_list_add, name="client_list_add"),
    path("client-list/change/", views.client_list_change, name="client_list_change"),
    path("client-list/print/", views.client_list_print, name="client_list_print"),
    path("client-list/pdf/", views.client_list_pdf, name="client_list_pdf"),
    path("client-list/email/", views.client_list_email, name="client_list_email"),
    path("stale/", views.stale, name="stale"),
    path("overview/", views.county_overview, name="overview"),
    path("manage/", views.manage, name="manage"),
    path("new/", views.service_start, name="service_start"),
    path("new/all/", views.service_create, name="service_create"),
    path("<uuid:public_id>/", views.service_detail, name="service_detail"),
    path(
        "<uuid:public_id>/calendar.ics",
        residents.service_calendar_file,
        name="service_calendar",
    ),
    path("<uuid:public_id>/edit/", views.service_edit, name="service_edit"),
    path("<uuid:public_id>/more/<slug:step>/", views.service_step, name="service_step"),
    path(
        "<uuid:public_id>/more/<slug:step>/autosave/",
        views.service_step_autosave,
        name="service_step_autosave",
    ),
    path("<uuid:public_id>/publish/", views.service_publish, name="service_publish"),
    path("<uuid:public_id>/archive/", views.service_archive, name="service_archive"),
    path("<uuid:public_id>/confirm/", views.service_confirm, name="service_confirm"),
    path("<uuid:public_id>/hide/", views.service_hide, name="service_hide"),
    path("<uuid:public_id>/unhide/", views.service_unhide, name="service_unhide"),
    path(
        "organisation/<uuid:public_id>/restore/",
        views.organisation_restore,
        name="organisation_restore",
    ),
    path("tasks/", views.task_list, name="task_list"),
    path("tasks/manage/", views.task_manage, name="task_manage"),
    path("tasks/new/", views.task_create, name="task_create"),
    path("tasks/<uuid:public_id>/", views.task_detail, name="task_detail"),
    path("tasks/<uuid:public_id>/interest/", residents.task_interest, name="task_interest"),
    path(
        "tasks/<uuid:public_id>/interest/thanks/",
        residents.task_interest_thanks,
        name="task_interest_thanks",
    ),
    path("tasks/<uuid:public_id>/edit/", views.task_edit, name="task_edit"),
    path("tasks/<uuid:public_id>/publish/", views.task_publish, name="task_publish"),
    path("tasks/<uuid:public_id>/archive/", views.task_archive, name="task_archive"),
    path("tasks/<uuid:public_id>/hide/", views.task_hide, name="task_hide"),
    path("tasks/<uuid:public_id>/unhide/", views.task_unhide, name="task_unhide"),
]
