"""Applications: start one (once per organisation and call), save the draft, send it before
the deadline with the declarations, withdraw it, accept it despite a failed check."""

from __future__ import annotations

from datetime import datetime
from decimal import Decimal
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from kumppani.accounts.models import User
from kumppani.accounts.roles import roles_of
from kumppani.core import workflow
from kumppani.core.actor import Actor
from kumppani.core.audit import audit_record
from kumppani.core.concurrency import apply_changes, check_version
from kumppani.core.languages import format_date
from kumppani.core.outbox import email_queue_templated
from kumppani.organisations.models import Organisation

from .. import eligibility
from ..banking import clean_bic, clean_iban
from ..models import (
    AdvanceNotice,
    Answer,
    Application,
    ApplicationRevision,
    ApplicationStatus,
    AttachmentKind,
    BudgetLine,
    Call,
    IncomeLine,
    Theme,
)
from ..models.application import LIVE_STATES
from .requests import open_request, request_is_open

# What the applicant may change in a draft (and when asked for more information).
DRAFT_FIELDS = (
    "language",
    "activity",
    "description",
    "target_groups",
    "goals_and_measures",
    "requested_amount",
    "iban",
    "bic",
    "themes",
)
EDITABLE = {ApplicationStatus.DRAFT, ApplicationStatus.INFO_REQUESTED}


def refuse_if_sent(application: Application) -> None:
    """Refuse to change an application that has been sent (that is no longer a draft nor
    asked for more information)."""
    if application.status not in EDITABLE:
        raise ValidationError(
            _("The application has been sent and can no longer be changed."), code="not_editable"
        )


def lock_for_change(application: Application) -> None:
    """Lock the application's row for a change of its draft, refused once it is sent."""
    workflow.lock(application)
    refuse_if_sent(application)


def _audit(actor: Actor, application: Application, verb: str, **extra: Any) -> None:
    audit_record(
        actor=actor,
        action=f"grants.application.{verb}",
        obj=application,
        county=application.call.programme.county,
        **extra,
    )


def application_start(
    *, actor: Actor, call: Call, organisation: Organisation, now: datetime | None = None
) -> Application:
    """The organisation's application to the call: the live one if it has been started
    already (by anyone, in any tab), a new draft otherwise."""
    if not call.accepts_applications(now or timezone.now()):
        raise ValidationError(_("The call is not open for applications."), code="call_closed")
    existing = _live(call, organisation)
    if existing is not None:
        return existing
    try:
        with transaction.atomic():
            application = Application.objects.create(
                call=call,
                organisation=organisation,
                created_by=actor.user,
                language=getattr(actor.user, "language", "fi") if actor.user else "fi",
            )
            notice = AdvanceNotice.objects.filter(call=call, organisation=organisation).first()
            if notice is not None:
                _fill_from_notice(application, notice)
            _audit(actor, application, "start")
    except IntegrityError:
        # Another request started it at the same moment; the constraint kept one.
        found = _live(call, organisation)
        if found is None:
            raise
        return found
    return application


def _fill_from_notice(application: Application, notice: AdvanceNotice) -> None:
    """Start the application from what the organisation told in its advance notice."""
    application.notice = notice
    application.activity = notice.activity
    application.description = notice.description
    application.themes = list(notice.themes or [])
    # The field takes None (null=True); the stubs type it by its validators.
    application.requested_amount = notice.estimated_amount  # type: ignore[assignment]
    application.save(
        update_fields=[
            "notice",
            "activity",
            "description",
            "themes",
            "requested_amount",
            "updated_at",
        ]
    )
    application.municipalities.set(notice.municipalities.all())


def _live(call: Call, organisation: Organisation) -> Application | None:
    return Application.objects.filter(
        call=call, organisation=organisation, status__in=LIVE_STATES
    ).first()


@transaction.atomic
def application_save(
    *,
    application: Application,
    actor: Actor,
    base_version: str | None = None,
    municipalities: Any = None,
    budget: list[tuple[str, str, Decimal]] | None = None,
    income: list[tuple[str, Decimal, str]] | None = None,
    answers: dict[int, str] | None = None,
    **fields: Any,
) -> Application:
    """Save the draft: only what changed is written. ``budget`` is (category, description,
    amount) rows, ``income`` (source, amount, decision reference) rows, ``answers`` the
    answer text by question id; each replaces what was there when given."""
    workflow.refuse_unknown(fields, DRAFT_FIELDS, "application")
    lock_for_change(application)
    if "iban" in fields:
        fields["iban"] = _field_error("iban", clean_iban, fields["iban"] or "")
    if "bic" in fields:
        fields["bic"] = _field_error("bic", clean_bic, fields["bic"] or "")
    if set(fields.get("themes") or []) - set(Theme.values):
        raise ValidationError({"themes": _("Choose the themes from the list.")})
    check_version(application, base_version, fields)
    changed = apply_changes(application, fields)
    if changed:
        application.full_clean()
    if municipalities is not None:
        wanted = {m.pk for m in municipalities}
        if wanted != set(application.municipalities.values_list("pk", flat=True)):
            application.municipalities.set(wanted)
            changed.append("municipalities")
    budget_names = ("category", "description", "amount")
    if budget is not None and _replace_lines(application, BudgetLine, budget, budget_names):
        changed.append("budget")
    income_names = ("source", "amount", "decision_reference")
    if income is not None and _replace_lines(application, IncomeLine, income, income_names):
        changed.append("income")
    if answers is not None and _save_answers(application, answers):
        changed.append("answers")
    if changed:
        # The version moves with the lines and answers too, so that another device's save
        # made on the older version is told instead of overwriting them.
        application.save(
            update_fields=[name for name in changed if name in fields] + ["updated_at"]
        )
    if changed:
        _audit(actor, application, "save", details={"changed": sorted(changed)})
    return application


def _field_error(name: str, clean: Any, value: str) -> str:
    try:
        return str(clean(value))
    except ValidationError as error:
        raise ValidationError({name: error.messages}) from None


def _replace_lines(
    application: Application, model: Any, rows: list[tuple[Any, ...]], names: tuple[str, ...]
) -> bool:
    """Make the application's lines these rows; return whether they differ from before."""
    lines = [model(application=application, **dict(zip(names, row, strict=True))) for row in rows]
    for line in lines:
        line.full_clean(exclude=["application"])

    def key(line: Any) -> tuple[Any, ...]:
        return tuple(getattr(line, name) for name in names)  # 9000 == 9000.00 as Decimals

    existing = list(model.objects.filter(application=application).order_by("id"))
    if [key(line) for line in existing] == [key(line) for line in lines]:
        return False
    model.objects.filter(application=application).delete()
    model.objects.bulk_create(lines)
    return True


def _save_answers(application: Application, answers: dict[int, str]) -> bool:
    """Save the answers given; return whether any of them changed."""
    questions = {q.pk: q for q in application.call.programme.questions.all()}
    stored = {a.question_id: a for a in application.answers.all()}
    changed = False
    for question_id, value in answers.items():
        if question_id not in questions:
            raise ValidationError(_("The question is not one of this call's."), code="question")
        value = value.strip()
        answer = stored.get(question_id)
        if answer is None:
            if not value:
                continue
            Answer.objects.create(application=application, question_id=question_id, value=value)
            changed = True
        elif answer.value != value:
            answer.value = value
            answer.save(update_fields=["value"])
            changed = True
    return changed


def missing(application: Application) -> list[str]:
    """What must still be filled in before sending, as sentences."""
    found = []
    if not application.activity.strip():
        found.append(_("Give the activity a name."))
    if not application.description.strip():
        found.append(_("Tell what will be done with the grant."))
    if not application.requested_amount:
        found.append(_("Give the amount applied for."))
    if not application.municipalities.exists():
        found.append(_("Choose the municipalities where the activity takes place."))
    if not application.iban:
        found.append(_("Give the bank account (IBAN) the grant is paid to."))
    if not application.bic:
        found.append(_("Give the BIC of the bank."))
    answered = {a.question_id for a in application.answers.all() if a.value.strip()}
    for question in application.call.programme.questions.all():
        if question.is_required and question.pk not in answered:
            found.append(_("Answer the question “%(question)s”.") % {"question": question.text})
    for partner in application.partners.select_related("organisation"):
        if partner.confirmed_at is None:
            found.append(
                _("%(partner)s has not yet confirmed the partnership.")
                % {"partner": partner.organisation.name}
            )
    given = {a.kind for a in application.attachments.all()}
    labels = dict(AttachmentKind.choices)
    for kind in application.call.programme.required_attachments or []:
        if kind not in given:
            found.append(
                _("Add the attachment “%(kind)s” or say that it will be delivered later.")
                % {"kind": labels.get(kind, kind)}
            )
    return found


def snapshot(application: Application) -> dict[str, Any]:
    """What the application says, as plain data (a revision's content)."""
    return {
        **{name: str(getattr(application, name) or "") for name in DRAFT_FIELDS},
        "themes": list(application.themes or []),
        "municipalities": sorted(m.code for m in application.municipalities.all()),
        "budget": [
            [line.category, line.description, str(line.amount)]
            for line in application.budget_lines.all()
        ],
        "income": [
            [line.source, str(line.amount), line.decision_reference]
            for line in application.income_lines.all()
        ],
        "answers": {str(a.question_id): a.value for a in application.answers.all()},
        "partners": sorted(str(p.organisation.public_id) for p in application.partners.all()),
        "attachments": [
            [a.kind, a.original_name, a.delivered_later] for a in application.attachments.all()
        ],
    }


@transaction.atomic
def application_submit(
    *,
    application: Application,
    actor: Actor,
    declarations: bool,
    now: datetime | None = None,
) -> bool:
    """Send the application (a representative with signing right confirms the declarations).

    Returns whether this call sent it: sending one already sent (a second click, a retried
    request) changes nothing and sends no second receipt.
    """
    now = now or timezone.now()
    workflow.lock(application)
    if application.status not in EDITABLE:
        return False
    call = application.call
    asked = (
        open_request(application)
        if application.status == ApplicationStatus.INFO_REQUESTED
        else None
    )
    if asked is not None:
        # Completing the application is in time until the request's last day, whatever
        # the call's deadline.
        if not request_is_open(asked, now):
            raise ValidationError(
                _(
                    "The time to complete the application ended on %(day)s; it can no longer "
                    "be sent. Contact the wellbeing services county."
                )
                % {"day": format_date(asked.respond_by)},
                code="deadline_passed",
            )
    elif not call.accepts_applications(now):
        raise ValidationError(
            _("The application period has ended; the application can no longer be sent."),
            code="deadline_passed",
        )
    if actor.user is not None and not roles_of(actor.user).signs_for(application.organisation_id):
        raise ValidationError(
            _("Sending the application takes the right to sign for the organisation."),
            code="no_signing_right",
        )
    if not declarations:
        raise ValidationError(
            {"declarations": _("Confirm the declarations to send the application.")}
        )
    gaps = missing(application)
    if gaps:
        raise ValidationError([ValidationError(gap, code="incomplete") for gap in gaps])
    problems = eligibility.problems(application.organisation, call.programme)
    if problems and not application.eligibility_override:
        raise ValidationError([ValidationError(p.message, code=p.code) for p in problems])
    resent = application.status == ApplicationStatus.INFO_REQUESTED
    # A completed application goes back to its reviewers, if it had any.
    back_to_review = resent and application.assignments.exists()
    workflow.transition(
        application,
        to=ApplicationStatus.IN_REVIEW if back_to_review else ApplicationStatus.SUBMITTED,
        allowed_from=EDITABLE,
        refusal=_("The application has already been sent."),
        actor=actor,
        action="grants.application.submit",
        county=call.programme.county,
        values={
            "submitted_at": now,
            "declared_non_profit": True,
            "declared_not_purchased": True,
            "declared_correct": True,
            "declared_by": actor.user,
            "declared_at": now,
        },
    )
    if asked is not None:
        asked.answered_at = now
        asked.save(update_fields=["answered_at"])
    number = application.revisions.count() + 1
    ApplicationRevision.objects.create(
        application=application,
        number=number,
        created_at=now,
        content=snapshot(application),
        created_by=actor.user,
    )
    if isinstance(actor.user, User):
        language = actor.user.language or application.language
        with translation.override(language):
            receipt_url = settings.SITE_URL.rstrip("/") + reverse(
                "grants:application_receipt_pdf", args=[application.public_id, number]
            )
        email_queue_templated(
            to=actor.user.email,
            language=language,
            subject_template="grants/email/receipt_subject.txt",
            body_template="grants/email/receipt.txt",
            context={
                "application": application,
                "resent": resent,
                "revision": number,
                "receipt_url": receipt_url,
            },
            related=application,
        )
    return True


@transaction.atomic
def application_withdraw(
    *, application: Application, actor: Actor, now: datetime | None = None
) -> Application:
    """Take the application back before the deadline."""
    workflow.lock(application)
    if not application.call.accepts_applications(now or timezone.now()):
        raise ValidationError(
            _("The application period has ended; the application can no longer be withdrawn."),
            code="deadline_passed",
        )
    workflow.transition(
        application,
        to=ApplicationStatus.WITHDRAWN,
        allowed_from={*EDITABLE, ApplicationStatus.SUBMITTED},
        refusal=_("The application can no longer be withdrawn."),
        actor=actor,
        action="grants.application.withdraw",
        county=application.call.programme.county,
    )
    return application


@transaction.atomic
def eligibility_override(*, application: Application, actor: Actor, reason: str) -> Application:
    """A coordinator accepts the application despite failed eligibility checks."""
    reason = reason.strip()
    if not reason:
        raise ValidationError({"reason": _("Tell why the application is accepted.")})
    workflow.lock(application)
    application.eligibility_override = reason
    application.save(update_fields=["eligibility_override", "updated_at"])
    _audit(actor, application, "override_eligibility", details={"reason": reason})
    return application


# What a previous year's application gives a new one (not attachments, declarations, status).
COPIED_FIELDS = (
    "activity",
    "description",
    "target_groups",
    "goals_and_measures",
    "requested_amount",
    "themes",
)
SENT_STATES = [
    ApplicationStatus.SUBMITTED,
    ApplicationStatus.INFO_REQUESTED,
    ApplicationStatus.IN_REVIEW,
    ApplicationStatus.DECIDED,
]


def previous_application(application: Application) -> Application | None:
    """The organisation's latest sent application to a programme of the same kind in the
    same county for an earlier year."""
    programme = application.call.programme
    return (
        Application.objects.filter(
            organisation_id=application.organisation_id,
            status__in=SENT_STATES,
            call__programme__county_id=programme.county_id,
            call__programme__kind=programme.kind,
            call__programme__year__lt=programme.year,
        )
        .select_related("call__programme")
        .order_by("-call__programme__year", "-submitted_at", "-id")
        .first()
    )


@transaction.atomic
def application_copy_previous(*, application: Application, actor: Actor) -> Application:
    """Fill the draft in from the organisation's previous year's application: its fields,
    budget and income lines, municipalities and themes (what the draft had is replaced)."""
    lock_for_change(application)
    source = previous_application(application)
    if source is None:
        raise ValidationError(
            _("The organisation has no earlier application to copy."), code="no_previous"
        )
    for name in COPIED_FIELDS:
        setattr(application, name, getattr(source, name))
    application.save(update_fields=[*COPIED_FIELDS, "updated_at"])
    application.municipalities.set(source.municipalities.all())
    _replace_lines(
        application,
        BudgetLine,
        [(b.category, b.description, b.amount) for b in source.budget_lines.all()],
        ("category", "description", "amount"),
    )
    _replace_lines(
        application,
        IncomeLine,
        [(i.source, i.amount, i.decision_reference) for i in source.income_lines.all()],
        ("source", "amount", "decision_reference"),
    )
    _audit(actor, application, "copy", details={"from": str(source.public_id)})
    return application
