"""Helpers the browser tests share: signing a persona in, running axe, reporting."""

from __future__ import annotations

from typing import Any

from axe_playwright_python.sync_playwright import Axe
from django.conf import settings
from django.test import Client
from playwright.sync_api import BrowserContext, Page

from kumppani.accounts.models import User

WCAG_21_AA_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
AXE_OPTIONS = {"runOnly": {"type": "tag", "values": WCAG_21_AA_TAGS}, "resultTypes": ["violations"]}

_axe = Axe()


def sign_in_context(context: BrowserContext, user: User, site_url: str) -> None:
    """Give the browser context a session for the user, as if they had signed in."""
    client = Client()
    client.force_login(user)
    session_id = client.cookies[settings.SESSION_COOKIE_NAME].value
    context.add_cookies(
        [{"name": settings.SESSION_COOKIE_NAME, "value": session_id, "url": site_url}]
    )


def axe_violations(page: Page) -> list[dict[str, Any]]:
    """Run axe-core with the WCAG 2.1 A and AA rules on the page; return the violations."""
    results = _axe.run(page, options=AXE_OPTIONS)
    return list(results.response["violations"])


def start_axe(page: Page) -> None:
    """Inject axe-core and start it without waiting, so several pages can run at once."""
    if not page.evaluate("typeof window.axe !== 'undefined'"):
        page.evaluate(_axe.axe_script)
    page.evaluate("options => { window.__axeRun = axe.run(document, options); }", AXE_OPTIONS)


def finish_axe(page: Page) -> list[dict[str, Any]]:
    """Wait for the run `start_axe` began and return its violations."""
    return list(page.evaluate("window.__axeRun.then(results => results.violations)"))


def describe_violations(violations: list[dict[str, Any]]) -> str:
    """Format violations for a failure message: rule id, help and each offending node."""
    lines = []
    for violation in violations:
        lines.append(f"- {violation['id']} ({violation['impact']}): {violation['help']}")
        lines.append(f"  {violation['helpUrl']}")
        for node in violation["nodes"]:
            target = " ".join(str(part) for part in node["target"])
            lines.append(f"    at {target}: {node.get('failureSummary', '').splitlines()[-1:]}")
            lines.append(f"      {node['html'][:200]}")
    return "\n".join(lines)


def submit_get_form(
    page: Page, values: dict[str, str], form: str = "main form[method=get]"
) -> None:
    """Fill fields of a GET form by name and submit it with its button, as a person would.

    Works in a context without JavaScript: the browser itself submits the form and loads the
    result page, so the page must not depend on htmx to filter.
    """
    form_locator = page.locator(form).first
    for name, value in values.items():
        field = form_locator.locator(f"[name={name!r}]")
        if field.evaluate("element => element.tagName") == "SELECT":
            field.select_option(value)
        else:
            field.fill(value)
    with page.expect_navigation():
        form_locator.locator(
            "button[type=submit], button:not([type]), input[type=submit]"
        ).first.click()
