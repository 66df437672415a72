from django.urls import URLPattern, URLResolver, path

app_name = "meetings"
# Each part of the app (calendar and registration, organisers' pages, memos and liaisons,
# the influence body, statements and consultations, the statutory calendar) adds its own.
urlpatterns: list[URLPattern | URLResolver] = []

# The influence body, statements and consultations (views/body.py, views/voice.py).
from .views import body as body_views  # noqa: E402
from .views import voice as voice_views  # noqa: E402

urlpatterns += [
    path("body/<uuid:public_id>/", body_views.body_detail, name="body_detail"),
    path("body/<uuid:public_id>/seat/<int:seat_id>/", body_views.seat_appoint, name="seat_appoint"),
    path(
        "body/<uuid:public_id>/meeting/<uuid:meeting_id>/attendance/",
        body_views.body_attendance,
        name="body_attendance",
    ),
    path("body/<uuid:public_id>/fees/", body_views.body_fees, name="body_fees"),
    path("said-and-done/<str:county_code>/", voice_views.you_said_we_did, name="you_said_we_did"),
    path("statements/manage/", voice_views.statement_manage, name="statement_manage"),
    path(
        "statements/<uuid:public_id>/answer/", voice_views.statement_answer, name="statement_answer"
    ),
    path("consultations/", voice_views.consultation_list, name="consultation_list"),
    path("consultations/manage/", voice_views.consultation_manage, name="consultation_manage"),
    path(
        "consultations/<uuid:public_id>/",
        voice_views.consultation_detail,
        name="consultation_detail",
    ),
    path(
        "consultations/<uuid:public_id>/answer/",
        voice_views.consultation_respond,
        name="consultation_respond",
    ),
    path(
        "consultations/<uuid:public_id>/publish/",
        voice_views.consultation_publish,
        name="consultation_publish",
    ),
    path(
        "consultations/<uuid:public_id>/close/",
        voice_views.consultation_close,
        name="consultation_close",
    ),
]
