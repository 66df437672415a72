"""The services of a result page as plain dicts, in five small queries and no model objects.

The search API shows 20 services per request; building Service instances with five prefetched
relations cost more than the ranked query itself (Django's prefetch machinery and the
translated managers run per instance). Here each relation is one ``values()`` query.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from typing import Any

from django.core.serializers.json import DjangoJSONEncoder

from kumppani.catalogue.models import Service, ServiceLanguage
from kumppani.catalogue.search.backend import SERVICES, is_postgres, pg_cards
from kumppani.catalogue.search.factors import stale_before
from kumppani.catalogue.search.filters import ACCESSIBILITY_FIELDS
from kumppani.catalogue.search.query import SearchResult
from kumppani.core.languages import content_languages, fallback_order


def _translated(row: dict[str, Any], prefix: str, language: str) -> tuple[str, str]:
    """Return (text, language of the text) of ``prefix`` in ``language`` or a fallback."""
    for code in fallback_order(language):
        value = row.get(f"{prefix}_{code}")
        if value:
            return str(value), code
    return str(row.get(prefix) or ""), language


def _names(prefix: str) -> list[str]:
    return [prefix, *(f"{prefix}_{c}" for c in content_languages())]


def built_cards(ids: Sequence[int], language: str) -> list[dict[str, Any]]:
    """Return the API list items (``api.ServiceOut``) of the visible services, in ``ids`` order.

    Built from the catalogue tables (any database): SQLite's result pages, and PostgreSQL's
    for a service indexed before its stored card existed.
    """
    by_pk = _built_cards_by_pk(ids, language)
    return [by_pk[pk] for pk in ids if pk in by_pk]


def _built_cards_by_pk(ids: Sequence[int], language: str) -> dict[int, dict[str, Any]]:
    if not ids:
        return {}
    rows = (
        Service.objects.visible()
        .filter(pk__in=ids)
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
    relations: dict[str, dict[int, Any]] = {
        "municipalities": _municipalities(found, language),
        "counties": _codes(found, Service.counties.through.objects, "county__code"),
        "languages": _codes(found, ServiceLanguage.objects, "code"),
        "terms": _terms(found, language),
    }
    stale = stale_before()
    return {
        pk: _built_card(row, {k: v[pk] for k, v in relations.items()}, language, stale)
        for pk, row in by_id.items()
    }


def _municipalities(found: list[int], language: str) -> dict[int, list[dict[str, str]]]:
    out: dict[int, list[dict[str, str]]] = {i: [] for i in found}
    for r in (
        Service.municipalities.through.objects.filter(service_id__in=found)
        .order_by("municipality__code")
        .values("service_id", "municipality__code", *_names("municipality__name"))
    ):
        text, _lang = _translated(r, "municipality__name", language)
        out[r["service_id"]].append({"code": r["municipality__code"], "name": text})
    return out


def _codes(found: list[int], manager: Any, code: str) -> dict[int, list[str]]:
    out: dict[int, list[str]] = {i: [] for i in found}
    for r in manager.filter(service_id__in=found).order_by(code).values("service_id", code):
        out[r["service_id"]].append(r[code])
    return out


def _terms(found: list[int], language: str) -> dict[int, list[dict[str, Any]]]:
    out: dict[int, list[dict[str, Any]]] = {i: [] for i in found}
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
        out[r["service_id"]].append(
            {
                "id": r["taxonomyterm__public_id"],
                "code": r["taxonomyterm__code"],
                "taxonomy": r["taxonomyterm__taxonomy__code"],
                "name": text,
            }
        )
    return out


def _built_card(
    row: dict[str, Any], relations: dict[str, Any], language: str, stale: datetime
) -> dict[str, Any]:
    name, name_language = _translated(row, "name", language)
    verified: datetime = row["last_verified_at"]
    return {
        "id": row["public_id"],
        "name": name,
        "name_language": name_language,
        "summary": _translated(row, "summary", language)[0],
        "organisation": {
            "id": row["organisation__public_id"],
            "name": _translated(row, "organisation__name", language)[0],
        },
        "municipalities": relations["municipalities"],
        "counties": relations["counties"],
        "is_nationwide": row["is_nationwide"],
        "is_online": row["is_online"],
        "is_free": row["is_free"],
        "how_to_join": row["how_to_join"],
        "languages": relations["languages"],
        "terms": relations["terms"],
        "accessibility": [f for f in ACCESSIBILITY_FIELDS if row[f]],
        "last_verified_at": verified,
        "is_stale": verified < stale,
    }


# --- Ready-made cards (PostgreSQL) -------------------------------------------------------------
#
# The indexer stores each visible service's card in the search table, once per reader language
# with the language fallback already applied (columns card_fi, card_sv, card_en: JSON text). A
# result page reads the JSON text of its cards in the reader's language together with the ranking
# (``query.search_services(cards=...)``) or by primary key, and only adds ``is_stale``, which
# depends on the time of the request. The card of a service whose
# organisation, taxonomy term or municipality changes is refreshed by re-indexing its services
# (index.index_services).

_ENCODER = DjangoJSONEncoder(separators=(",", ":"))


def card_language(language: str | None) -> str:
    """Return the stored card language for a reader language (the first content language
    when it is not one)."""
    languages = content_languages()
    return language if language in languages else languages[0]


def _texts(obj: object, field: str) -> dict[str, str]:
    return {code: getattr(obj, f"{field}_{code}", "") or "" for code in content_languages()}


def _pick(texts: dict[str, str], order: tuple[str, ...]) -> tuple[str, str]:
    for code in order:
        if texts.get(code):
            return texts[code], code
    return "", order[0]


def service_facts(service: Service) -> dict[str, Any]:
    """What an API item (``api.ServiceOut``) says of a service in every language: its
    counties, where and whether it is offered online, cost, how to join, languages and
    accessibility. Its relations must be prefetched."""
    return {
        "counties": sorted(c.code for c in service.counties.all()),
        "is_nationwide": service.is_nationwide,
        "is_online": service.is_online,
        "is_free": service.is_free,
        "how_to_join": service.how_to_join,
        "languages": sorted(lang.code for lang in service.languages.all()),
        "accessibility": [f for f in ACCESSIBILITY_FIELDS if getattr(service, f)],
    }


def cards_by_language(service: Service) -> dict[str, dict[str, Any]]:
    """Return the stored cards (one per reader language) of a service indexed by ``index``.

    Its relations must be prefetched: terms with ``public_id``, ``code`` and their taxonomy's
    ``code``; municipalities, counties and languages. Each card is an API list item
    (``api.ServiceOut``) without ``is_stale``, which depends on the time of the request.
    """
    org = service.organisation
    names, summaries, org_names = (
        _texts(service, "name"),
        _texts(service, "summary"),
        _texts(org, "name"),
    )
    municipalities = [
        (m.code, _texts(m, "name"))
        for m in sorted(service.municipalities.all(), key=lambda m: m.code)
    ]
    terms = [
        (str(t.public_id), t.code, t.taxonomy.code, _texts(t, "name"))
        for t in sorted(service.terms.all(), key=lambda t: (t.taxonomy.code, t.code))
    ]
    shared = {
        **service_facts(service),
        # As the API writes it (confirming a service re-indexes it).
        "last_verified_at": _ENCODER.default(service.last_verified_at),
    }
    cards: dict[str, dict[str, Any]] = {}
    for language in content_languages():
        order = fallback_order(language)
        name, name_language = _pick(names, order)
        cards[language] = {
            "id": str(service.public_id),
            "name": name,
            "name_language": name_language,
            "summary": _pick(summaries, order)[0],
            "organisation": {"id": str(org.public_id), "name": _pick(org_names, order)[0]},
            "municipalities": [
                {"code": code, "name": _pick(texts, order)[0]} for code, texts in municipalities
            ],
            "terms": [
                {"id": pk, "code": code, "taxonomy": taxonomy, "name": _pick(texts, order)[0]}
                for pk, code, taxonomy, texts in terms
            ],
            **shared,
        }
    return cards


def stored_card_json(card: str, is_stale: bool) -> str:
    """Return the JSON text of a list item: a stored card (JSON text) and whether it is stale."""
    return f'{card[:-1]},"is_stale":{"true" if is_stale else "false"}}}'


def card_texts(ids: Sequence[int], language: str) -> list[str]:
    """Return the API list items of the visible services as JSON texts, in ``ids`` order.

    On PostgreSQL the stored cards are read by primary key (one query); a service indexed
    before its card existed is built from the catalogue tables. Services missing from the
    index are not visible and are left out. On SQLite every card is built from the catalogue.
    """
    if not ids:
        return []
    if not is_postgres():
        return [_ENCODER.encode(card) for card in built_cards(ids, language)]
    stored = pg_cards(SERVICES, ids, card_language(language), stale_before())
    return stored_cards(stored, ids, language)


def page_cards(result: SearchResult, language: str) -> list[str]:
    """Return the JSON items of a result page: the cards read with the ranking, if it did."""
    if result.cards is not None:
        return stored_cards(result.cards, result.ids, language)
    return card_texts(result.ids, language)


def stored_cards(
    stored: dict[int, tuple[str | None, bool]], ids: Sequence[int], language: str
) -> list[str]:
    """Return the JSON items of ``ids`` from {pk: (stored card or None, is stale)}.

    A service indexed before its card existed (no stored card) is built from the catalogue;
    one missing from ``stored`` is not in the index, so not visible, and is left out.
    """
    built = _built_cards_by_pk([pk for pk, (card, _v) in stored.items() if card is None], language)
    out: list[str] = []
    for pk in ids:
        card, is_stale = stored.get(pk, (None, False))
        if card is not None:
            out.append(stored_card_json(card, is_stale))
        elif pk in built:
            out.append(_ENCODER.encode(built[pk]))
    return out
