"""An unticked accessibility checkbox meant "not said", not "no": store it as not reported."""

from django.db import migrations

FEATURES = (
    "step_free_access",
    "accessible_toilet",
    "induction_loop",
    "sign_language",
    "easy_to_read",
    "remote_participation",
)


def unticked_to_not_reported(apps, schema_editor):
    Service = apps.get_model("catalogue", "Service")
    for name in FEATURES:
        Service.objects.filter(**{name: False}).update(**{name: None})


def not_reported_to_unticked(apps, schema_editor):
    Service = apps.get_model("catalogue", "Service")
    for name in FEATURES:
        Service.objects.filter(**{f"{name}__isnull": True}).update(**{name: False})


class Migration(migrations.Migration):
    dependencies = [("catalogue", "0004_accessibility_not_reported")]

    operations = [migrations.RunPython(unticked_to_not_reported, not_reported_to_unticked)]
