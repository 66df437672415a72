from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CatalogueConfig(AppConfig):
    name = "kumppani.catalogue"
    label = "catalogue"
    verbose_name = _("Service catalogue")

    def ready(self) -> None:
        from kumppani.organisations import signals

        from . import receivers

        signals.organisation_changed.connect(
            receivers.reindex_organisation_activities, dispatch_uid="catalogue-reindex"
        )
        signals.organisation_changed.connect(
            receivers.mark_dumps_stale, dispatch_uid="catalogue-dumps"
        )
        signals.organisation_page.connect(
            receivers.organisation_activities, dispatch_uid="catalogue-organisation-page"
        )
        signals.organisation_dissolved.connect(
            receivers.take_down_entries, dispatch_uid="catalogue-take-down"
        )
