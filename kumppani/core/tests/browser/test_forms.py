"""Forms in the browser: the error summary takes focus after a failed save, the municipality
picker filters by typing and chooses a whole county by keyboard (and works without
JavaScript), and the pages pass axe in Finnish and Swedish while doing so."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from django.urls import reverse
from django.utils import translation
from playwright.sync_api import Browser, BrowserContext, Page, expect

from kumppani.accounts.models import User
from kumppani.catalogue.models import Service
from kumppani.core.models import Municipality
from kumppani.organisations.models import Organisation

from .harness import axe_violations, describe_violations

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

SignIn = Callable[[BrowserContext, User], None]
OpenAsBob = Callable[[Page, str], None]
SOUTH_OSTROBOTHNIA = "16"


def _url(name: str, language: str = "fi", *args: object) -> str:
    with translation.override(language):
        return reverse(name, args=args)


@pytest.fixture
def open_as_bob(sign_in: SignIn, bob: User) -> OpenAsBob:
    """Sign bob, the representative of org_x, in to a page's browser context, then open a URL."""

    def open_page(page: Page, url: str) -> None:
        sign_in(page.context, bob)
        page.goto(url)

    return open_page


def _focused_is_the_error_summary(page: Page) -> bool:
    return bool(page.evaluate("document.activeElement.hasAttribute('data-error-summary')"))


def _chosen_codes(page: Page, select: str = "#id_municipalities-select") -> list[str]:
    return sorted(
        page.locator(select).evaluate(
            "select => Array.from(select.selectedOptions).map(option => option.value)"
        )
    )


def _shown_municipalities(page: Page) -> list[str]:
    return page.locator(".picker-options li:not(.picker-all):visible label").all_inner_texts()


def _clear_names(page: Page) -> None:
    for language in ("fi", "sv", "en"):
        page.locator(f"#id_name_{language}").fill("")


def _save(page: Page) -> None:
    with page.expect_navigation():
        page.locator("main form[method=post] button[type=submit]").first.click()


def _save_without_names(page: Page) -> None:
    _clear_names(page)
    _save(page)


def test_after_a_failed_save_of_an_organisation_the_error_summary_has_focus(
    page: Page, open_as_bob: OpenAsBob, org_x: Organisation
) -> None:
    open_as_bob(page, _url("organisations:edit", "fi", org_x.public_id))

    _save_without_names(page)

    assert _focused_is_the_error_summary(page)
    summary = page.locator("[data-error-summary]")
    assert summary.locator("h2").count() == 1
    link = summary.locator('a[href="#id_name_fi"]')
    assert link.count() == 1
    assert page.locator("#id_name_fi").get_attribute("aria-invalid") == "true"

    # Following the link moves focus to the field, as the keyboard does.
    link.focus()
    page.keyboard.press("Enter")

    assert page.evaluate("document.activeElement.id") == "id_name_fi"


def test_after_a_failed_save_in_the_activity_editor_the_error_summary_has_focus(
    page: Page, open_as_bob: OpenAsBob
) -> None:
    open_as_bob(page, _url("catalogue:service_create", "sv"))

    _save(page)

    assert _focused_is_the_error_summary(page)
    links = page.locator("[data-error-summary] a")
    assert links.count() >= 2
    # A group of radio buttons is reached through its first button.
    page.locator('[data-error-summary] a[href="#id_how_to_join_0"]').click()
    assert page.evaluate("document.activeElement.id") == "id_how_to_join_0"


def test_picker_filters_by_typing_and_chooses_a_whole_county_by_keyboard(
    page: Page, open_as_bob: OpenAsBob, org_x: Organisation
) -> None:
    open_as_bob(page, _url("organisations:edit", "fi", org_x.public_id))
    picker = page.locator("#id_municipalities")
    assert picker.get_attribute("type") == "search", "the filter took over the field's id"
    assert page.locator("label[for=id_municipalities]").count() == 1
    assert page.locator("#id_municipalities-select").is_hidden()

    # Typing narrows the list; a name in the other language finds the municipality too.
    picker.fill("seinä")
    assert _shown_municipalities(page) == ["Seinäjoki"]
    picker.fill("korsholm")
    assert _shown_municipalities(page) == ["Mustasaari"]
    # A county's name shows all of its municipalities.
    picker.fill("Etelä-Pohjanmaan")
    county = list(
        Municipality.objects.filter(county__code=SOUTH_OSTROBOTHNIA).values_list("code", flat=True)
    )
    assert len(_shown_municipalities(page)) == len(county)
    status = page.locator("#id_municipalities-status")
    assert status.get_attribute("role") == "status"
    expect(status).to_contain_text(str(len(county)))

    # Down arrow from the filter reaches the county's first checkbox; Space chooses it all.
    picker.focus()
    page.keyboard.press("ArrowDown")
    all_of_county = page.locator(".picker-all input").filter(visible=True).first
    assert all_of_county.evaluate("box => box === document.activeElement")
    page.keyboard.press("Space")

    assert _chosen_codes(page) == sorted(county)
    assert all_of_county.is_checked()
    expect(status).to_contain_text(f"{len(county)}.")

    # Space again lets the whole county go (Seinäjoki with it); once more chooses it all.
    page.keyboard.press("Space")
    assert _chosen_codes(page) == []
    page.keyboard.press("Space")
    assert _chosen_codes(page) == sorted(county)

    # Enter in the filter does not submit the form; the choice is saved with the form.
    picker.focus()
    page.keyboard.press("Enter")
    assert "/edit/" in page.url
    _save(page)

    org_x.refresh_from_db()
    assert sorted(m.code for m in org_x.municipalities.all()) == sorted(county)


def test_in_the_activity_editor_a_whole_county_is_chosen_as_a_county(
    page: Page, open_as_bob: OpenAsBob, org_x: Organisation
) -> None:
    open_as_bob(page, _url("catalogue:service_create", "fi"))
    # bob represents only org_x: it is chosen for him
    assert page.locator("#id_organisation").get_attribute("value") == str(org_x.pk)
    page.locator("#id_name_fi").fill("Vertaistukiryhmä")
    page.locator("#id_how_to_join_0").check()
    # The counties field is part of the picker now.
    assert page.locator("input[name=counties]").first.is_hidden()

    picker = page.locator("#id_municipalities")
    picker.fill("Etelä-Pohjanmaan")
    picker.focus()
    page.keyboard.press("ArrowDown")
    page.keyboard.press("Space")

    county_box = page.locator(f"input[name=counties][value='{SOUTH_OSTROBOTHNIA}']")
    assert county_box.is_checked()
    assert _chosen_codes(page) == [], "the county itself, not its municipalities"
    seinajoki = page.locator(".picker-options li:not(.picker-all)", has_text="Seinäjoki")
    assert seinajoki.locator("input").is_checked() and seinajoki.locator("input").is_disabled()

    _save(page)

    service = Service.objects.get()
    assert [c.code for c in service.counties.all()] == [SOUTH_OSTROBOTHNIA]
    assert not service.municipalities.exists()


def test_the_picker_works_without_javascript(
    nojs_page: Page, open_as_bob: OpenAsBob, org_x: Organisation
) -> None:
    open_as_bob(nojs_page, _url("organisations:edit", "fi", org_x.public_id))
    select = nojs_page.locator("select#id_municipalities")
    assert select.is_visible() and select.get_attribute("multiple") is not None
    assert nojs_page.locator(".picker-no-script").is_visible()
    assert nojs_page.locator(".picker-filter").count() == 0
    assert nojs_page.locator("#id_municipalities optgroup").count() == 23

    # Both in the organisation's own county: a move into another county waits for approval.
    select.select_option(["743", "301"])
    _save(nojs_page)

    org_x.refresh_from_db()
    assert sorted(m.code for m in org_x.municipalities.all()) == ["301", "743"]


def test_the_error_summary_comes_first_without_javascript(
    nojs_page: Page, open_as_bob: OpenAsBob, org_x: Organisation
) -> None:
    open_as_bob(nojs_page, _url("organisations:edit", "fi", org_x.public_id))

    _save_without_names(nojs_page)

    first_in_form = nojs_page.locator("main form[method=post] > :not(input[type=hidden])").first
    assert first_in_form.get_attribute("data-error-summary") is not None


def _check_axe(page: Page, where: str) -> list[str]:
    violations = axe_violations(page)
    return [f"{where}: axe found\n{describe_violations(violations)}"] if violations else []


def test_the_enhanced_picker_and_the_error_summary_pass_axe_in_finnish_and_swedish(
    browser: Browser, site_url: str, open_as_bob: OpenAsBob, org_x: Organisation
) -> None:
    problems: list[str] = []
    for language in ("fi", "sv"):
        context = browser.new_context(base_url=site_url, viewport={"width": 1280, "height": 800})
        page = context.new_page()
        open_as_bob(page, _url("organisations:edit", language, org_x.public_id))
        _clear_names(page)
        page.locator("#id_municipalities").fill("seinä")
        page.locator(".picker-all input").filter(visible=True).first.check()
        problems += _check_axe(page, f"{language}: organisation edit, picker in use")
        _save(page)
        problems += _check_axe(page, f"{language}: organisation edit with errors")
        page.goto(_url("catalogue:service_create", language))
        page.locator("#id_municipalities").fill("vaasa")
        problems += _check_axe(page, f"{language}: activity editor, picker in use")
        page.set_viewport_size({"width": 320, "height": 640})
        width = page.evaluate("document.documentElement.scrollWidth")
        if width > 320:
            problems.append(f"{language}: the activity editor scrolls sideways at 320 px")
        context.close()
    assert not problems, "\n".join(problems)


def test_the_404_page_passes_axe_in_finnish_and_swedish(page: Page) -> None:
    problems: list[str] = []
    for language in ("fi", "sv"):
        response = page.goto(f"/{language}/no-such-page/")
        assert response is not None and response.status == 404
        assert page.locator("html").get_attribute("lang") == language
        problems += _check_axe(page, f"{language}: 404 page")
    assert not problems, "\n".join(problems)
