from typing import Any

import pytest


@pytest.fixture(autouse=True)
def search_index_calls(monkeypatch: pytest.MonkeyPatch) -> list[tuple[str, Any]]:
    """Record the search-index hooks the services call (and still index)."""
    from kumppani.catalogue.search import index

    calls: list[tuple[str, Any]] = []

    def recording(name: str) -> Any:
        original = getattr(index, name)

        def hook(obj: Any) -> None:
            calls.append((name, obj.pk))
            original(obj)

        return hook

    for name in ("index_service", "remove_service", "index_volunteer_task"):
        monkeypatch.setattr(index, name, recording(name))
    return calls


@pytest.fixture(autouse=True)
def fast_password_hashing(settings: Any) -> None:
    """The personas' passwords need not be strong here; PBKDF2 makes each user take a second."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
