"""Audit actions of meetings."""

from django.utils.translation import gettext_lazy as _

from kumppani.core.actions import register_actions

register_actions(
    {
        "meetings.series.create": _("Meeting series created"),
        "meetings.series.update": _("Meeting series changed"),
        "meetings.meeting.create": _("Meeting created"),
        "meetings.meeting.generate": _("Meetings of a series made from its recurrence"),
        "meetings.meeting.update": _("Meeting changed"),
        "meetings.meeting.cancel": _("Meeting cancelled"),
        "meetings.registration.create": _("Registered for a meeting"),
        "meetings.registration.confirm": _("Registration for a meeting confirmed by email"),
        "meetings.registration.cancel": _("Registration for a meeting cancelled"),
        "meetings.registration.promote": _("Registration moved from the waiting list to a seat"),
    }
)

register_actions(
    {
        "meetings.meeting.held": _("Meeting marked as held"),
        "meetings.requirement.create": _("Statutory requirement added"),
        "meetings.requirement.evidence": _("Evidence of a statutory requirement recorded"),
        "meetings.compliance.export": _("Statutory calendar exported"),
        "meetings.registration.attendance": _("Attendance at a meeting recorded"),
        "meetings.registration.anonymise": _("Registrations for a meeting anonymised"),
        "meetings.participants.export": _("Participants of a meeting exported"),
    }
)
