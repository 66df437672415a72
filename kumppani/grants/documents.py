"""The grants' documents, PDF/UA in the application's language (fi or sv): the decision, with
the payment schedule, the reviewers' declarations and the county's appeal instructions; and
the receipt of each sent version of an application, with everything it said."""

from __future__ import annotations

from django.utils import translation
from django.utils.translation import gettext as _

from kumppani.core.documents import render_pdf

from .forms import SubmitForm
from .models import AppealInstructions, Application, ApplicationRevision, Assignment, Decision
from .revisions import revision_content


def default_appeal_instructions(county_name: str) -> str:
    """The instructions when a county has not written its own (in the active language)."""
    return _(
        "A party who is not satisfied with this decision may ask %(county)s to reconsider "
        "it (oikaisuvaatimus). The request is made in writing within 14 days of receiving "
        "the decision. A decision sent by post is taken to have been received on the seventh "
        "day after it was sent, and one sent electronically on the third day, unless shown "
        "otherwise. The request names the decision, the change asked for and its grounds, "
        "and the contact details of the person making it, and it is signed. It is sent to the "
        "registry office of the wellbeing services county. No appeal can be made to a court "
        "against this decision before the request for reconsideration has been decided."
    ) % {"county": county_name}


def appeal_text(decision: Decision, language: str) -> str:
    county = decision.application.call.programme.county
    with translation.override(language):
        own = AppealInstructions.objects.filter(county=county).first()
        text = str(getattr(own, f"text_{language}", None) or "") if own else ""
        return text or default_appeal_instructions(str(county.name))


def decision_pdf(decision: Decision, language: str | None = None) -> bytes:
    language = language or decision.application.language
    assignments = list(
        Assignment.objects.filter(application=decision.application)
        .select_related("reviewer")
        .order_by("id")
    )
    return render_pdf(
        "grants/decision_pdf.html",
        {
            "decision": decision,
            "application": decision.application,
            "payments": list(decision.payments.all()),
            "assignments": assignments,
            "appeal": appeal_text(decision, language),
        },
        language=language,
    )


def receipt_pdf(
    application: Application, revision: ApplicationRevision, language: str | None = None
) -> bytes:
    """The receipt of one sent version: what it said, the declarations with who confirmed
    them, when it was sent (Helsinki time) and its number."""
    language = language or application.language
    with translation.override(language):
        content = revision_content(revision.content)
        declarations = str(SubmitForm.base_fields["declarations"].label)
    return render_pdf(
        "grants/receipt_pdf.html",
        {
            "application": application,
            "revision": revision,
            "content": content,
            "declarations": declarations,
        },
        language=language,
    )
