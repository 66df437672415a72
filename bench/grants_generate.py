"""Generate grant rounds for the benchmark: published calls of Pohjanmaa with N applications.

Each round is one programme and its call, closed, with N applications from N organisations
(valid business IDs and IBANs), all sent (one revision each), each scored by two reviewers on
three criteria, most decided within the appropriation with their payments and usage reports.

The programmes and calls are made with the services. The rows of the applications and what
follows them are bulk inserted: the services would take minutes for 500 applications, and
the benchmark measures reads. They hold what the services would have written (statuses, the
first revision's content from `services.applications.snapshot`, declarations, one usage
report per grant, one or two instalments), except the audit records, status histories and
emails of each step, which none of the measured pages reads. Call after ``django.setup()``.
"""

from __future__ import annotations

import random
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from decimal import Decimal
from typing import Any

from stdnum import iban, luhn
from vocab import fi_genitive

BENCH_TITLE = "Benchmark: järjestöavustukset"
COUNTY = "17"  # Pohjanmaa: bilingual, so some applications are in Swedish
EMAIL_DOMAIN = "bench.example.fi"
BATCH = 1000


def sent_at(year: int) -> datetime:
    """The call's last day, at nine (the data does not depend on the day it is generated)."""
    return datetime(year - 1, 9, 30, 9, 0, tzinfo=UTC)


def decided_on(year: int) -> date:
    return date(year - 1, 12, 10)


ACTIVITIES = (
    ("Vertaistukiryhmät", "Kamratstödsgrupper"),
    ("Ystävätoiminta ikäihmisille", "Vänverksamhet för äldre"),
    ("Nuorten kohtaamispaikka", "Mötesplats för unga"),
    ("Omaishoitajien virkistys", "Rekreation för närståendevårdare"),
    ("Ruoka-apu", "Mathjälp"),
    ("Kriisipuhelin", "Krisjour"),
    ("Liikuntaryhmät", "Motionsgrupper"),
    ("Perhekahvila", "Familjecafé"),
)
ORG_WORDS = ("Omaishoitajat", "Mielenterveysseura", "Eläkeläiset", "Nuorisoseura", "Sydänyhdistys")


@dataclass
class Round:
    """One generated call and who works on it."""

    call_id: int
    year: int
    applications: int
    decided: int


def business_id(n: int) -> str:
    """The n-th valid business ID of a range no other generator uses."""
    while True:
        base = f"{3500000 + n:07d}"
        r = sum(int(d) * w for d, w in zip(base, (7, 9, 10, 5, 8, 4, 2), strict=True)) % 11
        if r != 1:
            return f"{base}-{0 if r == 0 else 11 - r}"
        n += 1_000_000


def finnish_iban(n: int) -> str:
    """A valid Finnish IBAN in compact form (bank 123456, account n with its Luhn digit)."""
    bban = f"123456{n:07d}"
    bban += luhn.calc_check_digit(bban)
    return f"FI{iban.calc_check_digits('FI00' + bban)}{bban}"


def staff() -> dict[str, Any]:
    """The county's coordinator and two reviewers (kept between runs)."""
    from kumppani.accounts.models import CountyRole, CountyRoleKind, User
    from kumppani.core.models import County

    county = County.objects.get(code=COUNTY)
    people = {}
    for key, name, role in (
        ("coordinator", "Kaisa Koordinaattori", CountyRoleKind.COORDINATOR),
        ("reviewer1", "Arvo Arvioija", CountyRoleKind.REVIEWER),
        ("reviewer2", "Rea Granskare", CountyRoleKind.REVIEWER),
    ):
        user, _created = User.objects.get_or_create(
            email=f"bench-{key}@{EMAIL_DOMAIN}", defaults={"full_name": name}
        )
        CountyRole.objects.get_or_create(user=user, county=county, role=role, municipality=None)
        people[key] = user
    return people


def clear() -> None:
    """Remove the rounds an earlier run generated (not the staff, whose audit records stay)."""
    from kumppani.accounts.models import User
    from kumppani.grants.models import (
        Application,
        CountyGoal,
        Decision,
        Payment,
        Programme,
    )
    from kumppani.organisations.models import Organisation

    programmes = Programme.objects.filter(title__startswith=BENCH_TITLE)
    Payment.objects.filter(decision__application__call__programme__in=programmes).delete()
    Decision.objects.filter(application__call__programme__in=programmes).delete()
    Application.objects.filter(call__programme__in=programmes).delete()
    programmes.delete()  # with their calls, criteria, questions and document batches
    CountyGoal.objects.filter(title__startswith=BENCH_TITLE).delete()
    Organisation.objects.filter(email__endswith=f"@{EMAIL_DOMAIN}").delete()
    User.objects.filter(email__startswith="bench-rep-", email__endswith=EMAIL_DOMAIN).delete()


def generate_round(
    *, applications: int, year: int, offset: int, seed: int, people: dict[str, Any]
) -> Round:
    """One closed call of ``year`` with ``applications`` sent applications; organisations
    are numbered from ``offset`` (distinct between rounds, so no grant holds another)."""
    from kumppani.core.actor import Actor
    from kumppani.core.models import County, Municipality
    from kumppani.grants.models import CountyGoal, GoalKind, GrantKind, QuestionKind
    from kumppani.grants.services.programmes import call_create, call_publish, programme_create

    rng = random.Random(seed * 1000 + year)
    actor = Actor.system("bench")
    county = County.objects.get(code=COUNTY)
    goals = [
        CountyGoal.objects.create(county=county, kind=kind, title=f"{BENCH_TITLE}: {title}")
        for kind, title in (
            (GoalKind.WELLBEING_PLAN, "osallisuus"),
            (GoalKind.STRATEGY, "ennaltaehkäisy"),
            (GoalKind.BUDGET, "yhdenvertaisuus"),
        )
    ]
    requested = [Decimal(rng.randrange(2000, 30001, 500)) for _ in range(applications)]
    programme = programme_create(
        actor=actor,
        county=county,
        year=year,
        kind=GrantKind.OPERATING,
        title_fi=f"{BENCH_TITLE} {year}",
        title_sv=f"Benchmark: föreningsunderstöd {year}",
        # Enough for every grant decided below (at most 80 % of what is applied for).
        appropriation=(sum(requested, Decimal(0)) * Decimal("0.8")).quantize(Decimal(1)),
        criteria=[
            {"goal": goal, "title_fi": title, "weight": weight}
            for goal, title, weight in zip(
                goals, ("Vaikuttavuus", "Tarve", "Toteutettavuus"), (3, 2, 1), strict=True
            )
        ],
        questions=[{"kind": QuestionKind.NUMBER, "text_fi": "Montako vapaaehtoista?"}],
    )
    call = call_create(
        actor=actor,
        programme=programme,
        title_fi=f"Toiminta-avustusten haku {year}",
        title_sv=f"Ansökan om verksamhetsunderstöd {year}",
        opens_on=date(year - 1, 9, 1),
        closes_on=date(year - 1, 9, 30),
    )
    call_publish(actor=actor, call=call)
    municipalities = list(Municipality.objects.filter(county=county).order_by("code"))
    decided = _applications(rng, call, requested, offset, municipalities, people)
    return Round(call_id=call.pk, year=year, applications=applications, decided=decided)


def _applications(
    rng: random.Random,
    call: Any,
    requested: list[Decimal],
    offset: int,
    municipalities: list[Any],
    people: dict[str, Any],
) -> int:
    from django.contrib.auth.hashers import make_password

    from kumppani.accounts.models import OrganisationRole, User
    from kumppani.grants.models import (
        Answer,
        Application,
        ApplicationStatus,
        Assignment,
        BudgetLine,
        IncomeLine,
        Score,
        Theme,
    )
    from kumppani.organisations.models import Organisation

    n = len(requested)
    year = call.programme.year
    through = Organisation.municipalities.through
    homes = [rng.choice(municipalities) for _ in range(n)]
    organisations = Organisation.objects.bulk_create(
        [
            Organisation(
                name=f"{fi_genitive(str(home.name_fi))} {rng.choice(ORG_WORDS)} ry",
                name_fi=f"{fi_genitive(str(home.name_fi))} {rng.choice(ORG_WORDS)} ry",
                business_id=business_id(offset + i),
                email=f"org{offset + i}@{EMAIL_DOMAIN}",
            )
            for i, home in enumerate(homes)
        ],
        batch_size=BATCH,
    )
    through.objects.bulk_create(
        [
            through(organisation_id=o.pk, municipality_id=home.pk)
            for o, home in zip(organisations, homes, strict=True)
        ],
        batch_size=BATCH,
    )
    # Each organisation's chair, with signing right, who sent the application.
    users = User.objects.bulk_create(
        [
            User(
                email=f"bench-rep-{offset + i}@{EMAIL_DOMAIN}",
                full_name=f"Puheenjohtaja {offset + i}",
                password=make_password(None),  # unusable: they never sign in here
            )
            for i in range(n)
        ],
        batch_size=BATCH,
    )
    OrganisationRole.objects.bulk_create(
        [
            OrganisationRole(user=u, organisation=o, title="chair", has_signing_right=True)
            for u, o in zip(users, organisations, strict=True)
        ],
        batch_size=BATCH,
    )
    from kumppani.grants.banking import clean_iban

    rows = []
    for i, (organisation, user, amount) in enumerate(
        zip(organisations, users, requested, strict=True)
    ):
        swedish = rng.random() < 0.25
        fi, sv = rng.choice(ACTIVITIES)
        sent = sent_at(year) - timedelta(days=rng.randrange(0, 25), minutes=rng.randrange(0, 600))
        rows.append(
            Application(
                call=call,
                organisation=organisation,
                status=ApplicationStatus.IN_REVIEW,
                language="sv" if swedish else "fi",
                activity=sv if swedish else fi,
                description=("Verksamhet varje vecka." if swedish else "Toimintaa joka viikko."),
                target_groups="Ikäihmiset, omaishoitajat",
                goals_and_measures="Osallistujamäärät ja palaute",
                requested_amount=amount,
                declared_non_profit=True,
                declared_not_purchased=True,
                declared_correct=True,
                declared_by=user,
                declared_at=sent,
                submitted_at=sent,
                iban=clean_iban(finnish_iban(offset + i)),
                bic="NDEAFIHH",
                created_by=user,
                themes=sorted(rng.sample(list(Theme.values), 2)),
            )
        )
    created = Application.objects.bulk_create(rows, batch_size=BATCH)
    question = call.programme.questions.get()
    criteria = list(call.programme.criteria.all())
    m2m = Application.municipalities.through
    m2m_rows, budget, income, answers = [], [], [], []
    for application, home in zip(created, homes, strict=True):
        m2m_rows.append(m2m(application_id=application.pk, municipality_id=home.pk))
        amount = application.requested_amount or Decimal(0)
        personnel = (amount * Decimal("0.6")).quantize(Decimal(1))
        budget += [
            BudgetLine(application=application, category="personnel", amount=personnel),
            BudgetLine(
                application=application,
                category="activities",
                description="Materiaalit",
                amount=amount - personnel + 500,
            ),
        ]
        income.append(IncomeLine(application=application, source="own", amount=Decimal(500)))
        answers.append(
            Answer(application=application, question=question, value=str(rng.randrange(2, 40)))
        )
    m2m.objects.bulk_create(m2m_rows, batch_size=BATCH)
    BudgetLine.objects.bulk_create(budget, batch_size=BATCH)
    IncomeLine.objects.bulk_create(income, batch_size=BATCH)
    Answer.objects.bulk_create(answers, batch_size=BATCH)
    _revisions([a.pk for a in created])
    assignments = Assignment.objects.bulk_create(
        [
            Assignment(
                application=application,
                reviewer=people[key],
                disqualified=False,
                declared_at=sent_at(year) + timedelta(days=30),
            )
            for application in created
            for key in ("reviewer1", "reviewer2")
        ],
        batch_size=BATCH,
    )
    Score.objects.bulk_create(
        [
            Score(assignment=a, criterion=c, score=rng.randrange(1, 6))
            for a in assignments
            for c in criteria
        ],
        batch_size=BATCH,
    )
    # Most are decided (in the order they were sent), the rest wait for a decision.
    waiting = max(1, len(created) // 10)
    to_decide = created[: len(created) - waiting]
    decide(to_decide, year=year, rng=rng)
    return len(to_decide)


def _revisions(application_ids: list[int]) -> None:
    """The first revision of each application, with the content the service stores."""
    from kumppani.grants.models import Application, ApplicationRevision
    from kumppani.grants.services.applications import snapshot

    applications = Application.objects.filter(pk__in=application_ids).prefetch_related(
        "municipalities",
        "budget_lines",
        "income_lines",
        "answers",
        "partners__organisation",
        "attachments",
    )
    ApplicationRevision.objects.bulk_create(
        [
            ApplicationRevision(
                application=a, number=1, content=snapshot(a), created_by_id=a.declared_by_id
            )
            for a in applications.iterator(chunk_size=BATCH)
        ],
        batch_size=BATCH,
    )


def decide(applications: list[Any], *, year: int, rng: random.Random | None = None) -> None:
    """Decide the applications as `decision_make` would: about one in ten refused, the
    rest granted 50–80 % of what they asked for; a grant is paid in one instalment (paid),
    or two when it is 10,000 € or more (the first paid, the second scheduled for June),
    and asks for a usage report."""
    from kumppani.grants.models import (
        Application,
        ApplicationStatus,
        Decision,
        Payment,
        PaymentStatus,
        UsageReport,
    )

    rng = rng or random.Random(year)
    day = decided_on(year)
    decisions = []
    for application in applications:
        requested = application.requested_amount or Decimal(0)
        refused = rng.random() < 0.1
        share = Decimal(rng.randrange(50, 81)) / 100
        decisions.append(
            Decision(
                application=application,
                amount=Decimal(0) if refused else (requested * share).quantize(Decimal(1)),
                decision_maker="Hyvinvointijohtaja Anna Päättäjä",
                decided_on=day,
                section="§ 12",
                report_due=date(year, 12, 31),
            )
        )
    created = Decision.objects.bulk_create(decisions, batch_size=BATCH)
    payments, reports = [], []
    for decision in created:
        if decision.amount <= 0:
            continue
        reports.append(UsageReport(decision=decision))
        if decision.amount >= 10000:
            half = (decision.amount / 2).quantize(Decimal(1))
            payments += [
                Payment(decision=decision, amount=half, due_on=day, status=PaymentStatus.PAID),
                Payment(
                    decision=decision,
                    amount=decision.amount - half,
                    due_on=date(year, 6, 1),
                ),
            ]
        else:
            payments.append(
                Payment(
                    decision=decision,
                    amount=decision.amount,
                    due_on=day,
                    status=PaymentStatus.PAID,
                )
            )
    Payment.objects.bulk_create(payments, batch_size=BATCH)
    UsageReport.objects.bulk_create(reports, batch_size=BATCH)
    Application.objects.filter(pk__in=[a.pk for a in applications]).update(
        status=ApplicationStatus.DECIDED
    )


def decide_the_rest(call_id: int) -> int:
    """Decide the call's applications still waiting (before its documents are made)."""
    from kumppani.grants.models import Application, ApplicationStatus, Call

    waiting = list(
        Application.objects.filter(call_id=call_id, status=ApplicationStatus.IN_REVIEW).order_by(
            "pk"
        )
    )
    decide(waiting, year=Call.objects.get(pk=call_id).programme.year)
    return len(waiting)


def generate_grants(
    *, applications: int, small: int, seed: int, progress: Callable[[str], None]
) -> tuple[Round, Round, dict[str, Any]]:
    """Two rounds, ``small`` applications for one year and ``applications`` for the next,
    after removing what an earlier run generated; return them with the staff."""
    from django.db import transaction

    with transaction.atomic():
        clear()
        people = staff()
        progress(f"  a round of {small} applications")
        few = generate_round(applications=small, year=2026, offset=0, seed=seed, people=people)
        progress(f"  a round of {applications} applications")
        many = generate_round(
            applications=applications, year=2027, offset=small, seed=seed, people=people
        )
    return few, many, people
