"""Audit actions of the organisation registry."""

from django.utils.translation import gettext_lazy as _

from kumppani.core.actions import register_actions

register_actions(
    {
        "organisations.organisation.create": _("Organisation added"),
        "organisations.organisation.update": _("Organisation's details changed"),
        "organisations.organisation.verify": _("Organisation verified"),
        "organisations.organisation.dissolve": _("Organisation marked dissolved"),
        "organisations.organisation.reactivate": _("Organisation marked active again"),
        "organisations.organisation.import": _("Organisation imported"),
        "organisations.organisation.read_representatives": _("List of representatives viewed"),
        "organisations.organisation.export": _("Organisation list exported"),
        "organisations.change_request.create": _("Change sent for approval"),
        "organisations.change_request.approve": _("Change approved"),
        "organisations.change_request.refuse": _("Change refused"),
    }
)
