"""The project's URLs plus the new search page, until catalogue:search points at it."""

from django.conf.urls.i18n import i18n_patterns
from django.urls import path

from kumppani.catalogue.search.views import service_search
from kumppani.urls import urlpatterns as project_urlpatterns

urlpatterns = [
    *project_urlpatterns,
    *i18n_patterns(path("search-page/", service_search, name="search_page_test")),
]
