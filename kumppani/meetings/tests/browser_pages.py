"""The meetings pages in the browser tests' table."""

from __future__ import annotations

from django.urls import reverse

from kumppani.testing.pages import Fixtures, PageCase

from .test_compliance import last_years_calendar

PAGES: list[PageCase] = []
EXEMPT_URL_NAMES: dict[str, str] = {}


# The statutory calendar: Etelä-Pohjanmaa's last year, public, and as its coordinator
# (with the evidence form).
def compliance_year(f: Fixtures) -> None:
    f.compliance_year = last_years_calendar()


def _compliance_url(f: Fixtures) -> str:
    return reverse("meetings:compliance") + f"?county=16&year={f.compliance_year}"


PAGES += [
    PageCase("meetings-compliance", "meetings:compliance", _compliance_url, None, compliance_year),
    PageCase(
        "meetings-compliance-coordinator",
        "meetings:compliance",
        _compliance_url,
        "alice",
        compliance_year,
    ),
]
EXEMPT_URL_NAMES.update(
    {
        "meetings:compliance_export": "a CSV or Excel download, not a page",
        "meetings:requirements_add": "a POST-only action of the compliance page",
        "meetings:requirement_evidence": "a POST-only action of the compliance page",
    }
)
