"""Generate a deterministic, realistic benchmark catalogue with bulk inserts.

Organisations spread over all 22 counties in proportion to (approximate) population, with a
floor per county; services spread over organisations with a skewed size distribution. Swedish
texts appear mainly in bilingual and Swedish-speaking municipalities (Pohjanmaa, Uusimaa),
Finnish elsewhere, and some services have both. Call ``generate`` after ``django.setup()``.
"""

from __future__ import annotations

import random
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from typing import Any

from vocab import (
    ACTIVITIES,
    FI_ACCESS,
    FI_FEES,
    FI_FREE,
    FI_JOIN,
    FI_ORG_WORDS,
    FI_PRACTICAL,
    FI_SUMMARY,
    STANDALONE,
    SV_ACCESS,
    SV_FEES,
    SV_FREE,
    SV_JOIN,
    SV_ORG_WORDS,
    SV_PRACTICAL,
    SV_SUMMARY,
    TARGETS,
    Standalone,
    Target,
    fi_genitive,
)

# Bump when the generated data changes shape: a stored bench database is then regenerated.
GENERATOR_VERSION = "3"
BATCH = 2000
# Fixed "now" so that the data does not depend on the day it was generated.
BASE_TIME = datetime(2026, 6, 1, 12, 0, tzinfo=UTC)

# Approximate populations (thousands) of the largest municipalities; the rest get a
# seeded random size between 1,000 and 20,000.
POPULATION_K = {
    "091": 675,
    "049": 320,
    "837": 255,
    "092": 245,
    "564": 215,
    "853": 200,
    "179": 148,
    "297": 124,
    "398": 121,
    "609": 83,
    "286": 79,
    "167": 78,
    "405": 73,
    "905": 68,
    "109": 68,
    "743": 65,
    "698": 65,
    "491": 52,
    "285": 51,
    "734": 51,
    "638": 51,
    "272": 48,
    "106": 47,
    "444": 46,
    "186": 45,
    "543": 45,
    "257": 41,
    "684": 39,
    "858": 39,
    "245": 38,
    "205": 36,
    "075": 20,
    "599": 20,
    "893": 11,
    "499": 19,
    "231": 1.3,
    "421": 0.7,
}


@dataclass
class Muni:
    pk: int
    code: str
    name_fi: str
    name_sv: str
    county_id: int
    language: str
    weight: float


@dataclass
class Plan:
    """Reference data the generator draws from."""

    munis: list[Muni]
    by_county: dict[int, list[Muni]]
    county_ids: list[int]
    terms: dict[tuple[str, str], int]
    counts: dict[str, int] = field(default_factory=dict)


def business_id(n: int) -> str:
    """Return the n-th valid Finnish business id (Y-tunnus) from a fixed base."""
    while True:
        base = f"{2900000 + n:07d}"
        r = sum(int(d) * w for d, w in zip(base, (7, 9, 10, 5, 8, 4, 2), strict=True)) % 11
        if r != 1:
            return f"{base}-{0 if r == 0 else 11 - r}"
        n += 1_000_000  # remainder 1 has no check digit; step out of the used range


def load_plan(rng: random.Random) -> Plan:
    from kumppani.catalogue.models import TaxonomyTerm
    from kumppani.core.models import Municipality

    munis = []
    for m in Municipality.objects.filter(county__isnull=False).order_by("code"):
        pop = POPULATION_K.get(m.code) or rng.uniform(1, 20)
        munis.append(
            Muni(
                m.pk,
                m.code,
                m.name_fi or m.name,
                m.name_sv or m.name_fi or m.name,
                m.county_id,
                m.language,
                pop**0.9,
            )
        )
    by_county: dict[int, list[Muni]] = {}
    for m in munis:
        by_county.setdefault(m.county_id, []).append(m)
    terms = {
        (t.taxonomy.code, t.code): t.pk for t in TaxonomyTerm.objects.select_related("taxonomy")
    }
    return Plan(munis, by_county, sorted(by_county), terms)


def is_swedish_area(m: Muni) -> bool:
    return m.language in ("unilingual_sv", "bilingual_sv_majority")


def pick_language(rng: random.Random, home: Muni, org_lang: str) -> tuple[str, ...]:
    """Return the text languages of a service: ("fi",), ("sv",) or ("fi", "sv")."""
    x = rng.random()
    if org_lang == "sv":
        return ("sv",) if x < 0.75 else ("fi", "sv")
    if home.language == "bilingual_fi_majority":
        return ("fi",) if x < 0.70 else ("fi", "sv") if x < 0.95 else ("sv",)
    return ("fi",) if x < 0.96 else ("fi", "sv")


@dataclass
class Org:
    pk: int
    home: Muni
    munis: list[Muni]
    lang: str
    name: str


def make_organisations(rng: random.Random, plan: Plan, n: int) -> list[Org]:
    from kumppani.organisations.models import Organisation, OrganisationKind

    county_weight = {c: sum(m.weight for m in ms) for c, ms in plan.by_county.items()}
    total = sum(county_weight.values())
    floor = max(1, min(20, n // (4 * len(plan.county_ids))))
    quota = {
        c: floor + int((n - floor * len(county_weight)) * w / total)
        for c, w in county_weight.items()
    }
    # Hand out the rounding remainder to the largest counties.
    for c in sorted(quota, key=lambda c: -county_weight[c])[: n - sum(quota.values())]:
        quota[c] += 1
    homes: list[Muni] = []
    for c in plan.county_ids:
        ms = plan.by_county[c]
        homes.extend(rng.choices(ms, weights=[m.weight for m in ms], k=quota[c]))
    rng.shuffle(homes)

    objs, orgs = [], []
    seen_names: dict[str, int] = {}
    for i, home in enumerate(homes):
        swedish = (is_swedish_area(home) and rng.random() < 0.8) or (
            home.language == "bilingual_fi_majority" and rng.random() < 0.25
        )
        lang = "sv" if swedish else "fi"
        if lang == "sv":
            word, kind = rng.choice(SV_ORG_WORDS)
            name_sv = (
                f"{home.name_sv} {word.lower()}"
                if kind == "parish"
                else (f"{word} i {home.name_sv} rf")
            )
            name_fi = (
                f"{fi_genitive(home.name_fi)} ruotsalainen seurakunta"
                if kind == "parish"
                else (name_sv if rng.random() < 0.7 else f"{fi_genitive(home.name_fi)} {word} ry")
            )
        else:
            word, kind = rng.choice(FI_ORG_WORDS)
            gen = fi_genitive(home.name_fi)
            name_fi = f"{gen} {word}" + ("" if kind == "parish" else " ry")
            name_sv = ""
        base = name_sv if lang == "sv" else name_fi
        seen_names[base] = seen_names.get(base, 0) + 1
        if seen_names[base] > 1:  # several similar associations in one town
            suffix = f" {seen_names[base]}"
            name_fi = name_fi and name_fi.replace(" ry", f"{suffix} ry")
            name_sv = name_sv and name_sv.replace(" rf", f"{suffix} rf")
        others = [m for m in plan.by_county[home.county_id] if m.pk != home.pk]
        extra = rng.sample(others, k=min(len(others), rng.choice((0, 0, 1, 2, 4))))
        desc_fi = f"{name_fi or name_sv} toimii {fi_genitive(home.name_fi)} seudulla."
        desc_sv = f"{name_sv} verkar i {home.name_sv} med omnejd." if name_sv else ""
        objs.append(
            Organisation(
                name_fi=name_fi,
                name_sv=name_sv,
                description_fi=desc_fi,
                description_sv=desc_sv,
                kind={
                    "association": OrganisationKind.ASSOCIATION,
                    "foundation": OrganisationKind.FOUNDATION,
                    "parish": OrganisationKind.PARISH,
                }[kind],
                business_id=business_id(i * 7 + 3),
                register_number=str(100000 + i) if kind == "association" else "",
                email=f"info{i}@example.org",
                website=f"https://yhdistys{i}.example.org/",
                post_office=home.name_fi,
                verified_at=BASE_TIME - timedelta(days=i % 700),
            )
        )
        orgs.append(Org(0, home, [home, *extra], lang, base))
    created = Organisation.objects.bulk_create(objs, batch_size=BATCH)
    through = Organisation.municipalities.through
    rows = []
    for org, obj in zip(orgs, created, strict=True):
        org.pk = obj.pk
        rows.extend(through(organisation_id=obj.pk, municipality_id=m.pk) for m in org.munis)
    through.objects.bulk_create(rows, batch_size=BATCH * 5)
    plan.counts["organisations"] = len(created)
    return orgs


def _cap(s: str) -> str:
    return s[:1].upper() + s[1:]


def service_texts(rng: random.Random, langs: tuple[str, ...], home: Muni) -> dict[str, Any]:
    """Return name/summary/description per language and the taxonomy codes of one service."""
    out: dict[str, Any] = {}
    target: Target | None = None
    standalone: Standalone | None = None
    if rng.random() < 0.55:
        target = rng.choice(TARGETS)
        act = ACTIVITIES[rng.choice(target.activities)]
        term, theme, ptv = act.term, act.theme, target.ptv
    else:
        standalone = rng.choice(STANDALONE)
        if rng.random() < 0.4:
            target = rng.choice(TARGETS)
        term, theme, ptv = (
            standalone.term,
            standalone.theme,
            (target.ptv if target else standalone.ptv),
        )
    place_fi = f"{fi_genitive(home.name_fi)} seudulla"
    how = rng.choices(("drop_in", "sign_up", "referral"), weights=(50, 40, 10))[0]
    free = rng.random() < 0.75
    fee_i = rng.randrange(len(FI_FEES))
    for lang in langs:
        if lang == "fi":
            if standalone is not None:
                what = standalone.fi
                name = what if target is None else f"{what} {target.fi_all}"
                if target is not None and rng.random() < 0.5:
                    name = f"{_cap(target.fi_gen)} {what.lower()}"
                what_s = list(standalone.fi_what)
            else:
                assert target is not None
                what = act.fi_for
                style = rng.random()
                if style < 0.4:
                    name = f"{_cap(target.fi_gen)} {act.fi_head}"
                elif style < 0.75:
                    name = f"{act.fi_for} {target.fi_all}"
                else:
                    name = _cap(f"{target.fi_mod}{act.fi_head}")
                what_s = list(act.fi_what)
            about = list(target.fi_about) if target else []
            summary = rng.choice(FI_SUMMARY).format(
                What=what,
                what=what.lower(),
                all=target.fi_all if target else "kaikille",
                place=place_fi,
            )
            practical, join = FI_PRACTICAL, FI_JOIN[how]
            cost = FI_FREE if free else (f"Osallistumismaksu {FI_FEES[fee_i]}.",)
            access = FI_ACCESS
        else:
            if standalone is not None:
                what = standalone.sv
                name = what if target is None else f"{what} för {target.sv_for}"
                what_s = list(standalone.sv_what)
            else:
                assert target is not None
                what = act.sv_head
                name = f"{act.sv_head} för {target.sv_for}"
                what_s = list(act.sv_what)
            about = list(target.sv_about) if target else []
            summary = rng.choice(SV_SUMMARY).format(
                What=what,
                sv_for=f"för {target.sv_for}" if target else "för alla",
                place=home.name_sv,
            )
            practical, join = SV_PRACTICAL, SV_JOIN[how]
            cost = SV_FREE if free else (f"Avgift {SV_FEES[fee_i % len(SV_FEES)]}.",)
            access = SV_ACCESS
        if rng.random() < 0.2:
            name = f"{name} – {home.name_fi if lang == 'fi' else home.name_sv}"
        sentences = rng.sample(what_s, k=min(len(what_s), rng.randint(1, 2)))
        sentences += rng.sample(about, k=min(len(about), rng.randint(0, 2)))
        sentences.append(rng.choice(practical))
        sentences.append(rng.choice(join))
        sentences.append(rng.choice(cost))
        if rng.random() < 0.4:
            sentences.append(rng.choice(access))
        out[lang] = {
            "name": name[:255],
            "summary": summary[:400],
            "description": " ".join(sentences),
            "fee": "" if free else (FI_FEES[fee_i] if lang == "fi" else SV_FEES[fee_i % 3]),
        }
    out["how"], out["free"] = how, free
    out["codes"] = [("activity-types", term), ("themes", theme), ("ptv-target-groups", ptv)]
    out["immigrant"] = target is not None and target.key == "immigrants"
    return out


def make_services(
    rng: random.Random, plan: Plan, orgs: list[Org], n: int, progress: Callable[[str], None]
) -> None:
    from kumppani.catalogue.models import (
        HowToJoin,
        Location,
        PublicationStatus,
        Schedule,
        Service,
        ServiceLanguage,
        ServiceLocation,
    )

    # Skewed sizes: a few big organisations, many small ones; exact total n.
    sizes = [rng.lognormvariate(0, 1.0) for _ in orgs]
    scale = n / sum(sizes)
    counts = [max(0, int(s * scale)) for s in sizes]
    for i in range(n - sum(counts)):
        counts[i % len(counts)] += 1
    owners = [o for o, c in zip(orgs, counts, strict=True) for _ in range(c)]
    rng.shuffle(owners)

    mun_through = Service.municipalities.through
    county_through = Service.counties.through
    term_through = Service.terms.through
    locations: dict[tuple[int, int], int] = {}
    done = 0
    started = time.perf_counter()
    for start in range(0, n, BATCH):
        chunk = owners[start : start + BATCH]
        objs, extras = [], []
        for org in chunk:
            texts = service_texts(rng, pick_language(rng, org.home, org.lang), org.home)
            reach = rng.random()
            munis: list[Muni] = []
            county_ids: list[int] = []
            nationwide = online = False
            if reach < 0.80:
                pool = org.munis + [
                    m for m in plan.by_county[org.home.county_id] if m not in org.munis
                ]
                k = rng.choices((1, 2, 3, 4, 5), weights=(50, 20, 13, 9, 8))[0]
                munis = [org.home, *rng.sample(pool[1:], k=min(k - 1, len(pool) - 1))]
            elif reach < 0.89:
                county_ids = [org.home.county_id]
            elif reach < 0.92:
                nationwide = True
            else:
                nationwide = rng.random() < 0.5
                online = True
                munis = [org.home]
            status = rng.choices(
                (PublicationStatus.PUBLISHED, PublicationStatus.DRAFT, PublicationStatus.ARCHIVED),
                weights=(94, 4, 2),
            )[0]
            hidden = status == PublicationStatus.PUBLISHED and rng.random() < 0.02
            kw: dict[str, Any] = {}
            for lang in ("fi", "sv"):
                t = texts.get(lang)
                if t:
                    kw.update(
                        {
                            f"name_{lang}": t["name"],
                            f"summary_{lang}": t["summary"],
                            f"description_{lang}": t["description"],
                            f"fee_description_{lang}": t["fee"],
                        }
                    )
            if rng.random() < 0.03:
                kw["name_en"] = "Peer support and activities"
            verified = BASE_TIME - timedelta(days=rng.randint(0, 500), minutes=rng.randint(0, 1440))
            objs.append(
                Service(
                    organisation_id=org.pk,
                    is_nationwide=nationwide,
                    is_online=online,
                    is_free=texts["free"],
                    how_to_join=HowToJoin(texts["how"]),
                    free_places=rng.randint(0, 10) if rng.random() < 0.2 else None,
                    step_free_access=rng.random() < 0.55,
                    accessible_toilet=rng.random() < 0.4,
                    induction_loop=rng.random() < 0.15,
                    sign_language=rng.random() < 0.03,
                    easy_to_read=rng.random() < 0.1,
                    remote_participation=online or rng.random() < 0.1,
                    website=f"https://yhdistys{org.pk}.example.org/toiminta/{start}",
                    status=status,
                    published_at=verified if status == PublicationStatus.PUBLISHED else None,
                    last_verified_at=verified,
                    hidden_at=BASE_TIME if hidden else None,
                    hidden_reason="Vanhentunut tieto" if hidden else "",
                    **kw,
                )
            )
            langs = [lang for lang in ("fi", "sv") if lang in texts]
            if texts["immigrant"]:
                langs += rng.sample(["en", "ar", "ru", "so", "uk", "fa"], k=rng.randint(1, 3))
            elif rng.random() < 0.05:
                langs.append("en")
            extras.append((org, munis, county_ids, texts["codes"], langs))
        created = Service.objects.bulk_create(objs, batch_size=BATCH)
        mrows, crows, trows, lrows, slrows, schedules = [], [], [], [], [], []
        new_locations = []
        for svc, (org, munis, county_ids, codes, langs) in zip(created, extras, strict=True):
            mrows += [mun_through(service_id=svc.pk, municipality_id=m.pk) for m in munis]
            crows += [county_through(service_id=svc.pk, county_id=c) for c in county_ids]
            trows += [
                term_through(service_id=svc.pk, taxonomyterm_id=plan.terms[c])
                for c in dict.fromkeys(codes)
                if c in plan.terms
            ]
            lrows += [ServiceLanguage(service_id=svc.pk, code=code) for code in langs]
            if munis and rng.random() < 0.6:
                key = (org.pk, munis[0].pk)
                if key not in locations:
                    loc = Location(
                        organisation_id=org.pk,
                        municipality_id=munis[0].pk,
                        name_fi=rng.choice(
                            (
                                "Järjestötalo",
                                "Seurakuntatalo",
                                "Kirjasto",
                                "Yhdistyksen toimitila",
                                "Monitoimitalo",
                            )
                        ),
                        address=f"{rng.choice(('Kauppakatu', 'Koulukatu', 'Kirkkotie'))} "
                        f"{rng.randint(1, 60)}",
                        postal_code=f"{rng.randint(10, 99)}{rng.randint(0, 9)}00",
                        city=munis[0].name_fi,
                    )
                    new_locations.append((key, loc))
                    locations[key] = -1
                slrows.append((svc.pk, key))
            if rng.random() < 0.5:
                day = rng.choice(("MO", "TU", "WE", "TH", "FR"))
                begins = BASE_TIME + timedelta(days=rng.randint(0, 60), hours=rng.randint(-3, 6))
                schedules.append(
                    Schedule(
                        service_id=svc.pk,
                        starts_at=begins,
                        ends_at=begins + timedelta(hours=2),
                        rrule=f"FREQ=WEEKLY;BYDAY={day}",
                    )
                )
        for (key, _loc), obj in zip(
            new_locations,
            Location.objects.bulk_create([loc for _k, loc in new_locations], batch_size=BATCH),
            strict=True,
        ):
            locations[key] = obj.pk
        mun_through.objects.bulk_create(mrows, batch_size=BATCH * 5)
        county_through.objects.bulk_create(crows, batch_size=BATCH * 5)
        term_through.objects.bulk_create(trows, batch_size=BATCH * 5)
        ServiceLanguage.objects.bulk_create(lrows, batch_size=BATCH * 5)
        ServiceLocation.objects.bulk_create(
            [ServiceLocation(service_id=s, location_id=locations[k]) for s, k in slrows],
            batch_size=BATCH * 5,
        )
        Schedule.objects.bulk_create(schedules, batch_size=BATCH * 5)
        done += len(created)
        if done % 20000 < BATCH or done == n:
            progress(f"  {done:>7,} services ({time.perf_counter() - started:.0f} s)")
    plan.counts["services"] = done


def generate(
    *, services: int, organisations: int, seed: int, progress: Callable[[str], None] = print
) -> dict[str, int]:
    """Insert the catalogue into the current (empty) database; return row counts."""
    from django.db import transaction

    rng = random.Random(seed)
    plan = load_plan(rng)
    with transaction.atomic():
        orgs = make_organisations(rng, plan, organisations)
        progress(f"  {len(orgs):,} organisations in {len(plan.county_ids)} counties")
        make_services(rng, plan, orgs, services, progress)
    return plan.counts
