from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.urls import include, path

from kumppani.api import api
from kumppani.catalogue.hsds.api import hsds_api
from kumppani.core import views as core_views

urlpatterns = [
    path("", core_views.root, name="root"),
    path("i18n/", include("django.conf.urls.i18n")),
    path("api/v1/", api.urls),
    path("api/hsds/", hsds_api.urls),
    path("healthz", core_views.healthz, name="healthz"),
]

urlpatterns += i18n_patterns(
    path("", include("kumppani.core.urls")),
    path("", include("kumppani.accounts.urls")),
    path("organisations/", include("kumppani.organisations.urls")),
    path("services/", include("kumppani.catalogue.urls")),
    path("services/", include("kumppani.catalogue.hsds.urls")),
    path("grants/", include("kumppani.grants.urls")),
    path("meetings/", include("kumppani.meetings.urls")),
    path("admin/", admin.site.urls),
    prefix_default_language=True,
)

if settings.DEBUG:
    from django.contrib.staticfiles.urls import staticfiles_urlpatterns

    urlpatterns += staticfiles_urlpatterns()

admin.site.site_header = "Kumppani"
admin.site.site_title = "Kumppani"

handler400 = "kumppani.core.views.bad_request"
handler403 = "kumppani.core.views.permission_denied"
handler404 = "kumppani.core.views.page_not_found"
handler500 = "kumppani.core.views.server_error"
