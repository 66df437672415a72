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
        "grants.application.review": _("Grant application taken into review"),
        "grants.application.decide": _("Grant decision made"),
        "grants.review.assign": _("Reviewer assigned"),
        "grants.review.declare": _("Reviewer's disqualification declared"),
        "grants.review.score": _("Application scored"),
        "grants.decision.export": _("Register of grant decisions exported"),
        "grants.payment.approve": _("Payment approved"),
        "grants.report.submit": _("Usage report sent"),
        "grants.report.accept": _("Usage report accepted"),
        "grants.recovery.create": _("Recovery of a grant recorded"),
        "grants.recovery.repaid": _("Recovered grant repaid"),
        "grants.application.override_eligibility": _(
            "Grant application accepted despite eligibility checks"
        ),
        "grants.payment.send": _("Payment sent to the finance system"),
        "grants.payment.pay": _("Payment marked paid"),
        "grants.payment.export": _("Payment list for the finance system exported"),
        "grants.report.request_info": _("More information asked for on a usage report"),
        "grants.report.export": _("Usage reports exported"),
    }
)

register_actions(
    {
        "grants.application.request_info": _("More information asked for a grant application"),
        "grants.application.export": _("Grant applications of a call exported"),
        "grants.application.copy": _("Grant application filled in from an earlier one"),
        "grants.notice.save": _("Advance notice saved"),
        "grants.notice.export": _("Advance notices exported"),
        "grants.partner.add": _("Partner organisation added to a grant application"),
        "grants.partner.remove": _("Partner organisation removed from a grant application"),
        "grants.partner.confirm": _("Partnership in a grant application confirmed"),
        "grants.attachment.add": _("Attachment added to a grant application"),
        "grants.attachment.remove": _("Attachment removed from a grant application"),
        "grants.attachment.later": _("Attachment to be delivered later"),
        "grants.attachment.read": _("Attachment of a grant application read"),
    }
)

register_actions(
    {
        "grants.documents.start": _("Decision documents of a call started"),
        "grants.documents.download": _("Decision documents of a call downloaded"),
        "grants.agreement.create": _("Partnership agreement made"),
        "grants.tranche.release": _("Tranche of a partnership agreement released"),
        "grants.agreement.update": _("Partnership agreement changed"),
    }
)

register_actions(
    {
        "grants.goal.create": _("County goal added"),
        "grants.goal.update": _("County goal changed"),
        "grants.programme.update": _("Grant programme changed"),
        "grants.call.update": _("Call for applications changed"),
        "grants.appeal.save": _("Appeal instructions of grant decisions saved"),
    }
)
