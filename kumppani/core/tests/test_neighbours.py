"""Nearby municipalities from the municipality centres."""

from __future__ import annotations

import pytest
from django.test import override_settings

from kumppani.core.neighbours import MIN_NEIGHBOURS, centres, distance_km, neighbours
from kumppani.core.reference_data import read_rows


def test_every_municipality_of_the_classification_has_a_centre() -> None:
    codes = {row["code"] for row in read_rows("municipalities.csv")}
    assert set(centres()) == codes
    for latitude, longitude in centres().values():
        # Mainland Finland and Åland.
        assert 59.5 < latitude < 70.2
        assert 19.0 < longitude < 31.7


def test_the_neighbours_of_vaasa_include_mustasaari_and_not_helsinki() -> None:
    near = neighbours("905")
    assert "499" in near  # Mustasaari (Korsholm)
    assert "091" not in near
    assert "905" not in near


def test_neighbours_come_nearest_first_and_at_least_a_few() -> None:
    vaasa = centres()["905"]
    for code in ("905", "148", "478", "091"):  # Vaasa, Inari, Mariehamn, Helsinki
        near = neighbours(code)
        assert len(near) >= MIN_NEIGHBOURS
        distances = [distance_km(centres()[code], centres()[other]) for other in near]
        assert distances == sorted(distances)
    # Mustasaari's centre (Smedsby) is a few kilometres from Vaasa's.
    assert distance_km(vaasa, centres()["499"]) < 10


def test_the_distance_is_a_setting() -> None:
    with override_settings(MUNICIPALITY_NEARBY_KM=200):
        wide = neighbours("905")
    with override_settings(MUNICIPALITY_NEARBY_KM=1):
        narrow = neighbours("905")
    assert len(narrow) == MIN_NEIGHBOURS
    assert len(wide) > len(neighbours("905")) > 0
    assert wide[:MIN_NEIGHBOURS] == narrow


@pytest.mark.parametrize("code", ["", "999", "abc"])
def test_an_unknown_municipality_has_no_neighbours(code: str) -> None:
    assert neighbours(code) == ()
