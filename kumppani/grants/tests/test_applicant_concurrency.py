"""Ten advance notices sent at once make one notice; ten confirmations at once confirm a
partnership once (PostgreSQL)."""

from __future__ import annotations

from datetime import timedelta
from decimal import Decimal
from functools import partial

import pytest
from django.db import connection
from django.utils import timezone

from kumppani.core.actor import Actor
from kumppani.core.models import AuditEvent, Municipality
from kumppani.grants.models import AdvanceNotice, Partner
from kumppani.grants.services.notices import notice_save
from kumppani.grants.services.partners import partner_add, partner_confirm
from kumppani.testing.concurrency import in_parallel

pytestmark = [
    pytest.mark.skipif(connection.vendor != "postgresql", reason="parallel writes: PostgreSQL"),
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


def test_ten_parallel_notices_make_one(call, applicant, sanna) -> None:
    today = timezone.localdate()
    call.notices_open_on, call.notices_close_on = today, today + timedelta(days=3)
    call.save(update_fields=["notices_open_on", "notices_close_on"])
    results = in_parallel(
        [
            partial(
                notice_save,
                actor=Actor(user=sanna),
                call=call,
                organisation=applicant,
                municipalities=Municipality.objects.filter(code="905"),
                activity="Vertaisryhmät",
                estimated_amount=Decimal("5000"),
            )
            for _ in range(10)
        ]
    )
    assert not any(isinstance(result, Exception) for result in results), results
    assert AdvanceNotice.objects.filter(call=call, organisation=applicant).count() == 1
    assert AuditEvent.objects.filter(action="grants.notice.save").count() == 1


def test_ten_parallel_confirmations_confirm_once(draft, sanna, org_x, bob) -> None:
    partner = partner_add(application=draft, organisation=org_x, actor=Actor(user=sanna))
    results = in_parallel(
        [
            partial(
                partner_confirm, partner=Partner.objects.get(pk=partner.pk), actor=Actor(user=bob)
            )
            for _ in range(10)
        ]
    )
    assert not any(isinstance(result, Exception) for result in results), results
    assert results.count(True) == 1
    assert AuditEvent.objects.filter(action="grants.partner.confirm").count() == 1
