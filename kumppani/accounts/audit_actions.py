"""Audit actions of accounts: signing in, passwords, invitations, roles."""

from django.utils.translation import gettext_lazy as _

from kumppani.core.actions import register_actions

register_actions(
    {
        "accounts.user.sign_in": _("Signed in"),
        "accounts.user.sign_out": _("Signed out"),
        "accounts.user.password_change": _("Password changed"),
        "accounts.user.password_reset": _("Password reset"),
        "accounts.user.create": _("User account created"),
        "accounts.user.update": _("User account changed"),
        "accounts.user.anonymise": _("Personal data of a user erased"),
        "accounts.invitation.create": _("Invitation sent"),
        "accounts.invitation.revoke": _("Invitation withdrawn"),
        "accounts.invitation.accept": _("Invitation accepted"),
        "accounts.invitation.list": _("Invitations viewed"),
        "accounts.county_role.grant": _("County role granted"),
        "accounts.county_role.remove": _("County role removed"),
        "accounts.organisation_role.grant": _("Representative added"),
        "accounts.organisation_role.update": _("Representative's role changed"),
        "accounts.organisation_role.remove": _("Representative removed"),
        "accounts.audit_log.read": _("Audit log viewed"),
        "accounts.audit_log.export": _("Audit log exported"),
    }
)
