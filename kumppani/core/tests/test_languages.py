"""Names sort in the reader's language and its collation, in the database itself."""

import pytest
from django.utils import translation

from kumppani.core.languages import translated, translated_ordering
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
