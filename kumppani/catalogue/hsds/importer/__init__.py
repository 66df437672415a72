"""Import HSDS 3.0 services (JSON, a Tabular Data Package or a zip of one) into the catalogue.

Reading keeps within the limits of `..limits` (size, depth, paths inside the package). Then
every record is checked and planned (`check`), and any problem stops the import before
anything is written. The plans are written through the organisation and catalogue services
(`write`) in one transaction, keyed by the HSDS ids, so a second import of the same file
changes nothing; a refusal there rolls everything back too. The whole import is one audit
event (`catalogue.import.run`) with its counts and counties.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from django.db import transaction

from kumppani.catalogue.search.index import index_services
from kumppani.core.actor import Actor
from kumppani.core.audit import audit_batch

from ..errors import HsdsFileError
from ..limits import limits
from ..reader import read
from .check import check
from .lookups import Lookups
from .write import Writer


@dataclass
class ImportResult:
    services: int = 0
    created: int = 0
    updated: int = 0
    warnings: list[str] = field(default_factory=list)
    counts: dict[str, dict[str, int]] = field(default_factory=dict)


def import_file(
    *, path: Path, language: str | None, actor: Actor, dry_run: bool = False
) -> ImportResult:
    """Check then import every service in the file; raise HsdsFileError and write nothing on
    any problem."""
    limit = limits()
    records = read(path, limit)
    checked = check(records, lookups=Lookups(), language=language, limit=limit)
    if checked.problems:
        raise HsdsFileError(checked.problems)
    result = ImportResult(services=len(checked.plans), warnings=[str(w) for w in checked.warnings])
    if dry_run:
        return result
    with transaction.atomic():
        with audit_batch(actor=actor, action="catalogue.import.run") as batch:
            written = Writer(actor).write(checked.plans)
            if written.problems:
                transaction.set_rollback(True)
                raise HsdsFileError(written.problems)
            counties = sorted(written.counties, key=lambda county: county.code)
            batch.county = counties[0] if counties else None
            result.counts = {kind: dict(counts) for kind, counts in written.counts.items()}
            batch.details = details(path, result, counties, written.nationwide)
        # In the same transaction: a failed import leaves the index untouched too.
        index_services(written.service_pks)
    services = result.counts.get("services", {})
    result.created, result.updated = services.get("created", 0), services.get("updated", 0)
    result.warnings += [str(warning) for warning in written.warnings]
    return result


def details(
    path: Path, result: ImportResult, counties: list[Any], nationwide: bool
) -> dict[str, Any]:
    return {
        "source": path.name,
        "services": result.services,
        "counts": result.counts,
        "counties": [county.code for county in counties],
        "nationwide": nationwide,
    }


__all__ = ["HsdsFileError", "ImportResult", "import_file"]
