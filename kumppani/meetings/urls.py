from django.urls import URLPattern, URLResolver, path

app_name = "meetings"
# Each part of the app (calendar and registration, organisers' pages, memos and liaisons,
# the influence body, statements and consultations, the statutory calendar) adds its own.
urlpatterns: list[URLPattern | URLResolver] = []

from .views import organisers, participants  # noqa: E402

urlpatterns += [
    path("manage/", organisers.home, name="manage"),
    path("manage/series/new/", organisers.series_new, name="series_new"),
    path("manage/series/<uuid:public_id>/", organisers.series_edit, name="series_edit"),
    path(
        "manage/series/<uuid:public_id>/generate/",
        organisers.series_generate,
        name="series_generate",
    ),
    path(
        "manage/series/<uuid:public_id>/meetings/new/",
        organisers.series_meeting_new,
        name="series_meeting_new",
    ),
    path("manage/meetings/new/", organisers.meeting_new, name="meeting_new"),
    path("manage/meetings/<uuid:public_id>/", organisers.meeting_edit, name="meeting_edit"),
    path(
        "manage/meetings/<uuid:public_id>/cancel/", organisers.meeting_cancel, name="meeting_cancel"
    ),
    path(
        "manage/meetings/<uuid:public_id>/participants/",
        participants.participants,
        name="participants",
    ),
    path(
        "manage/meetings/<uuid:public_id>/participants/attendance/",
        participants.attendance,
        name="attendance",
    ),
    path(
        "manage/meetings/<uuid:public_id>/participants/export/",
        participants.participants_export,
        name="participants_export",
    ),
]
