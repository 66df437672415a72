"""The call's decision documents and the partnership agreements are reached from the
coordinator's pages of the call and from the list of their counties' calls."""

from __future__ import annotations

import pytest
from django.urls import reverse

from kumppani.grants.models import GrantKind

from .conftest import make_call

pytestmark = pytest.mark.django_db


def test_the_calls_pages_link_its_decision_documents_and_the_agreements(client, carol) -> None:
    call = make_call()
    documents = reverse("grants:call_documents", args=[call.public_id])
    agreements = reverse("grants:agreements")
    client.force_login(carol)
    for name in ("grants:call_review", "grants:call_decisions"):
        html = client.get(reverse(name, args=[call.public_id])).content.decode()
        assert f'href="{documents}"' in html, name
        assert f'href="{agreements}"' in html, name
        assert client.get(documents).status_code == 200


def test_the_managed_calls_link_each_calls_documents_and_a_partnership_calls_agreements(
    client, carol
) -> None:
    operating = make_call()
    partnership = make_call(kind=GrantKind.PARTNERSHIP)
    client.force_login(carol)
    html = client.get(reverse("grants:managed_calls")).content.decode()
    for call in (operating, partnership):
        assert f'href="{reverse("grants:call_documents", args=[call.public_id])}"' in html
    assert html.count(f'href="{reverse("grants:agreements")}"') == 1
