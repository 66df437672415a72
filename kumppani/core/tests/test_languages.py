"""Names sort in the reader's language and its collation, in the database itself."""

from datetime import UTC, datetime

import pytest
from django.utils import translation

from kumppani.core.languages import format_datetime, translated, translated_ordering
from kumppani.core.models import Municipality

pytestmark = pytest.mark.django_db


def _names(language: str) -> list[str]:
    with translation.override(language):
        ordered = Municipality.objects.filter(county__code="17").order_by(
            translated_ordering("name")
        )
        return [translated(m, "name").text for m in ordered]


def test_in_swedish_jakobstad_is_under_j_and_a_letter_with_dots_comes_after_z() -> None:
    assert _names("sv") == [
        "Jakobstad",
        "Kaskö",
        "Korsholm",
        "Korsnäs",
        "Kristinestad",
        "Kronoby",
        "Laihela",
        "Larsmo",
        "Malax",
        "Nykarleby",
        "Närpes",
        "Pedersöre",
        "Vasa",
        "Vörå",
    ]


def test_in_finnish_the_same_municipalities_sort_by_their_finnish_names() -> None:
    names = _names("fi")
    assert names[0] == "Kaskinen"
    assert names.index("Mustasaari") < names.index("Närpiö") < names.index("Pietarsaari")
    assert names[-2:] == ["Vaasa", "Vöyri"]


@pytest.mark.parametrize(
    ("language", "style", "expected"),
    [
        ("fi", "short", "9.12.2026 8.15"),
        ("fi", "full", "keskiviikko 9. joulukuuta 2026 8.15"),
        ("sv", "full", "onsdag 9 december 2026 8.15"),
        ("sv", "medium", "9 dec. 2026 8.15"),
    ],
)
def test_a_moment_is_written_in_helsinki_time_to_the_minute_without_a_zone_name(
    language: str, style: str, expected: str
) -> None:
    moment = datetime(2026, 12, 9, 6, 15, tzinfo=UTC)  # 8.15 in Helsinki
    with translation.override(language):
        assert format_datetime(moment, style) == expected
