"""Load the public search dev set (HSDS service JSON) into the test database.

Prefers the HSDS importer (``manage.py import_hsds``) when it exists; until then a small
loader creates the services directly. Both give published services with their areas
(municipalities matched on the Finnish or Swedish name), languages and organisation.
"""

from __future__ import annotations

import json
import math
import tempfile
from pathlib import Path
from typing import Any

from django.core.management import call_command, get_commands
from django.utils import timezone

from kumppani.catalogue.models import PublicationStatus, Service, ServiceLanguage
from kumppani.core.models import Municipality
from kumppani.organisations.models import Organisation

REPO = Path(__file__).resolve().parents[4]
DEV_SET = REPO.parent / "shared" / "search-dev-set"
FILES = ("services_fi.json", "services_sv.json")


def ndcg10(ranked_ids: list[str], relevant: dict[str, int]) -> float:
    """nDCG@10 with linear gains, as the dev-set README defines it."""
    dcg = sum(relevant.get(sid, 0) / math.log2(i + 2) for i, sid in enumerate(ranked_ids[:10]))
    ideal = sorted(relevant.values(), reverse=True)[:10]
    return dcg / sum(g / math.log2(i + 2) for i, g in enumerate(ideal))


def recall10(ranked_ids: list[str], relevant: dict[str, int]) -> float:
    """recall@10 over the services with grade >= 1."""
    return len(set(ranked_ids[:10]) & set(relevant)) / len(relevant)


def load_queries(directory: Path = DEV_SET) -> list[dict[str, Any]]:
    return list(json.loads((directory / "queries.json").read_text(encoding="utf-8")))


def has_hsds_importer() -> bool:
    return "import_hsds" in get_commands()


def with_web_pages(source: Path, target: Path) -> Path:
    """Copy the dev set's service files into `target`, giving each service without one a web
    page. The dev set leaves out every contact channel, and an activity nobody can contact
    is not published; the ranking does not read the address."""
    for name in FILES:
        services = json.loads((source / name).read_text(encoding="utf-8"))
        for service in services:
            service["url"] = service.get("url") or f"https://example.org/{service['id']}"
        (target / name).write_text(json.dumps(services, ensure_ascii=False), encoding="utf-8")
    return target


def load_services(directory: Path = DEV_SET) -> str:
    """Load every service of the dev set; return which loader was used."""
    if has_hsds_importer():
        with tempfile.TemporaryDirectory() as tmp:
            prepared = with_web_pages(directory, Path(tmp))
            for name in FILES:
                call_command("import_hsds", str(prepared / name))
        return "import_hsds"
    by_name: dict[str, Municipality] = {}
    for m in Municipality.objects.all():
        for n in (m.name_fi, m.name_sv, m.name):
            if n:
                by_name[n] = m
    for name in FILES:
        for data in json.loads((directory / name).read_text(encoding="utf-8")):
            _create_service(data, by_name)
    return "test loader"


def _create_service(data: dict[str, Any], municipalities: dict[str, Municipality]) -> Service:
    langs = [lang["code"] for lang in data.get("languages") or []]
    text_lang = langs[0] if langs and langs[0] in ("fi", "sv", "en") else "fi"
    org_data = data["organization"]
    org = Organisation.objects.filter(public_id=org_data["id"]).first()
    if org is None:
        org = Organisation.objects.create(
            public_id=org_data["id"],
            name=org_data["name"],
            **{
                f"name_{text_lang}": org_data["name"],
                f"description_{text_lang}": org_data.get("description") or "",
            },
        )
    service = Service.objects.create(
        public_id=data["id"],
        organisation=org,
        status=PublicationStatus.PUBLISHED,
        published_at=timezone.now(),
        **{
            f"name_{text_lang}": data["name"],
            f"summary_{text_lang}": data.get("summary") or data.get("alternate_name") or "",
            f"description_{text_lang}": data.get("description") or "",
        },
    )
    service.municipalities.set(
        [
            municipalities[a["name"]]
            for a in data.get("service_areas") or []
            if a["name"] in municipalities
        ]
    )
    ServiceLanguage.objects.bulk_create(
        [ServiceLanguage(service=service, code=code) for code in dict.fromkeys(langs)]
    )
    return service
