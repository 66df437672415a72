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
        "meetings.participants.read": _("Participants of a meeting viewed"),
        "meetings.memo.update": _("Memo of a meeting changed"),
        "meetings.memo.publish": _("Memo of a meeting published"),
        "meetings.memo.attachment_add": _("File added to a memo"),
        "meetings.memo.attachment_remove": _("File removed from a memo"),
        "meetings.memo.attachment_read": _("File of a memo read"),
        "meetings.memo.remind": _("Organiser reminded of an unpublished memo"),
        "meetings.topic.propose": _("Topic proposed for a meeting series"),
        "meetings.topic.support": _("Topic supported"),
        "meetings.topic.take_up": _("Topic taken up at a meeting"),
        "meetings.liaison.create": _("Liaison person added"),
        "meetings.liaison.update": _("Liaison person changed"),
        "meetings.liaison.confirm": _("Liaison roster confirmed for the year"),
        "meetings.body.create": _("Influence body created"),
        "meetings.term.create": _("Term of an influence body created"),
        "meetings.membership.appoint": _("Member of an influence body appointed"),
        "meetings.membership.end": _("Membership of an influence body ended"),
        "meetings.nomination.create": _("Nomination to an influence body recorded"),
        "meetings.attendance.mark": _("Attendance at an influence body's meeting marked"),
        "meetings.fees.export": _("Meeting fees exported"),
        "meetings.statement.create": _("Statement registered"),
        "meetings.statement.answer": _("Statement answered"),
        "meetings.consultation.create": _("Consultation created"),
        "meetings.consultation.publish": _("Consultation published"),
        "meetings.consultation.close": _("Consultation closed"),
        "meetings.consultation.respond": _("Consultation answered"),
        "meetings.consultation.document": _("Draft of a consultation attached as a file"),
        "meetings.consultation.response_file_read": _("File of a consultation answer read"),
    }
)
