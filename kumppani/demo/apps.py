from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DemoConfig(AppConfig):
    """Demo data for development (`manage.py seed_demo`); it sits above every other app."""

    name = "kumppani.demo"
    label = "demo"
    verbose_name = _("Demo data")
