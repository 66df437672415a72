"""Audit actions of the catalogue (Palvelutarjotin)."""

from django.utils.translation import gettext_lazy as _

from kumppani.core.actions import register_actions

register_actions(
    {
        "catalogue.service.create": _("Activity added"),
        "catalogue.service.update": _("Activity changed"),
        "catalogue.service.publish": _("Activity published"),
        "catalogue.service.archive": _("Activity archived"),
        "catalogue.service.confirm": _("Activity confirmed as current"),
        "catalogue.service.hide": _("Activity hidden by a coordinator"),
        "catalogue.service.unhide": _("Activity shown again"),
        "catalogue.service.remind": _("Reminder to confirm an activity sent"),
        # Events of imports before an import was recorded as one event.
        "catalogue.service.import": _("Activity imported"),
        "catalogue.hsds_package.import": _("Catalogue imported from an HSDS package"),
        "catalogue.import.run": _("Catalogue imported from an HSDS file"),
        "catalogue.volunteer_task.create": _("Volunteer task added"),
        "catalogue.volunteer_task.update": _("Volunteer task changed"),
        "catalogue.volunteer_task.publish": _("Volunteer task published"),
        "catalogue.volunteer_task.archive": _("Volunteer task archived"),
        "catalogue.volunteer_task.hide": _("Volunteer task hidden by a coordinator"),
        "catalogue.volunteer_task.unhide": _("Volunteer task shown again"),
        "catalogue.volunteer_task.interest": _("Expression of interest in a volunteer task sent"),
        "catalogue.stale_list.export": _("List of unconfirmed activities exported"),
        "catalogue.taxonomy_term.create": _("Taxonomy term added"),
        "catalogue.taxonomy_term.update": _("Taxonomy term changed"),
        "catalogue.location.create": _("Place added"),
        "catalogue.location.update": _("Place changed"),
        "catalogue.taxonomy.create": _("Classification added"),
        "catalogue.client_list.send": _("List of activities emailed to a client"),
    }
)
