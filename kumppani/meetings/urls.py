from django.urls import URLPattern, URLResolver, path

from .views import public

app_name = "meetings"
# Each part of the app (calendar and registration, organisers' pages, memos and liaisons,
# the influence body, statements and consultations, the statutory calendar) adds its own.
urlpatterns: list[URLPattern | URLResolver] = []

# The calendar, meeting pages, registration and the feeds.
urlpatterns += [
    path("", public.calendar, name="calendar"),
    path("<uuid:public_id>/", public.meeting_detail, name="meeting_detail"),
    path("<uuid:public_id>/calendar.ics", public.meeting_ics, name="meeting_ics"),
    path("series/<uuid:public_id>/calendar.ics", public.series_ics, name="series_ics"),
    path(
        "registrations/confirm/<str:token>/",
        public.registration_confirm,
        name="registration_confirm",
    ),
    path(
        "registrations/cancel/<str:token>/", public.registration_cancel, name="registration_cancel"
    ),
    path("registrations/", public.my_registrations, name="my_registrations"),
]
