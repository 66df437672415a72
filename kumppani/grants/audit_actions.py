"""Audit actions of grants."""

from django.utils.translation import gettext_lazy as _

from kumppani.core.actions import register_actions

register_actions(
    {
        "grants.programme.create": _("Grant programme created"),
        "grants.programme.copy": _("Grant programme copied for the next year"),
        "grants.call.create": _("Call for applications created"),
        "grants.call.publish": _("Call for applications published"),
        "grants.application.start": _("Grant application started"),
        "grants.application.save": _("Grant application saved"),
        "grants.application.submit": _("Grant application sent"),
        "grants.application.withdraw": _("Grant application withdrawn"),
        "grants.application.override_eligibility": _(
            "Grant application accepted despite eligibility checks"
        ),
    }
)
