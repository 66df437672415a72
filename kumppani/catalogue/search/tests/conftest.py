"""Fixtures of the search tests: services built with the catalogue factories, then indexed."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, cast

import pytest

from kumppani.catalogue.models import Service, ServiceLanguage, TaxonomyTerm
from kumppani.catalogue.search.index import index_services
from kumppani.catalogue.tests.factories import ServiceFactory


@pytest.fixture
def make_service(db: None) -> Callable[..., Service]:
    """Create a published service and index it; keyword arguments go to ServiceFactory.

    Extra keywords: ``languages`` (codes) and ``terms`` (taxonomy term codes).
    """

    def make(
        *,
        languages: tuple[str, ...] = ("fi",),
        terms: tuple[str, ...] = (),
        index: bool = True,
        **kwargs: Any,
    ) -> Service:
        service = cast(Service, ServiceFactory(**kwargs))
        for code in languages:
            ServiceLanguage.objects.create(service=service, code=code)
        if terms:
            service.terms.set(TaxonomyTerm.objects.filter(code__in=terms))
        if index:
            index_services([service.pk])
        return service

    return make


def term(taxonomy: str, code: str | None = None) -> TaxonomyTerm:
    qs = TaxonomyTerm.objects.filter(taxonomy__code=taxonomy)
    if code:
        qs = qs.filter(code=code)
    found = qs.order_by("code").first()
    assert found is not None, f"no term in {taxonomy}"
    return found
