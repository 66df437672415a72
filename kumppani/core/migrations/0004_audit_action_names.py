"""Rename recorded audit actions to the app.entity.verb scheme of `core.actions`."""

from django.db import migrations

RENAMED = {
    "user.sign_in": "accounts.user.sign_in",
    "user.sign_out": "accounts.user.sign_out",
    "user.password_change": "accounts.user.password_change",
    "user.password_reset": "accounts.user.password_reset",
    "invitation.create": "accounts.invitation.create",
    "invitation.revoke": "accounts.invitation.revoke",
    "invitation.accept": "accounts.invitation.accept",
    "invitation.list": "accounts.invitation.list",
    "organisation.create": "organisations.organisation.create",
    "organisation.update": "organisations.organisation.update",
    "organisation.verify": "organisations.organisation.verify",
    "organisation.read_representatives": "organisations.organisation.read_representatives",
    "organisation.export": "organisations.organisation.export",
    "catalogue.stale_export": "catalogue.stale_list.export",
    "catalogue.hsds_import": "catalogue.hsds_package.import",
    **{
        f"catalogue.service_{verb}": f"catalogue.service.{verb}"
        for verb in (
            "create", "update", "publish", "archive", "confirm", "hide", "unhide", "remind",
            "import",
        )
    },  # fmt: skip
    **{
        f"catalogue.task_{verb}": f"catalogue.volunteer_task.{verb}"
        for verb in ("create", "update", "publish", "archive", "hide", "unhide")
    },
}


def rename(apps, schema_editor):
    AuditEvent = apps.get_model("core", "AuditEvent")
    for old, new in RENAMED.items():
        AuditEvent.objects.filter(action=old).update(action=new)
    # One status service became two transitions.
    for event in AuditEvent.objects.filter(action="organisation.set_status"):
        to = (event.details or {}).get("to")
        event.action = (
            "organisations.organisation.dissolve"
            if to == "dissolved"
            else "organisations.organisation.reactivate"
        )
        event.save(update_fields=["action"])


class Migration(migrations.Migration):
    dependencies = [("core", "0003_status_history")]

    operations = [migrations.RunPython(rename, migrations.RunPython.noop)]
