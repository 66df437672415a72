"""The benchmark's generator, statistics and report writer (no timing here)."""

from __future__ import annotations

from pathlib import Path

import pytest
from django.db.models import Count
from generate import business_id, generate
from measure import Samples, naive_queryset, percentile
from report import END, START, Target, write_doc
from vocab import fi_genitive

from kumppani.catalogue.models import Service, ServiceLanguage
from kumppani.organisations.models import Organisation
from kumppani.organisations.validators import validate_business_id


def _snapshot() -> list[tuple[str, str, str]]:
    return list(Service.objects.order_by("pk").values_list("name_fi", "name_sv", "description_fi"))


@pytest.mark.django_db
def test_generate_creates_requested_size_in_every_county_and_is_deterministic() -> None:
    counts = generate(services=300, organisations=60, seed=7, progress=lambda _m: None)
    assert counts == {"organisations": 60, "services": 300}
    counties = Organisation.municipalities.through.objects.values("municipality__county").distinct()
    assert counties.count() == 22
    assert not Service.objects.filter(name_fi="", name_sv="").exists()
    assert ServiceLanguage.objects.filter(code="sv").exists()
    # Every service is somewhere: municipalities, a whole county, or nationwide.
    nowhere = Service.objects.annotate(m=Count("municipalities"), c=Count("counties")).filter(
        m=0, c=0, is_nationwide=False
    )
    assert not nowhere.exists()
    first = _snapshot()

    Service.objects.all().delete()
    Organisation.objects.all().delete()
    generate(services=300, organisations=60, seed=7, progress=lambda _m: None)

    assert _snapshot() == first


def test_generated_business_ids_have_valid_check_digits() -> None:
    for n in range(0, 5000, 7):
        validate_business_id(business_id(n))


def test_finnish_genitive_of_place_names() -> None:
    assert fi_genitive("Seinäjoki") == "Seinäjoen"
    assert fi_genitive("Alajärvi") == "Alajärven"
    assert fi_genitive("Vaasa") == "Vaasan"


@pytest.mark.django_db
def test_naive_baseline_matches_any_word_in_name_or_description(org_x: Organisation) -> None:
    hit = Service.objects.create(
        organisation=org_x,
        name_fi="Kuoro",
        description_fi="Laulamme yhdessä.",
        status="published",
    )
    Service.objects.create(organisation=org_x, name_fi="Lukupiiri", status="published")
    Service.objects.create(organisation=org_x, name_fi="Kuorolaulu", status="draft")

    found = list(naive_queryset(("laulamme kuoro", None)))

    assert found == [hit]


def test_percentile_interpolates_and_samples_split_by_filter() -> None:
    assert percentile([1.0, 2.0, 3.0, 4.0], 50) == 2.5
    s = Samples()
    s.add(("a", None), 10.0)
    s.add(("a", "091"), 99.0)
    assert s.pct(50, filtered=False) == 10.0
    assert s.pct(50, filtered=True) == 99.0


def test_target_passes_only_when_measured_within_its_limit() -> None:
    assert Target("p95", 80, 100, "ms").passed
    assert not Target("p95", 120, 100, "ms").passed
    assert not Target("p95", float("nan"), 100, "ms").passed
    assert Target("rps", 200, 150, "req/s", higher_is_better=True).passed


def test_write_doc_replaces_only_the_text_between_the_markers(tmp_path: Path) -> None:
    doc = tmp_path / "benchmarks.md"
    doc.write_text(f"# Benchmarks\n\nIntro.\n\n{START}\nold\n{END}\n\n## Quality\n\nkept\n")

    write_doc(doc, "new table")

    text = doc.read_text()
    assert f"{START}\nnew table\n{END}" in text
    assert "old" not in text
    assert text.startswith("# Benchmarks\n\nIntro.")
    assert text.endswith("## Quality\n\nkept\n")


def test_write_doc_creates_the_file_with_markers(tmp_path: Path) -> None:
    doc = tmp_path / "docs" / "benchmarks.md"

    write_doc(doc, "table")

    assert f"{START}\ntable\n{END}" in doc.read_text()
