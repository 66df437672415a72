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
    }
)

register_actions(
    {
        "grants.documents.start": _("Decision documents of a call started"),
        "grants.documents.download": _("Decision documents of a call downloaded"),
        "grants.agreement.create": _("Partnership agreement made"),
        "grants.tranche.release": _("Tranche of a partnership agreement released"),
    }
)
