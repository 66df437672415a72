"""Every page passes axe (WCAG 2.1 A and AA) in Finnish and Swedish, and reflows at 320 px.

`PAGES` is the one table of pages: each row names the URL it covers, builds the URL, names
the persona who views it and prepares data. `test_every_page_url_is_in_the_table` fails when
a GET page is added without a row here, so no page escapes the check.

Rows that share a data setup run in one test on one database; the terminal summary prints
the result of every page × language (`fi@320`: Finnish at 320 px wide).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import timedelta
from typing import Any

import pytest
from django.contrib.auth.tokens import default_token_generator
from django.urls import URLPattern, URLResolver, get_resolver, reverse
from django.urls.resolvers import LocalePrefixPattern
from django.utils import timezone, translation
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode
from playwright.sync_api import Browser, BrowserContext, Page

from kumppani.accounts.models import CountyRoleKind, Invitation
from kumppani.catalogue.tests.factories import ServiceFactory, VolunteerTaskFactory
from kumppani.core.actor import Actor
from kumppani.core.audit import audit_record
from kumppani.testing.factories import OrganisationFactory, county

from .harness import describe_violations, finish_axe, sign_in_context, start_axe

LANGUAGES = ["fi", "sv"]
NARROW_WIDTH = 320
# The narrow layout is checked with axe once, in Finnish (the longest words): scrolling
# regions and reflowed controls differ from the wide layout.
NARROW_AXE_LANGUAGE = "fi"


class Fixtures:
    """Lazy access to pytest fixtures by attribute: `f.org_x` requests the org_x fixture.

    A setup function may also keep objects it makes for the URL builders: `f.service = ...`.
    """

    def __init__(self, request: pytest.FixtureRequest) -> None:
        self._request = request

    def __getattr__(self, name: str) -> Any:
        return self._request.getfixturevalue(name)


def nothing(f: Fixtures) -> None:
    """Only what the persona and organisation fixtures that a row asks for create."""


def empty_registry(f: Fixtures) -> None:
    """No organisations at all: the list shows its empty state."""


def many_organisations(f: Fixtures) -> None:
    """Enough organisations in two counties to page the list, with bilingual names."""
    f.org_x, f.org_y  # noqa: B018 - request the fixtures for their data
    for number in range(30):
        OrganisationFactory(municipalities=["743" if number % 2 else "905"])


def audit_events(f: Fixtures) -> None:
    for action in (
        "organisations.organisation.read_representatives",
        "organisations.organisation.update",
        "accounts.invitation.create",
    ):
        audit_record(
            actor=Actor(user=f.alice, ip_address="192.0.2.1"),
            action=action,
            obj=f.org_x,
            county=county("16"),
        )


INVITATION_TOKEN = "browser-test-invitation-token"


def invitations(f: Fixtures) -> None:
    """A pending, an expired and a withdrawn invitation in Etelä-Pohjanmaa, sent by alice."""
    now = timezone.now()
    for number, (expires, revoked) in enumerate(
        [(timedelta(days=14), None), (timedelta(days=-1), None), (timedelta(days=10), now)]
    ):
        Invitation.objects.create(
            email=f"invitee{number}@example.fi",
            county=county("16"),
            county_role=CountyRoleKind.REVIEWER,
            token_hash=Invitation.hash_token(f"{INVITATION_TOKEN}-{number}"),
            invited_by=f.alice,
            expires_at=now + expires,
            revoked_at=revoked,
        )


def catalogue_entries(f: Fixtures) -> None:
    """A published activity and volunteer task of org_x (bob's association) in Seinäjoki."""
    f.service = ServiceFactory(organisation=f.org_x, name_fi="Omaishoitajien vertaistukiryhmä")
    f.task = VolunteerTaskFactory(organisation=f.org_x, title_fi="Kahvinkeittäjä kohtaamispaikkaan")
    f.bob  # noqa: B018 - bob represents org_x and manages its entries


def password_reset_link(f: Fixtures) -> str:
    user = f.dave
    return reverse(
        "accounts:password_reset_confirm",
        args=[
            urlsafe_base64_encode(force_bytes(user.pk)),
            default_token_generator.make_token(user),
        ],
    )


@dataclass(frozen=True)
class PageCase:
    id: str
    url_name: str
    url: Callable[[Fixtures], str]
    persona: str | None = None
    setup: Callable[[Fixtures], None] = field(default=nothing)
    status: int = 200
    # What to do on the page before checking it, such as submitting a form to show errors.
    then: Callable[[Page], None] | None = None


def submit_main_form_empty(page: Page) -> None:
    """Clear the POST form in main and submit it, to check the page with its errors."""
    form = page.locator("main form[method=post]").last
    for field_ in form.locator("input[type=text], input[type=email], input[type=password]").all():
        field_.fill("")
    with page.expect_navigation():
        form.locator("button[type=submit], button:not([type])").last.click()


def detail(name: str, organisation: str) -> Callable[[Fixtures], str]:
    return lambda f: reverse(name, args=[getattr(f, organisation).public_id])


# The page table: id, URL name covered, URL builder, persona, data setup.
PAGES: list[PageCase] = [
    PageCase("front", "core:front", lambda f: reverse("core:front")),
    PageCase(
        "dashboard-coordinator",
        "accounts:dashboard",
        lambda f: reverse("accounts:dashboard"),
        "alice",
    ),
    PageCase(
        "dashboard-representative",
        "accounts:dashboard",
        lambda f: reverse("accounts:dashboard"),
        "bob",
    ),
    PageCase(
        "dashboard-outsider", "accounts:dashboard", lambda f: reverse("accounts:dashboard"), "dave"
    ),
    PageCase(
        "audit-log",
        "accounts:audit_log",
        lambda f: reverse("accounts:audit_log"),
        "alice",
        audit_events,
    ),
    PageCase(
        "audit-log-filtered",
        "accounts:audit_log",
        lambda f: (
            reverse("accounts:audit_log")
            + "?action=organisations.organisation.update&person=alice&date_from=2026-01-01"
        ),
        "alice",
        audit_events,
    ),
    PageCase(
        "audit-log-invalid-filter",
        "accounts:audit_log",
        lambda f: reverse("accounts:audit_log") + "?date_from=2026-03-10&date_to=2026-03-01",
        "alice",
        audit_events,
    ),
    PageCase("sign-in", "accounts:sign_in", lambda f: reverse("accounts:sign_in")),
    PageCase(
        "sign-in-with-errors",
        "accounts:sign_in",
        lambda f: reverse("accounts:sign_in"),
        then=submit_main_form_empty,
    ),
    PageCase(
        "password-change",
        "accounts:password_change",
        lambda f: reverse("accounts:password_change"),
        "bob",
    ),
    PageCase(
        "password-change-done",
        "accounts:password_change_done",
        lambda f: reverse("accounts:password_change_done"),
        "bob",
    ),
    PageCase(
        "password-reset", "accounts:password_reset", lambda f: reverse("accounts:password_reset")
    ),
    PageCase(
        "password-reset-with-errors",
        "accounts:password_reset",
        lambda f: reverse("accounts:password_reset"),
        then=submit_main_form_empty,
    ),
    PageCase(
        "password-reset-sent",
        "accounts:password_reset_done",
        lambda f: reverse("accounts:password_reset_done"),
    ),
    PageCase("password-reset-set-new", "accounts:password_reset_confirm", password_reset_link),
    PageCase(
        "password-reset-invalid-link",
        "accounts:password_reset_confirm",
        lambda f: reverse("accounts:password_reset_confirm", args=["MQ", "not-a-valid-token"]),
    ),
    PageCase(
        "password-reset-complete",
        "accounts:password_reset_complete",
        lambda f: reverse("accounts:password_reset_complete"),
    ),
    PageCase(
        "invite", "accounts:invite", lambda f: reverse("accounts:invite") + "?county=16", "alice"
    ),
    PageCase(
        "invite-with-errors",
        "accounts:invite",
        lambda f: reverse("accounts:invite") + "?county=16",
        "alice",
        then=submit_main_form_empty,
    ),
    PageCase(
        "invitations",
        "accounts:invitations",
        lambda f: reverse("accounts:invitations"),
        "alice",
        invitations,
    ),
    PageCase(
        "invitations-filtered",
        "accounts:invitations",
        lambda f: reverse("accounts:invitations") + "?county=16&status=pending&q=invitee",
        "alice",
        invitations,
    ),
    PageCase(
        "invitation-accept-new-person",
        "accounts:accept_invitation",
        lambda f: reverse("accounts:accept_invitation", args=[f"{INVITATION_TOKEN}-0"]),
        setup=invitations,
    ),
    PageCase(
        "invitation-expired",
        "accounts:accept_invitation",
        lambda f: reverse("accounts:accept_invitation", args=[f"{INVITATION_TOKEN}-1"]),
        setup=invitations,
        status=410,
    ),
    PageCase(
        "invitation-unknown",
        "accounts:accept_invitation",
        lambda f: reverse("accounts:accept_invitation", args=["no-such-token"]),
        status=404,
    ),
    PageCase(
        "organisation-list-empty", "organisations:list", lambda f: reverse("organisations:list")
    ),
    PageCase(
        "organisation-list",
        "organisations:list",
        lambda f: reverse("organisations:list"),
        setup=many_organisations,
    ),
    PageCase(
        "organisation-list-filtered",
        "organisations:list",
        lambda f: reverse("organisations:list") + "?q=omaishoitajat&county=16&municipality=743",
        setup=many_organisations,
    ),
    PageCase(
        "organisation-list-invalid-filter",
        "organisations:list",
        lambda f: reverse("organisations:list") + "?county=xx&municipality=nonsense&kind=nope",
        setup=many_organisations,
    ),
    PageCase(
        "organisation-list-page-2",
        "organisations:list",
        lambda f: reverse("organisations:list") + "?page=2",
        setup=many_organisations,
    ),
    PageCase(
        "organisation-create",
        "organisations:create",
        lambda f: reverse("organisations:create"),
        "alice",
    ),
    PageCase(
        "organisation-create-with-errors",
        "organisations:create",
        lambda f: reverse("organisations:create"),
        "alice",
        then=submit_main_form_empty,
    ),
    PageCase(
        "organisation-detail", "organisations:detail", detail("organisations:detail", "org_x")
    ),
    PageCase(
        "organisation-detail-coordinator",
        "organisations:detail",
        detail("organisations:detail", "org_x"),
        "alice",
    ),
    PageCase(
        "organisation-edit-representative",
        "organisations:edit",
        detail("organisations:edit", "org_x"),
        "bob",
    ),
    PageCase(
        "organisation-edit-with-errors",
        "organisations:edit",
        detail("organisations:edit", "org_x"),
        "bob",
        then=submit_main_form_empty,
    ),
    PageCase(
        "organisation-edit-coordinator",
        "organisations:edit",
        detail("organisations:edit", "org_x"),
        "alice",
    ),
    PageCase("service-search", "catalogue:search", lambda f: reverse("catalogue:search")),
    PageCase(
        "service-search-results",
        "catalogue:search",
        lambda f: reverse("catalogue:search") + "?q=vertaistuki&municipality=743",
        setup=catalogue_entries,
    ),
    PageCase(
        "service-detail",
        "catalogue:service_detail",
        detail("catalogue:service_detail", "service"),
        setup=catalogue_entries,
    ),
    PageCase(
        "service-detail-representative",
        "catalogue:service_detail",
        detail("catalogue:service_detail", "service"),
        "bob",
        catalogue_entries,
    ),
    PageCase(
        "services-printable",
        "catalogue:printable",
        lambda f: reverse("catalogue:printable") + "?municipality=743",
        setup=catalogue_entries,
    ),
    PageCase(
        "services-stale",
        "catalogue:stale",
        lambda f: reverse("catalogue:stale"),
        "alice",
        catalogue_entries,
    ),
    PageCase(
        "services-manage",
        "catalogue:manage",
        lambda f: reverse("catalogue:manage"),
        "bob",
        catalogue_entries,
    ),
    PageCase(
        "service-create",
        "catalogue:service_create",
        lambda f: reverse("catalogue:service_create"),
        "bob",
        catalogue_entries,
    ),
    PageCase(
        "service-create-with-errors",
        "catalogue:service_create",
        lambda f: reverse("catalogue:service_create"),
        "bob",
        catalogue_entries,
        then=submit_main_form_empty,
    ),
    PageCase(
        "service-edit",
        "catalogue:service_edit",
        detail("catalogue:service_edit", "service"),
        "bob",
        catalogue_entries,
    ),
    PageCase(
        "service-hide",
        "catalogue:service_hide",
        detail("catalogue:service_hide", "service"),
        "alice",
        catalogue_entries,
    ),
    PageCase(
        "task-list",
        "catalogue:task_list",
        lambda f: reverse("catalogue:task_list"),
        setup=catalogue_entries,
    ),
    PageCase(
        "task-detail",
        "catalogue:task_detail",
        detail("catalogue:task_detail", "task"),
        setup=catalogue_entries,
    ),
    PageCase(
        "task-manage",
        "catalogue:task_manage",
        lambda f: reverse("catalogue:task_manage"),
        "bob",
        catalogue_entries,
    ),
    PageCase(
        "task-create",
        "catalogue:task_create",
        lambda f: reverse("catalogue:task_create"),
        "bob",
        catalogue_entries,
    ),
    PageCase(
        "task-edit",
        "catalogue:task_edit",
        detail("catalogue:task_edit", "task"),
        "bob",
        catalogue_entries,
    ),
    PageCase(
        "task-hide",
        "catalogue:task_hide",
        detail("catalogue:task_hide", "task"),
        "alice",
        catalogue_entries,
    ),
]

# GET page URL names that are deliberately not in PAGES, and why.
EXEMPT_URL_NAMES: dict[str, str] = {
    "accounts:sign_out": "POST-only: signs the user out",
    "accounts:revoke_invitation": "POST-only: withdraws an invitation, then redirects",
    "organisations:verify": "POST-only: marks an organisation verified, then redirects",
    "organisations:set_status": "POST-only: changes an organisation's status, then redirects",
    "organisations:export": "file export (CSV/XLSX), not an HTML page",
    "accounts:audit_log_export": "file export (CSV/XLSX) of the audit log, not an HTML page",
    "catalogue:printable_pdf": "file download (PDF) of the printable list, not an HTML page",
    "hsds_export_json": "file export: the HSDS catalogue as JSON",
    "hsds_export_tabular": "file export: the HSDS catalogue as tabular data (CSV in a zip)",
    "catalogue:service_publish": "POST-only: publishes an activity, then redirects",
    "catalogue:service_archive": "POST-only: archives an activity, then redirects",
    "catalogue:service_confirm": "POST-only: confirms an activity is up to date, then redirects",
    "catalogue:service_unhide": "POST-only: shows a hidden activity again, then redirects",
    "catalogue:task_publish": "POST-only: publishes a volunteer task, then redirects",
    "catalogue:task_archive": "POST-only: archives a volunteer task, then redirects",
    "catalogue:task_unhide": "POST-only: shows a hidden volunteer task again, then redirects",
}


# Results of the axe runs, printed at the end of the session by conftest.py.
AXE_RESULTS: list[tuple[str, str, int]] = []

# Cases that share a data setup run in one test, on one database: a transactional test
# with serialized rollback costs about a second to set up and tear down.
SETUPS: list[Callable[[Fixtures], None]] = list(dict.fromkeys(case.setup for case in PAGES))


def check_page(case: PageCase, fixtures: Fixtures, browser: Browser, site_url: str) -> list[str]:
    """Load the page in each language in its own context and return what is wrong with it.

    Each language gets its own browser context, and so its own renderer process: axe runs
    for both languages at the same time.
    """
    problems: list[str] = []
    loaded: list[tuple[str, str, BrowserContext, Page]] = []
    for language in LANGUAGES:
        context = browser.new_context(base_url=site_url, viewport={"width": 1280, "height": 800})
        if case.persona:
            sign_in_context(context, getattr(fixtures, case.persona), site_url)
        page = context.new_page()
        with translation.override(language):
            url = case.url(fixtures)
        response = page.goto(url)
        if response is None or response.status != case.status:
            status = response.status if response is not None else "no response"
            problems.append(f"{url}: HTTP {status}, expected {case.status}")
            AXE_RESULTS.append((case.id, language, -1))
            context.close()
            continue
        if case.then is not None:
            case.then(page)
        if page.locator("html").get_attribute("lang") != language:
            problems.append(f"{url}: <html lang> is not {language!r}")
        headings = page.locator("h1").count()
        if headings != 1:
            problems.append(f"{url}: {headings} h1 elements, expected exactly one")
        start_axe(page)
        loaded.append((language, url, context, page))
    for language, url, context, page in loaded:
        violations = finish_axe(page)
        AXE_RESULTS.append((case.id, language, len(violations)))
        if violations:
            problems.append(f"{url}: axe found\n{describe_violations(violations)}")
        page.set_viewport_size({"width": NARROW_WIDTH, "height": 640})
        scroll_width = page.evaluate("document.documentElement.scrollWidth")
        if scroll_width > NARROW_WIDTH:
            problems.append(
                f"{url}: scrolls sideways at {NARROW_WIDTH} px (scrollWidth {scroll_width})"
            )
        if language == NARROW_AXE_LANGUAGE:
            start_axe(page)
            narrow = finish_axe(page)
            AXE_RESULTS.append((case.id, f"{language}@{NARROW_WIDTH}", len(narrow)))
            if narrow:
                problems.append(
                    f"{url} at {NARROW_WIDTH} px: axe found\n{describe_violations(narrow)}"
                )
        context.close()
    return [f"[{case.id}] {problem}" for problem in problems]


@pytest.mark.browser
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
@pytest.mark.parametrize("setup", SETUPS, ids=[setup.__name__ for setup in SETUPS])
def test_pages_pass_axe_in_finnish_and_swedish_and_reflow_at_320px(
    setup: Callable[[Fixtures], None],
    browser: Browser,
    site_url: str,
    request: pytest.FixtureRequest,
) -> None:
    fixtures = Fixtures(request)
    setup(fixtures)
    problems: list[str] = []
    for case in PAGES:
        if case.setup is setup:
            problems += check_page(case, fixtures, browser, site_url)
    assert not problems, "\n".join(problems)


def _page_url_names(patterns: list[Any], namespace: str = "") -> set[str]:
    names: set[str] = set()
    for entry in patterns:
        if isinstance(entry, URLResolver):
            inner = f"{namespace}{entry.namespace}:" if entry.namespace else namespace
            names |= _page_url_names(entry.url_patterns, inner)
        elif isinstance(entry, URLPattern) and entry.name:
            names.add(f"{namespace}{entry.name}")
    return names


def i18n_page_url_names() -> set[str]:
    """Name every URL under the language-prefixed patterns, leaving out the admin site."""
    names: set[str] = set()
    for entry in get_resolver().url_patterns:
        if isinstance(entry, URLResolver) and isinstance(entry.pattern, LocalePrefixPattern):
            names |= _page_url_names(entry.url_patterns)
    return {name for name in names if not name.startswith("admin:")}


def test_every_page_url_is_in_the_table() -> None:
    covered = {case.url_name for case in PAGES}
    missing = i18n_page_url_names() - covered - set(EXEMPT_URL_NAMES)
    assert not missing, (
        f"Add these pages to PAGES in {__name__} (or, if not a GET page, to "
        f"EXEMPT_URL_NAMES with the reason): {sorted(missing)}"
    )


def test_page_table_names_only_urls_that_exist() -> None:
    existing = i18n_page_url_names()
    stale = ({case.url_name for case in PAGES} | set(EXEMPT_URL_NAMES)) - existing
    assert not stale, f"Remove these from PAGES or EXEMPT_URL_NAMES: {sorted(stale)}"
