"""The services of a result page as plain dicts, in five small queries and no model objects.

The search API shows 20 services per request; building Service instances with five prefetched
relations cost more than the ranked query itself (Django's prefetch machinery and the
translated managers run per instance). Here each relation is one ``values()`` query.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from typing import Any

from django.utils import timezone

from kumppani.catalogue.models import STALE_AFTER, PublicationStatus, Service, ServiceLanguage
from kumppani.catalogue.search.query import ACCESSIBILITY_FIELDS

LANGUAGE_ORDER = ("fi", "sv", "en")


def _translated(row: dict[str, Any], prefix: str, language: str) -> tuple[str, str]:
    """Return (text, language of the text) of ``prefix`` in ``language`` or a fallback."""
    order = [language, *[c for c in LANGUAGE_ORDER if c != language]]
    for code in order:
        value = row.get(f"{prefix}_{code}")
        if value:
            return str(value), code
    return str(row.get(prefix) or ""), language


def _names(prefix: str) -> list[str]:
    return [prefix, *(f"{prefix}_{c}" for c in LANGUAGE_ORDER)]


def service_cards(ids: Sequence[int], language: str) -> list[dict[str, Any]]:
    """Return the API list items (``api.ServiceOut``) of the visible services, in ``ids`` order."""
    if not ids:
        return []
    from django.db import connection

    if connection.vendor == "postgresql":
        return stored_service_cards(ids, language)
    rows = (
        Service.objects.filter(
            pk__in=ids, status=PublicationStatus.PUBLISHED, hidden_at__isnull=True
        )
        .order_by()
        .values(
            "id",
            "public_id",
            *_names("name"),
            *_names("summary"),
            "organisation__public_id",
            *_names("organisation__name"),
            "is_nationwide",
            "is_online",
            "is_free",
            "how_to_join",
            "last_verified_at",
            *ACCESSIBILITY_FIELDS,
        )
    )
    by_id = {r["id"]: r for r in rows}
    found = list(by_id)
    municipalities: dict[int, list[dict[str, str]]] = {i: [] for i in found}
    for r in (
        Service.municipalities.through.objects.filter(service_id__in=found)
        .order_by("municipality__code")
        .values("service_id", "municipality__code", *_names("municipality__name"))
    ):
        text, _lang = _translated(r, "municipality__name", language)
        municipalities[r["service_id"]].append({"code": r["municipality__code"], "name": text})
    counties: dict[int, list[str]] = {i: [] for i in found}
    for r in (
        Service.counties.through.objects.filter(service_id__in=found)
        .order_by("county__code")
        .values("service_id", "county__code")
    ):
        counties[r["service_id"]].append(r["county__code"])
    languages: dict[int, list[str]] = {i: [] for i in found}
    for r in (
        ServiceLanguage.objects.filter(service_id__in=found)
        .order_by("code")
        .values("service_id", "code")
    ):
        languages[r["service_id"]].append(r["code"])
    terms: dict[int, list[dict[str, Any]]] = {i: [] for i in found}
    for r in (
        Service.terms.through.objects.filter(service_id__in=found)
        .order_by("taxonomyterm__taxonomy__code", "taxonomyterm__code")
        .values(
            "service_id",
            "taxonomyterm__public_id",
            "taxonomyterm__code",
            "taxonomyterm__taxonomy__code",
            *_names("taxonomyterm__name"),
        )
    ):
        text, _lang = _translated(r, "taxonomyterm__name", language)
        terms[r["service_id"]].append(
            {
                "id": r["taxonomyterm__public_id"],
                "code": r["taxonomyterm__code"],
                "taxonomy": r["taxonomyterm__taxonomy__code"],
                "name": text,
            }
        )
    stale_before = timezone.now() - STALE_AFTER
    out = []
    for pk in ids:
        row = by_id.get(pk)
        if row is None:
            continue
        name, name_language = _translated(row, "name", language)
        verified: datetime = row["last_verified_at"]
        out.append(
            {
                "id": row["public_id"],
                "name": name,
                "name_language": name_language,
                "summary": _translated(row, "summary", language)[0],
                "organisation": {
                    "id": row["organisation__public_id"],
                    "name": _translated(row, "organisation__name", language)[0],
                },
                "municipalities": municipalities[pk],
                "counties": counties[pk],
                "is_nationwide": row["is_nationwide"],
                "is_online": row["is_online"],
                "is_free": row["is_free"],
                "how_to_join": row["how_to_join"],
                "languages": languages[pk],
                "terms": terms[pk],
                "accessibility": [f for f in ACCESSIBILITY_FIELDS if row[f]],
                "last_verified_at": verified,
                "is_stale": verified < stale_before,
            }
        )
    return out


def _pg_sql() -> str:
    """The PostgreSQL query of ``service_cards``: one row per service, relations as arrays."""
    s = Service._meta.db_table
    org = Service._meta.get_field("organisation").related_model._meta.db_table  # type: ignore[union-attr]
    mun_through = Service.municipalities.through._meta.db_table
    county_through = Service.counties.through._meta.db_table
    term_through = Service.terms.through._meta.db_table
    mun = Service.municipalities.field.related_model._meta.db_table  # type: ignore[union-attr]
    county = Service.counties.field.related_model._meta.db_table  # type: ignore[union-attr]
    term = Service.terms.field.related_model._meta.db_table  # type: ignore[union-attr]
    taxonomy = Service.terms.field.related_model._meta.get_field(  # type: ignore[union-attr]
        "taxonomy"
    ).related_model._meta.db_table
    lang = ServiceLanguage._meta.db_table
    cols = ", ".join(
        [
            "s.id",
            "s.public_id",
            *(f"s.{c}" for c in _names("name")),
            *(f"s.{c}" for c in _names("summary")),
            "o.public_id",
            *(f"o.{c}" for c in _names("name")),
            "s.is_nationwide",
            "s.is_online",
            "s.is_free",
            "s.how_to_join",
            "s.last_verified_at",
            *(f"s.{c}" for c in ACCESSIBILITY_FIELDS),
        ]
    )
    names = ", ".join(f"x.{c}" for c in _names("name"))
    tnames = ", ".join(f"t.{c}" for c in _names("name"))
    return (
        f"SELECT {cols}, "  # noqa: S608 - table and column names from the models only
        f"(SELECT json_agg(json_build_array(x.code, {names}) ORDER BY x.code) "
        f"FROM {mun_through} r JOIN {mun} x ON x.id = r.municipality_id "
        f"WHERE r.service_id = s.id), "
        f"(SELECT array_agg(x.code ORDER BY x.code) "
        f"FROM {county_through} r JOIN {county} x ON x.id = r.county_id "
        f"WHERE r.service_id = s.id), "
        f"(SELECT array_agg(l.code ORDER BY l.code) FROM {lang} l WHERE l.service_id = s.id), "
        f"(SELECT json_agg(json_build_array(t.public_id, t.code, x.code, {tnames}) "
        f"ORDER BY x.code, t.code) FROM {term_through} r JOIN {term} t "
        f"ON t.id = r.taxonomyterm_id JOIN {taxonomy} x ON x.id = t.taxonomy_id "
        f"WHERE r.service_id = s.id) "
        f"FROM {s} s JOIN {org} o ON o.id = s.organisation_id "
        f"WHERE s.id = ANY(%s) AND s.status = %s AND s.hidden_at IS NULL"
    )


def pg_service_cards(ids: Sequence[int], language: str) -> list[dict[str, Any]]:
    """``service_cards`` in one PostgreSQL query (arrays and JSON built by the database)."""
    by_id = _pg_cards_by_id(ids, language)
    return [by_id[pk] for pk in ids if pk in by_id]


def _pg_cards_by_id(ids: Sequence[int], language: str) -> dict[int, dict[str, Any]]:
    from django.db import connection

    if not ids:
        return {}
    with connection.cursor() as cur:
        cur.execute(_pg_sql(), [list(ids), PublicationStatus.PUBLISHED])
        rows = cur.fetchall()
    n = len(LANGUAGE_ORDER) + 1
    stale_before = timezone.now() - STALE_AFTER
    by_id: dict[int, dict[str, Any]] = {}
    for row in rows:
        it = iter(row)
        pk, public_id = next(it), next(it)
        name = dict(zip(_names("name"), [next(it) for _ in range(n)], strict=True))
        summary = dict(zip(_names("summary"), [next(it) for _ in range(n)], strict=True))
        org_id = next(it)
        org = dict(zip(_names("name"), [next(it) for _ in range(n)], strict=True))
        nationwide, online, free, how, verified = (next(it) for _ in range(5))
        access = [f for f in ACCESSIBILITY_FIELDS if next(it)]
        muns, counties, langs, terms = next(it), next(it), next(it), next(it)
        text, text_language = _translated(name, "name", language)
        by_id[pk] = {
            "id": public_id,
            "name": text,
            "name_language": text_language,
            "summary": _translated(summary, "summary", language)[0],
            "organisation": {"id": org_id, "name": _translated(org, "name", language)[0]},
            "municipalities": [
                {
                    "code": m[0],
                    "name": _translated(
                        dict(zip(_names("name"), m[1:], strict=True)), "name", language
                    )[0],
                }
                for m in muns or ()
            ],
            "counties": counties or [],
            "is_nationwide": nationwide,
            "is_online": online,
            "is_free": free,
            "how_to_join": how,
            "languages": langs or [],
            "terms": [
                {
                    "id": t[0],
                    "code": t[1],
                    "taxonomy": t[2],
                    "name": _translated(
                        dict(zip(_names("name"), t[3:], strict=True)), "name", language
                    )[0],
                }
                for t in terms or ()
            ],
            "accessibility": access,
            "last_verified_at": verified,
            "is_stale": verified < stale_before,
        }
    return by_id


# --- Ready-made cards (PostgreSQL, migration 0005) ------------------------------------------
#
# The indexer stores each visible service's card in the search table; a result page then reads
# the cards of its ranked ids by primary key and only picks the reader's language here. Texts
# are stored as [fi, sv, en] lists; the card of a service whose organisation, taxonomy term or
# municipality changes is refreshed by re-indexing its services (index.index_services).

_POSITION = {code: i for i, code in enumerate(LANGUAGE_ORDER)}
# Per reader language: the list positions to try, the reader's language first.
_FALLBACK = {
    code: tuple((_POSITION[c], c) for c in (code, *(x for x in LANGUAGE_ORDER if x != code)))
    for code in LANGUAGE_ORDER
}


def _texts(obj: object, field: str) -> list[str]:
    return [getattr(obj, f"{field}_{code}", "") or "" for code in LANGUAGE_ORDER]


def service_card(service: Service) -> dict[str, Any]:
    """Return the stored card of a service whose relations are prefetched (``index``).

    Terms need ``public_id``, ``code`` and their taxonomy's ``code``; municipalities, counties
    and languages are read as prefetched.
    """
    org = service.organisation
    municipalities = sorted(service.municipalities.all(), key=lambda m: m.code)
    terms = sorted(service.terms.all(), key=lambda t: (t.taxonomy.code, t.code))
    return {
        "id": str(service.public_id),
        "name": _texts(service, "name"),
        "summary": _texts(service, "summary"),
        "org": [str(org.public_id), _texts(org, "name")],
        "mun": [[m.code, _texts(m, "name")] for m in municipalities],
        "counties": sorted(c.code for c in service.counties.all()),
        "nationwide": service.is_nationwide,
        "online": service.is_online,
        "free": service.is_free,
        "how": service.how_to_join,
        "langs": sorted(lang.code for lang in service.languages.all()),
        "terms": [[str(t.public_id), t.code, t.taxonomy.code, _texts(t, "name")] for t in terms],
        "acc": [f for f in ACCESSIBILITY_FIELDS if getattr(service, f)],
    }


def _pick(texts: list[str], order: tuple[tuple[int, str], ...]) -> tuple[str, str]:
    for i, code in order:
        if texts[i]:
            return texts[i], code
    return "", order[0][1]


def stored_service_cards(ids: Sequence[int], language: str) -> list[dict[str, Any]]:
    """``service_cards`` from the stored cards: one look-up by primary key.

    A service indexed before its card existed (no stored card) is read with the joined query.
    Services missing from the index are not visible and are left out.
    """
    from kumppani.catalogue.search.backend import SERVICES, pg_cards

    stored = pg_cards(SERVICES, ids)
    order = _FALLBACK.get(language, _FALLBACK[LANGUAGE_ORDER[0]])
    stale_before = timezone.now() - STALE_AFTER
    missing = [pk for pk, (card, _v) in stored.items() if card is None]
    joined = _pg_cards_by_id(missing, language)
    out: list[dict[str, Any]] = []
    for pk in ids:
        hit = stored.get(pk)
        if hit is None:
            continue
        card, verified = hit
        if card is None:
            if pk in joined:
                out.append(joined[pk])
            continue
        name, name_language = _pick(card["name"], order)
        out.append(
            {
                "id": card["id"],
                "name": name,
                "name_language": name_language,
                "summary": _pick(card["summary"], order)[0],
                "organisation": {"id": card["org"][0], "name": _pick(card["org"][1], order)[0]},
                "municipalities": [
                    {"code": m[0], "name": _pick(m[1], order)[0]} for m in card["mun"]
                ],
                "counties": card["counties"],
                "is_nationwide": card["nationwide"],
                "is_online": card["online"],
                "is_free": card["free"],
                "how_to_join": card["how"],
                "languages": card["langs"],
                "terms": [
                    {"id": t[0], "code": t[1], "taxonomy": t[2], "name": _pick(t[3], order)[0]}
                    for t in card["terms"]
                ],
                "accessibility": card["acc"],
                "last_verified_at": verified,
                "is_stale": verified < stale_before,
            }
        )
    return out
