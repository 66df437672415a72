from django.core.management import call_command

from kumppani.catalogue.models import Taxonomy, TaxonomyTerm
from kumppani.catalogue.taxonomy_data import term_public_id


def test_the_migration_loads_the_four_taxonomies(db):
    counts = {t.code: t.terms.count() for t in Taxonomy.objects.all()}
    assert counts == {
        "activity-types": 16,
        "themes": 8,
        "ptv-target-groups": 17,
        "ptv-service-classes": 229,  # one concept in the file has no Id
    }


def test_terms_have_labels_in_three_languages_and_stable_ids(db):
    olka = TaxonomyTerm.objects.get(taxonomy__code="activity-types", code="olka")
    assert olka.name_fi == "Sairaalan järjestöpiste (Olka)"
    assert olka.name_sv == "Organisationsdisk på sjukhuset (Olka)"
    assert olka.name_en == "Hospital NGO desk (Olka)"
    assert olka.public_id == term_public_id("activity-types", "olka")


def test_ptv_terms_keep_uri_and_parent(db):
    elderly = TaxonomyTerm.objects.get(taxonomy__code="ptv-target-groups", code="KR1.1")
    assert elderly.parent is not None and elderly.parent.code == "KR1"
    assert elderly.uri == "http://uri.suomi.fi/codelist/ptv/ptvkohderyhmat/code/KR1.1"
    assert elderly.name_sv
    ip_rights = TaxonomyTerm.objects.get(taxonomy__code="ptv-service-classes", code="P7.12")
    assert ip_rights.name_fi == "Immateriaalioikeudet"
    assert ip_rights.parent is not None and ip_rights.parent.code == "P7"


def test_loading_again_changes_nothing(db):
    before = dict(TaxonomyTerm.objects.values_list("public_id", "name_sv"))
    TaxonomyTerm.objects.filter(code="olka").update(name_sv="vanha")

    call_command("load_taxonomy", stdout=open("/dev/null", "w"))  # noqa: SIM115

    assert dict(TaxonomyTerm.objects.values_list("public_id", "name_sv")) == before


def test_dated_names_of_the_code_list_give_way_to_current_ones(db):
    group = TaxonomyTerm.objects.get(taxonomy__code="ptv-target-groups", code="KR1.6")
    assert (group.name_fi, group.name_sv) == (
        "Vammaiset henkilöt",
        "Personer med funktionsnedsättning",
    )
    assert not TaxonomyTerm.objects.filter(name_sv="Handikappade").exists()
