import pytest

from kumppani.core.models import County, Municipality
from kumppani.core.reference_data import load_reference_data

pytestmark = pytest.mark.django_db


def test_every_county_and_municipality_is_loaded() -> None:
    assert County.objects.count() == 22
    assert Municipality.objects.count() == 308
    assert County.objects.get(code="90").name_en == "City of Helsinki"


def test_county_membership_follows_statistics_finland() -> None:
    assert Municipality.objects.filter(county__code="16").count() == 18
    assert Municipality.objects.filter(county__code="17").count() == 14
    assert Municipality.objects.filter(county__isnull=True).count() == 16  # Åland


def test_names_in_finnish_and_swedish_and_language_status() -> None:
    vaasa = Municipality.objects.get(code="905")
    assert (vaasa.name_fi, vaasa.name_sv) == ("Vaasa", "Vasa")
    assert vaasa.is_bilingual
    assert not Municipality.objects.get(code="743").is_bilingual
    assert Municipality.objects.filter(language__startswith="bilingual_").count() == 33


def test_loading_again_changes_nothing() -> None:
    before = list(Municipality.objects.values_list("code", "name_fi", "name_sv", "county_id"))
    assert load_reference_data(County, Municipality) == (22, 308)
    after = list(Municipality.objects.values_list("code", "name_fi", "name_sv", "county_id"))
    assert before == after
    assert Municipality.objects.count() == 308
