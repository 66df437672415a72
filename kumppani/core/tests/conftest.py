from collections.abc import Iterator

import pytest
from django.core.management import call_command
from pytest_django import DjangoDbBlocker


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
