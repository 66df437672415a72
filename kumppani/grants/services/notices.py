"""Advance notices: an organisation's one notice to a call, saved (made or changed) while
the notice window is open; and the figures a coordinator budgets with."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from kumppani.core import workflow
from kumppani.core.actor import Actor
from kumppani.core.audit import audit_record
from kumppani.core.concurrency import apply_changes
from kumppani.core.models import Municipality
from kumppani.organisations.models import Organisation

from ..models import AdvanceNotice, Call, Theme

NOTICE_FIELDS = ("activity", "description", "themes", "estimated_amount", "other_funding")


def notice_of(call: Call, organisation: Organisation) -> AdvanceNotice | None:
    return AdvanceNotice.objects.filter(call=call, organisation=organisation).first()


def notice_save(
    *,
    actor: Actor,
    call: Call,
    organisation: Organisation,
    municipalities: Any,
    now: datetime | None = None,
    **fields: Any,
) -> AdvanceNotice:
    """Make the organisation's advance notice to the call, or change the one it has made
    (a repeated send changes nothing more); only while the call takes notices."""
    workflow.refuse_unknown(fields, NOTICE_FIELDS, "advance notice")
    if not call.accepts_notices(now or timezone.now()):
        raise ValidationError(
            _("Advance notices to this call are not taken now."), code="notices_closed"
        )
    if set(fields.get("themes") or []) - set(Theme.values):
        raise ValidationError({"themes": _("Choose the themes from the list.")})
    # One transaction from the insert to the audit: a request racing this one waits on the
    # unique key until the notice and its municipalities are committed, then changes nothing.
    with transaction.atomic():
        try:
            with transaction.atomic():
                notice, created = AdvanceNotice.objects.get_or_create(
                    call=call,
                    organisation=organisation,
                    defaults={"created_by": actor.user, **fields},
                )
        except IntegrityError:
            # Another request made it at the same moment; change that one.
            notice, created = AdvanceNotice.objects.get(call=call, organisation=organisation), False
        workflow.lock(notice)
        changed = [] if created else apply_changes(notice, fields)
        if changed:
            notice.full_clean()
            notice.save(update_fields=[*changed, "updated_at"])
        codes = sorted(m.code for m in municipalities)
        if codes != sorted(notice.municipalities.values_list("code", flat=True)):
            notice.municipalities.set(Municipality.objects.filter(code__in=codes))
            changed.append("municipalities")
        if created or changed:
            audit_record(
                actor=actor,
                action="grants.notice.save",
                obj=notice,
                county=call.programme.county,
                details={"created": created, "changed": sorted(changed)},
            )
    return notice


@dataclass(frozen=True)
class Budgeting:
    """A call's advance notices summed: in all, by theme and by municipality (a notice with
    several themes or municipalities counts in full under each)."""

    count: int
    total: Decimal
    appropriation: Decimal
    by_theme: list[tuple[str, int, Decimal]]
    by_municipality: list[tuple[str, int, Decimal]]

    @property
    def left(self) -> Decimal:
        return self.appropriation - self.total

    @property
    def over_by(self) -> Decimal:
        return max(Decimal(0), self.total - self.appropriation)


def budgeting(call: Call) -> Budgeting:
    """The call's notices summed (two queries, however many notices)."""
    notices = list(AdvanceNotice.objects.filter(call=call).prefetch_related("municipalities"))
    themes: dict[str, list[Decimal]] = defaultdict(list)
    places: dict[str, list[Decimal]] = defaultdict(list)
    for notice in notices:
        amount = notice.estimated_amount or Decimal(0)
        for theme in notice.themes or [Theme.OTHER]:
            themes[theme].append(amount)
        for municipality in notice.municipalities.all():
            places[str(municipality.name)].append(amount)
    labels = dict(Theme.choices)
    by_theme = [
        (str(labels[t]).capitalize(), len(themes[t]), sum(themes[t], Decimal(0)))
        for t in Theme.values
        if t in themes
    ]
    by_municipality = sorted(
        ((name, len(amounts), sum(amounts, Decimal(0))) for name, amounts in places.items()),
        key=lambda row: (-row[2], row[0]),
    )
    return Budgeting(
        count=len(notices),
        total=sum((n.estimated_amount or Decimal(0) for n in notices), Decimal(0)),
        appropriation=call.programme.appropriation,
        by_theme=by_theme,
        by_municipality=by_municipality,
    )
