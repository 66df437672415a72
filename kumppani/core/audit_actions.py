"""Audit actions of core: the email outbox."""

from django.utils.translation import gettext_lazy as _

from kumppani.core.actions import register_actions

register_actions(
    {
        "core.outgoing_email.retry": _("Email sent again from the outbox"),
    }
)
