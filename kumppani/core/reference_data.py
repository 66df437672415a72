"""Load counties and municipalities from the Statistics Finland classification.

Source: Statistics Finland, classifications (CC BY 4.0): municipality classification
kunta_1_20250101 with its correspondence to wellbeing services counties; valid through 2026.
See data/README.md.
"""

from __future__ import annotations

import csv
from pathlib import Path
from typing import Any

DATA_DIR = Path(__file__).resolve().parent / "data"


def read_rows(name: str) -> list[dict[str, str]]:
    with (DATA_DIR / name).open(encoding="utf-8", newline="") as handle:
        return [
            {key: value.strip() for key, value in row.items()} for row in csv.DictReader(handle)
        ]


def load_reference_data(county_model: Any, municipality_model: Any) -> tuple[int, int]:
    """Create or update every county and municipality; safe to run again.

    Takes the model classes so a data migration can pass its historical models.
    """
    counties = {}
    for row in read_rows("wellbeing_counties.csv"):
        county, _ = county_model.objects.update_or_create(
            code=row["code"],
            defaults={
                "name": row["name_fi"],
                "name_fi": row["name_fi"],
                "name_sv": row["name_sv"],
                "name_en": row["name_en"],
            },
        )
        counties[row["code"]] = county
    municipality_count = 0
    for row in read_rows("municipalities.csv"):
        municipality_model.objects.update_or_create(
            code=row["code"],
            defaults={
                "name": row["name_fi"],
                "name_fi": row["name_fi"],
                "name_sv": row["name_sv"],
                # Statistics Finland gives no English names; English uses the Finnish one.
                "name_en": row["name_fi"],
                "county": counties.get(row["county_code"]) if row["county_code"] else None,
                "language": row["language"],
            },
        )
        municipality_count += 1
    return len(counties), municipality_count
