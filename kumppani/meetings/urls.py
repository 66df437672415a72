from django.urls import URLPattern, URLResolver, path

from .views import body as body_views
from .views import compliance as compliance_views
from .views import consultation_files, organisers, participants, public
from .views import liaisons as liaison_views
from .views import memos as memo_views
from .views import voice as voice_views

app_name = "meetings"
urlpatterns: list[URLPattern | URLResolver] = [
    # The statutory calendar.
    path("compliance/", compliance_views.compliance_page, name="compliance"),
    path("compliance/export/", compliance_views.compliance_export, name="compliance_export"),
    path("compliance/requirements/", compliance_views.requirements_add, name="requirements_add"),
    path(
        "compliance/requirements/<int:pk>/evidence/",
        compliance_views.requirement_evidence,
        name="requirement_evidence",
    ),
    # The calendar, meeting pages, registration and the feeds.
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
    # The organisers' pages.
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
    # Memos, topics and the liaison roster.
    path("memos/", memo_views.memo_list, name="memos"),
    path("<uuid:public_id>/memo/", memo_views.memo_detail, name="memo_detail"),
    path("<uuid:public_id>/memo/edit/", memo_views.memo_edit, name="memo_edit"),
    path(
        "<uuid:public_id>/memo/files/", memo_views.memo_attachment_add, name="memo_attachment_add"
    ),
    path("memo-files/<uuid:public_id>/", memo_views.memo_attachment, name="memo_attachment"),
    path(
        "memo-files/<uuid:public_id>/remove/",
        memo_views.memo_attachment_remove,
        name="memo_attachment_remove",
    ),
    path("series/<uuid:public_id>/topics/", memo_views.series_topics, name="series_topics"),
    path("topics/<uuid:public_id>/support/", memo_views.topic_support, name="topic_support"),
    path("topics/<uuid:public_id>/take-up/", memo_views.topic_take_up, name="topic_take_up"),
    path("liaisons/", liaison_views.liaison_contact, name="liaison_contact"),
    path("liaisons/<str:code>/", liaison_views.liaison_roster, name="liaison_roster"),
    path("liaisons/<str:code>/confirm/", liaison_views.liaison_confirm, name="liaison_confirm"),
    path("liaisons/person/<int:pk>/", liaison_views.liaison_edit, name="liaison_edit"),
    path("coverage/<str:code>/", liaison_views.liaison_coverage, name="liaison_coverage"),
    # The influence body, statements and consultations (views/body.py, views/voice.py).
    path("manage/bodies/", body_views.body_list, name="body_list"),
    path("manage/bodies/new/", body_views.body_new, name="body_new"),
    path("body/<uuid:public_id>/", body_views.body_detail, name="body_detail"),
    path("body/<uuid:public_id>/terms/new/", body_views.term_new, name="term_new"),
    path(
        "body/<uuid:public_id>/seat/<int:seat_id>/vacate/",
        body_views.seat_vacate,
        name="seat_vacate",
    ),
    path("body/<uuid:public_id>/seat/<int:seat_id>/", body_views.seat_appoint, name="seat_appoint"),
    path(
        "body/<uuid:public_id>/meeting/<uuid:meeting_id>/attendance/",
        body_views.body_attendance,
        name="body_attendance",
    ),
    path("body/<uuid:public_id>/fees/", body_views.body_fees, name="body_fees"),
    path("said-and-done/", voice_views.you_said_we_did_choose, name="you_said_we_did_choose"),
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
        "consultations/<uuid:public_id>/document/",
        consultation_files.consultation_document,
        name="consultation_document",
    ),
    path(
        "consultations/<uuid:public_id>/draft/",
        consultation_files.consultation_document_file,
        name="consultation_document_file",
    ),
    path(
        "consultation-answers/<int:pk>/file/",
        consultation_files.response_file,
        name="consultation_response_file",
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
