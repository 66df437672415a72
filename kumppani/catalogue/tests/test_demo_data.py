from kumppani.catalogue.demo_data import seed_catalogue_demo
from kumppani.catalogue.models import Service, VolunteerTask


def test_demo_catalogue_is_published_bilingual_and_idempotent(db):
    counts = seed_catalogue_demo([])
    again = seed_catalogue_demo([])

    assert counts == again == {"services": 60, "volunteer_tasks": 10}
    assert Service.objects.published().count() == 60
    assert VolunteerTask.objects.count() == 10
    assert Service.objects.published().in_county("16").count() >= 25
    assert Service.objects.published().in_county("17").exclude(name_sv="").count() >= 25
    assert Service.objects.stale().exists()
    assert all(s.schedules.exists() and s.terms.exists() for s in Service.objects.all()[:10])
