"""Volunteer tasks in the HSDS API: our profile extension, checked against our own schema."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, timedelta
from typing import Any, cast

import pytest
from django.conf import settings
from django.test import Client
from django.utils import timezone

from kumppani.catalogue.hsds.profile_validation import profile_registry, profile_schema_errors
from kumppani.catalogue.hsds.validation import page_validator
from kumppani.catalogue.models import PublicationStatus, TaxonomyTerm, VolunteerTask
from kumppani.catalogue.search.index import index_volunteer_task
from kumppani.catalogue.tests.factories import VolunteerTaskFactory
from kumppani.core.models import Municipality
from kumppani.organisations.models import Organisation

from .helpers import SECOND_OF_TWO_PAGES, page_wrapper

pytestmark = pytest.mark.django_db

MakeTask = Callable[..., VolunteerTask]
URL = "/api/hsds/volunteer_tasks"
UNKNOWN_ID = "0b4c4e8e-9d0e-4f5b-8a1f-6f0f4a6f1c11"


@pytest.fixture
def make_task(org_x: Organisation) -> MakeTask:
    """Create a task (published, in Seinäjoki, of org_x unless told otherwise) and index it."""

    def make(**fields: Any) -> VolunteerTask:
        task = cast(VolunteerTask, VolunteerTaskFactory(**({"organisation": org_x} | fields)))
        index_volunteer_task(task)
        return task

    return make


@pytest.fixture
def activity_type(db: None) -> TaxonomyTerm:
    """A term of the activity types."""
    term = TaxonomyTerm.objects.filter(taxonomy__code="activity-types").first()
    assert term is not None
    return term


@pytest.fixture
def make_outdoor_friend(make_task: MakeTask, activity_type: TaxonomyTerm) -> MakeTask:
    """Create the outdoor friend's task: remote, two hours a week, of an activity type; the
    keyword arguments add fields."""

    def make(**fields: Any) -> VolunteerTask:
        task = make_task(
            title_fi="Ulkoiluystävä",
            title_sv="Friluftsvän",
            time_commitment_fi="2 tuntia viikossa",
            is_remote=True,
            **fields,
        )
        task.terms.add(activity_type)
        return task

    return make


def get(client: Client, url: str, **headers: str) -> Any:
    response = client.get(url, headers=headers)
    assert response.status_code == 200, response.content
    return response.json()


def ids(page: dict[str, Any]) -> list[str]:
    return [item["id"] for item in page["contents"]]


def assert_valid_page(page: dict[str, Any]) -> None:
    assert not [error.message for error in page_validator().iter_errors(page)]
    for item in page["contents"]:
        assert_valid_task(item)


def assert_valid_task(item: dict[str, Any]) -> None:
    errors = profile_schema_errors(item, "volunteer_task.json")
    assert not errors, errors


def test_our_schema_is_a_valid_draft_2020_12_schema() -> None:
    from jsonschema import Draft202012Validator

    Draft202012Validator.check_schema(profile_registry().contents("volunteer_task.json"))
    assert profile_schema_errors({"id": "x", "contact_email": "a@b.fi"}, "volunteer_task.json")


def test_every_task_response_validates_against_our_schema(
    client: Client, make_task: MakeTask, make_outdoor_friend: MakeTask
) -> None:
    make_outdoor_friend(
        title_en="Outdoor friend",
        description_sv="Gå ut med en äldre person.",
        skills_fi="Kärsivällisyyttä",
        starts_on=date(2025, 1, 1),
        ends_on=timezone.localdate() + timedelta(days=30),
    )
    make_task(municipality=None, description_fi="")
    for lang in ("fi", "sv", "en"):
        page = get(client, f"{URL}?lang={lang}")
        assert_valid_page(page)
        assert page["size"] == 2
        for item in page["contents"]:
            detail = get(client, f"{URL}/{item['id']}?lang={lang}")
            assert_valid_task(detail)
            assert detail == item
    for query in ("search=ulkoiluystävä", "municipality=743", f"organization_id={UNKNOWN_ID}"):
        assert_valid_page(get(client, f"{URL}?{query}"))


def test_a_task_carries_the_profile_fields(
    client: Client,
    make_outdoor_friend: MakeTask,
    org_x: Organisation,
    activity_type: TaxonomyTerm,
) -> None:
    task = make_outdoor_friend(
        description_fi="Lähde ulos ikäihmisen kanssa.",
        skills_sv="Tålamod",
        ends_on=date(2099, 12, 31),
        frequency="weekly",
    )
    body = get(client, f"{URL}/{task.public_id}")
    assert body["name"] == "Ulkoiluystävä"
    assert body["description"] == "Lähde ulos ikäihmisen kanssa."
    assert body["x_name"] == {"fi": "Ulkoiluystävä", "sv": "Friluftsvän"}
    assert body["x_time_commitment"] == {"fi": "2 tuntia viikossa"}
    assert body["x_how_often"] == "weekly"
    assert body["x_skills"] == {"sv": "Tålamod"}
    assert body["x_is_remote"] is True
    assert body["x_ends_on"] == "2099-12-31"
    assert "x_starts_on" not in body
    assert body["status"] == "active"
    assert body["organization_id"] == str(org_x.public_id)
    assert body["organization"]["id"] == str(org_x.public_id)
    assert body["organization"]["name"] == org_x.name_fi
    [area] = body["service_areas"]
    assert (area["extent"], area["extent_type"], area["name"]) == (
        "743",
        "x_municipality_code",
        "Seinäjoki",
    )
    [attribute] = body["attributes"]
    assert attribute["link_entity"] == "volunteer_task"
    assert attribute["link_id"] == str(task.public_id)
    assert attribute["taxonomy_term_id"] == str(activity_type.public_id)
    assert body["url"] == f"{settings.SITE_URL.rstrip('/')}/fi/services/tasks/{task.public_id}/"
    swedish = get(client, f"{URL}/{task.public_id}?lang=sv")
    assert swedish["name"] == "Friluftsvän"
    assert swedish["url"].endswith(f"/sv/services/tasks/{task.public_id}/")
    # No Swedish description: falls back to Finnish.
    assert swedish["description"] == "Lähde ulos ikäihmisen kanssa."
    assert get(client, f"{URL}/{task.public_id}", **{"Accept-Language": "sv"})["name"] == (
        "Friluftsvän"
    )


def test_the_contact_person_email_and_phone_are_not_served(
    client: Client, make_task: MakeTask, org_x: Organisation
) -> None:
    org_x.email = "toimisto@omaishoitajat.example.fi"
    org_x.save()
    task = make_task(
        contact_name="Maija Meikäläinen",
        contact_email="maija.meikalainen@example.fi",
        contact_phone="040 123 4567",
    )
    for url in (URL, f"{URL}/{task.public_id}"):
        text = client.get(url).content.decode()
        assert "Meikäläinen" not in text
        assert "maija.meikalainen" not in text
        assert "040 123 4567" not in text
        assert "contact" not in text
    # The organisation's own public address is served, as for services.
    assert get(client, f"{URL}/{task.public_id}")["organization"]["email"] == org_x.email


def test_only_published_visible_open_tasks_are_served(client: Client, make_task: MakeTask) -> None:
    today = timezone.localdate()
    shown = make_task()
    ends_today = make_task(ends_on=today)
    hidden = make_task(hidden_at=timezone.now(), hidden_reason="Harhaanjohtava")
    draft = make_task(status=PublicationStatus.DRAFT)
    archived = make_task(status=PublicationStatus.ARCHIVED)
    ended = make_task(ends_on=today - timedelta(days=1))
    assert set(ids(get(client, URL))) == {str(shown.public_id), str(ends_today.public_id)}
    for task in (hidden, draft, archived, ended):
        assert client.get(f"{URL}/{task.public_id}").status_code == 404
    # Search sees the same tasks.
    found = get(client, f"{URL}?search=vapaaehtoinen")
    assert set(ids(found)) == {str(shown.public_id), str(ends_today.public_id)}


def test_a_page_of_tasks_has_the_hsds_page_shape(client: Client, make_task: MakeTask) -> None:
    tasks = [make_task() for _ in range(3)]
    body = get(client, f"{URL}?per_page=2&page=2")
    assert page_wrapper(body) == SECOND_OF_TWO_PAGES
    # Without a search, in a fixed order: the order the tasks were added.
    assert ids(body) == [str(tasks[2].public_id)]
    assert ids(get(client, f"{URL}?per_page=2")) == [str(task.public_id) for task in tasks[:2]]
    beyond = get(client, f"{URL}?per_page=2&page=5")
    assert beyond["empty"] is True and beyond["contents"] == []
    assert_valid_page(beyond)


def test_organization_filter(client: Client, make_task: MakeTask, org_y: Organisation) -> None:
    make_task()
    theirs = make_task(organisation=org_y)
    body = get(client, f"{URL}?organization_id={org_y.public_id}")
    assert ids(body) == [str(theirs.public_id)]
    assert body["contents"][0]["organization"]["id"] == str(org_y.public_id)
    assert get(client, f"{URL}?organization_id={UNKNOWN_ID}")["total_items"] == 0


def test_modified_after_filters_on_the_last_change(client: Client, make_task: MakeTask) -> None:
    old = make_task()
    recent = make_task()
    VolunteerTask.objects.filter(pk=old.pk).update(updated_at="2020-01-01T00:00:00Z")
    body = get(client, f"{URL}?modified_after=2024-01-01T00:00:00%2B02:00")
    assert ids(body) == [str(recent.public_id)]
    assert get(client, f"{URL}?modified_after=2019-12-31")["total_items"] == 2


def test_municipality_filter_includes_remote_tasks(client: Client, make_task: MakeTask) -> None:
    vaasa = Municipality.objects.get(code="905")
    in_seinajoki = make_task()
    make_task(municipality=vaasa)
    remote_from_vaasa = make_task(municipality=vaasa, is_remote=True)
    remote_anywhere = make_task(municipality=None, is_remote=True)
    body = get(client, f"{URL}?municipality=743")
    assert set(ids(body)) == {
        str(in_seinajoki.public_id),
        str(remote_from_vaasa.public_id),
        str(remote_anywhere.public_id),
    }
    assert get(client, f"{URL}?municipality=905")["total_items"] == 3
    assert get(client, f"{URL}?municipality=408")["total_items"] == 2  # Lapua: remote only


def test_search_returns_tasks_in_relevance_order(client: Client, make_task: MakeTask) -> None:
    make_task(title_fi="Lipunmyyjä konserttiin", description_fi="Myy lippuja ovella.")
    in_description = make_task(
        title_fi="Kävelykaveri", description_fi="Ulkoiluystävä lähtee kävelylle ikäihmisen kanssa."
    )
    in_title = make_task(title_fi="Ulkoiluystävä", description_fi="Lähde ulos kanssamme.")
    body = get(client, f"{URL}?search=ulkoiluystävä")
    assert ids(body) == [str(in_title.public_id), str(in_description.public_id)]
    assert body["total_items"] == 2


def test_search_combines_with_the_other_filters(
    client: Client, make_task: MakeTask, org_y: Organisation
) -> None:
    vaasa = Municipality.objects.get(code="905")
    ours = make_task(title_fi="Ulkoiluystävä")
    theirs = make_task(title_fi="Ulkoiluystävä Vaasassa", organisation=org_y, municipality=vaasa)
    make_task(title_fi="Ulkoiluystävä", status=PublicationStatus.DRAFT)
    by_org = get(client, f"{URL}?search=ulkoiluystävä&organization_id={org_y.public_id}")
    assert ids(by_org) == [str(theirs.public_id)]
    assert by_org["total_items"] == 1
    in_vaasa = get(client, f"{URL}?search=ulkoiluystävä&municipality=905")
    assert ids(in_vaasa) == [str(theirs.public_id)]
    VolunteerTask.objects.filter(pk=theirs.pk).update(updated_at="2020-01-01T00:00:00Z")
    recent = get(client, f"{URL}?search=ulkoiluystävä&modified_after=2024-01-01")
    assert ids(recent) == [str(ours.public_id)]


def test_search_pages_follow_the_ranked_order(client: Client, make_task: MakeTask) -> None:
    for n in range(5):
        make_task(title_fi=f"Ulkoiluystävä {n}")
    whole = ids(get(client, f"{URL}?search=ulkoiluystävä"))
    assert len(whole) == 5
    body = get(client, f"{URL}?search=ulkoiluystävä&per_page=2&page=2")
    assert ids(body) == whole[2:4]
    assert (body["total_items"], body["total_pages"], body["first_page"]) == (5, 3, False)


def test_a_search_ranks_only_the_tasks_its_filters_keep(
    client: Client, make_task: MakeTask, org_y: Organisation
) -> None:
    for n in range(3):
        make_task(title_fi=f"Ulkoiluystävä {n}")
    theirs = make_task(title_fi="Ulkoiluystävä Vaasassa", organisation=org_y)
    body = get(client, f"{URL}?search=ulkoiluystävä&organization_id={org_y.public_id}")
    assert ids(body) == [str(theirs.public_id)]
    assert body["total_items"] == 1


@pytest.mark.parametrize(
    ("query", "named"),
    [
        ("page=0", "page"),
        ("page=x", "page"),
        ("per_page=1001", "per_page"),
        ("per_page=0", "per_page"),
        ("organization_id=not-a-uuid", "organization_id"),
        ("modified_after=yesterday", "modified_after"),
        ("modified_after=2025-13-45", "modified_after"),
        ("municipality=999", "municipality"),
        ("municipality=74", "municipality"),
        ("municipality=Seinäjoki", "municipality"),
        ("lang=de", "lang"),
        ("format=ndjson", "format"),
        (f"search={'x' * 201}", "search"),
    ],
)
def test_a_bad_parameter_is_a_400_naming_it(client: Client, query: str, named: str) -> None:
    response = client.get(f"{URL}?{query}")
    assert response.status_code == 400
    assert f"'{named}'" in response.json()["detail"]


def test_detail_ids_are_checked(client: Client) -> None:
    response = client.get(f"{URL}/not-a-uuid")
    assert response.status_code == 400
    assert "'id'" in response.json()["detail"]
    assert client.get(f"{URL}/{UNKNOWN_ID}").status_code == 404
    assert client.get(f"{URL}/{UNKNOWN_ID}?lang=de").status_code == 400


def test_a_page_of_50_tasks_takes_a_bounded_number_of_queries(
    client: Client,
    make_task: MakeTask,
    org_x: Organisation,
    org_y: Organisation,
    django_assert_max_num_queries: Any,
) -> None:
    terms = list(TaxonomyTerm.objects.filter(taxonomy__code="activity-types")[:2])
    for n in range(50):
        task = make_task(title_fi=f"Ulkoiluystävä {n}", organisation=(org_x, org_y)[n % 2])
        task.terms.set(terms)
    with django_assert_max_num_queries(3):
        assert get(client, f"{URL}?per_page=50")["size"] == 50
    with django_assert_max_num_queries(4):
        assert get(client, f"{URL}?per_page=50&municipality=743")["size"] == 50
    with django_assert_max_num_queries(10):  # a cold search: vocabulary look-ups
        assert get(client, f"{URL}?per_page=50&search=ulkoiluystävä")["size"] == 50
