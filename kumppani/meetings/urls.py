from django.urls import URLPattern, URLResolver

app_name = "meetings"
# Each part of the app (calendar and registration, organisers' pages, memos and liaisons,
# the influence body, statements and consultations, the statutory calendar) adds its own.
urlpatterns: list[URLPattern | URLResolver] = []

# Memos, topics and the liaison roster.
from django.urls import path  # noqa: E402

from .views import liaisons as liaison_views  # noqa: E402
from .views import memos as memo_views  # noqa: E402

urlpatterns += [
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
]
