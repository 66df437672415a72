from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from django.conf import settings
from django.core.management import call_command
from django.test import override_settings
from pytest_django import DjangoDbBlocker

TEST_TEMPLATES = Path(__file__).parent / "templates"


@pytest.fixture
def test_templates() -> Iterator[None]:
    """Let the templates of core's tests (core_tests/...) be found beside the app's own."""
    engine: dict[str, Any] = dict(settings.TEMPLATES[0])
    engine["DIRS"] = [*engine.get("DIRS", []), TEST_TEMPLATES]
    with override_settings(TEMPLATES=[engine, *settings.TEMPLATES[1:]]):
        yield


@pytest.fixture(scope="module")
def emptied_database(django_db_setup: None, django_db_blocker: DjangoDbBlocker) -> Iterator[None]:
    """Start a module of serialized-rollback tests from an empty database, as Django expects.

    A browser test's teardown can flush the database with post_migrate's content types
    created anew (new ids), and the serialized rollback of the next test then collides with
    them. Module-scoped, so it runs before the test's own database set-up.
    """
    with django_db_blocker.unblock():
        call_command("flush", interactive=False, verbosity=0, inhibit_post_migrate=True)
    yield
