"""Every UI string is translated into Finnish and Swedish."""

import re
from pathlib import Path

import polib
import pytest
from django.conf import settings
from django.test import Client
from django.utils import translation

LOCALE_DIR = Path(settings.LOCALE_PATHS[0])
PLACEHOLDER = re.compile(r"%\((\w+)\)[sd]")


@pytest.mark.parametrize("language", ["fi", "sv"])
def test_catalogue_has_no_untranslated_or_fuzzy_entries(language: str) -> None:
    catalogue = polib.pofile(str(LOCALE_DIR / language / "LC_MESSAGES" / "django.po"))
    assert len(catalogue) > 100
    untranslated = [entry.msgid for entry in catalogue.untranslated_entries()]
    fuzzy = [entry.msgid for entry in catalogue.fuzzy_entries()]
    assert not untranslated, f"{language}: untranslated {untranslated[:20]}"
    assert not fuzzy, f"{language}: fuzzy {fuzzy[:20]}"


@pytest.mark.parametrize("language", ["fi", "sv"])
def test_placeholders_survive_translation(language: str) -> None:
    catalogue = polib.pofile(str(LOCALE_DIR / language / "LC_MESSAGES" / "django.po"))
    for entry in catalogue.translated_entries():
        expected = set(PLACEHOLDER.findall(entry.msgid))
        if entry.msgid_plural:
            # A singular form may leave out the count ("one event" instead of "1 event").
            for plural in entry.msgstr_plural.values():
                assert set(PLACEHOLDER.findall(plural)) >= expected - {"counter"}, entry.msgid
        else:
            assert set(PLACEHOLDER.findall(entry.msgstr)) == expected, entry.msgid


def test_compiled_catalogues_are_used() -> None:
    with translation.override("fi"):
        assert translation.gettext("Sign in") == "Kirjaudu sisään"
    with translation.override("sv"):
        assert translation.gettext("Sign in") == "Logga in"


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("path", "expected_lang", "expected_text"),
    [("/fi/", "fi", "Kirjaudu sisään"), ("/sv/", "sv", "Logga in"), ("/en/", "en", "Sign in")],
)
def test_pages_render_in_the_language_of_their_prefix(
    client: Client, path: str, expected_lang: str, expected_text: str
) -> None:
    page = client.get(path)
    assert page.status_code == 200
    html = page.content.decode()
    assert f'<html lang="{expected_lang}">' in html
    assert expected_text in html


@pytest.mark.django_db
def test_the_root_answers_200_in_the_browsers_language(client: Client) -> None:
    page = client.get("/", HTTP_ACCEPT_LANGUAGE="sv-FI,sv;q=0.9")
    assert page.status_code == 200
    assert '<html lang="sv">' in page.content.decode()


@pytest.mark.django_db
def test_the_front_page_searches_activities_in_its_language(client: Client) -> None:
    html = client.get("/sv/").content.decode()

    assert '<form method="get" action="/sv/services/" class="front-search"' in html
    assert '<label for="front-q">Hitta verksamhet</label>' in html
    assert 'name="q"' in html
