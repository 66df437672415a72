"""The public API: /api/v1/organisations."""

import pytest
from django.utils import timezone

from kumppani.accounts.models import OrganisationRole
from kumppani.testing.factories import OrganisationFactory

LIST = "/api/v1/organisations"


def test_api_list_returns_public_fields_by_name(client, bob, org_x, org_y):
    response = client.get(LIST)
    assert response.status_code == 200
    body = response.json()
    assert body["count"] == 2
    first = next(item for item in body["items"] if item["id"] == str(org_x.public_id))
    assert first["name_fi"] == "Seinäjoen Omaishoitajat ry"
    assert first["business_id"] == "0201256-6"
    assert first["municipalities"] == [{"code": "743", "name": "Seinäjoki", "county_code": "16"}]
    assert first["verified"] is False
    # Representatives are personal data: never in the public API.
    assert "bob@omaishoitajat.example.fi" not in response.text
    assert OrganisationRole.objects.exists()


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("county=17", ["y"]),
        ("municipality=743", ["x"]),
        ("kind=association&county=16", ["x"]),
        ("q=vaasan", ["y"]),
        ("verified=yes", ["x"]),
    ],
)
def test_api_list_filters(client, org_x, org_y, query, expected):
    org_x.verified_at = timezone.now()
    org_x.save()
    by_key = {"x": org_x, "y": org_y}
    response = client.get(f"{LIST}?{query}")
    assert response.status_code == 200
    assert [i["id"] for i in response.json()["items"]] == [
        str(by_key[k].public_id) for k in expected
    ]


@pytest.mark.parametrize(
    ("query", "fragment"),
    [
        ("county=99", "There is no wellbeing services county with code 99"),
        ("municipality=abc", "There is no municipality with code abc"),
        ("kind=pub", "is not a kind of organisation"),
        ("status=sleeping", "is not a status"),
    ],
)
def test_api_list_answers_400_with_a_clear_message_to_an_unknown_filter(
    client, org_x, query, fragment
):
    response = client.get(f"{LIST}?{query}", HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 400
    assert fragment in response.json()["detail"]


def test_api_list_is_paged(client, db):
    for number in range(25):
        OrganisationFactory(name=f"Yhdistys {number:02d} ry")
    first = client.get(LIST).json()
    second = client.get(f"{LIST}?page=2").json()
    assert first["count"] == 25
    assert len(first["items"]) + len(second["items"]) == 25
    assert {i["id"] for i in first["items"]}.isdisjoint({i["id"] for i in second["items"]})


def test_api_list_query_count_does_not_grow_with_organisations(
    client, db, django_assert_max_num_queries
):
    umbrella = OrganisationFactory(name="Katto ry")
    for number in range(20):
        OrganisationFactory(
            name=f"Yhdistys {number:02d} ry", municipalities=["743", "905"], umbrella=umbrella
        )
    # count, page, municipalities, their counties; the filter form's two choice lists
    with django_assert_max_num_queries(6):
        response = client.get(LIST)
    assert len(response.json()["items"]) == 20


def test_api_detail_returns_one_organisation(client, org_y):
    response = client.get(f"{LIST}/{org_y.public_id}")
    assert response.status_code == 200
    body = response.json()
    assert body["name_sv"] == "Vasanejdens Närståendevårdare rf"
    assert body["name_en"] == ""
    assert body["municipalities"][0]["county_code"] == "17"


def test_api_detail_of_an_unknown_organisation_is_404(client, db):
    response = client.get(f"{LIST}/00000000-0000-0000-0000-000000000000")
    assert response.status_code == 404


def test_api_operations_declare_an_access_rule():
    from kumppani.organisations.api import router

    operations = [op for path in router.path_operations.values() for op in path.operations]
    assert operations
    assert all(getattr(op.view_func, "access_rule", None) == "public" for op in operations)
