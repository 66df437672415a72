"""The grants part of the benchmark in quick mode: the generated rounds hold what the services
would write, and the measurement produces its numbers (no timing asserted here)."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.db.models import Count, Sum
from grants_generate import finnish_iban, generate_grants
from grants_measure import report, run_grants

from kumppani.grants.banking import clean_iban
from kumppani.grants.models import (
    Application,
    ApplicationStatus,
    Assignment,
    Decision,
    Payment,
    Programme,
    Score,
    UsageReport,
)
from kumppani.grants.services.applications import snapshot
from kumppani.grants.services.funding import decided_total
from kumppani.organisations.validators import validate_business_id

pytestmark = pytest.mark.django_db


def quiet(_message: str) -> None:
    pass


def test_generated_ibans_are_valid_finnish_accounts() -> None:
    for n in range(0, 3000, 7):
        assert clean_iban(finnish_iban(n)).startswith("FI")


def test_generated_rounds_hold_sent_scored_and_decided_applications() -> None:
    few, many, _people = generate_grants(applications=12, small=5, seed=3, progress=quiet)

    for r in (few, many):
        applications = Application.objects.filter(call_id=r.call_id)
        assert applications.count() == r.applications
        assert r.decided == r.applications - max(1, r.applications // 10)
        assert applications.filter(status=ApplicationStatus.DECIDED).count() == r.decided
        assert applications.filter(status=ApplicationStatus.IN_REVIEW).count() == (
            r.applications - r.decided
        )
        programme = Programme.objects.get(calls__pk=r.call_id)
        assert decided_total(programme) <= programme.appropriation
    application = Application.objects.filter(call_id=many.call_id).first()
    assert application is not None
    validate_business_id(application.organisation.business_id)
    assert clean_iban(application.iban) == application.iban
    assert application.revisions.get().content == snapshot(application)
    assert application.submitted_at is not None and application.declared_by is not None
    assert Assignment.objects.filter(application=application, disqualified=False).count() == 2
    assert Score.objects.filter(assignment__application=application).count() == 6
    for decision in Decision.objects.filter(amount__gt=0):
        assert decision.payments.aggregate(s=Sum("amount"))["s"] == decision.amount
        assert UsageReport.objects.filter(decision=decision).exists()
    assert not Payment.objects.filter(decision__amount=Decimal(0)).exists()
    assert not UsageReport.objects.filter(decision__amount=Decimal(0)).exists()


def test_generating_again_replaces_the_earlier_rounds() -> None:
    generate_grants(applications=8, small=5, seed=3, progress=quiet)
    generate_grants(applications=8, small=5, seed=3, progress=quiet)

    sizes = Application.objects.values("call").annotate(n=Count("id")).order_by("n")
    assert [row["n"] for row in sizes] == [5, 8]


def test_quick_run_measures_every_page_and_makes_every_document(settings) -> None:
    settings.ALLOWED_HOSTS = ["127.0.0.1"]  # the benchmark's client, as run.py allows it

    run = run_grants(applications=12, small=5, seed=3, reps=2, progress=quiet)

    assert run.baseline.ms[12] and run.baseline.queries[12] > 0
    for page in run.pages:
        assert len(page.ms[5]) == len(page.ms[12]) == 2, page.label
        assert page.queries[5] > 0
        assert page.constant, (page.label, page.queries)
    documents = run.documents
    assert (documents.documents, documents.total, documents.done, documents.failed) == (
        12,
        12,
        12,
        0,
    )
    assert documents.status == "finished"
    table = "\n".join(report(run))
    assert "**grows**" not in table
    assert table.count("constant") == len(run.pages)
    assert "12 PDFs" in table
