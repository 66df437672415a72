"""The invitation form as a coordinator sends it, for the tests that invite through the page."""

from __future__ import annotations

from typing import Any

from django.test import Client

from kumppani.organisations.models import Organisation
from kumppani.testing.urls import reverse_en


def post_invitation(
    client: Client, organisation: Organisation, *, email: str, language: str, title: str
) -> Any:
    """Post the form that invites a person to represent the organisation, in county 16."""
    return client.post(
        reverse_en("organisations:invite"),
        {
            "county": "16",
            "email": email,
            "language": language,
            "invite_as": "organisation",
            "organisation": organisation.pk,
            "title": title,
        },
    )
