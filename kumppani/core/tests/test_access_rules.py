"""Deny by default: every URL and every API operation must declare who may call it."""

from collections.abc import Iterator

from django.urls import URLPattern, URLResolver, get_resolver
from ninja import NinjaAPI

from kumppani.api import api
from kumppani.catalogue.hsds.api import hsds_api
from kumppani.core.access import declared_rule, declared_rule_for_url

NINJA_APIS: list[NinjaAPI] = [api, hsds_api]


def url_patterns(
    patterns: list[URLPattern | URLResolver], prefix: str = "", namespaces: tuple[str, ...] = ()
) -> Iterator[tuple[str, URLPattern, list[str]]]:
    for pattern in patterns:
        if isinstance(pattern, URLResolver):
            namespace = (pattern.namespace,) if pattern.namespace else ()
            yield from url_patterns(
                pattern.url_patterns, prefix + str(pattern.pattern), namespaces + namespace
            )
        else:
            yield prefix + str(pattern.pattern), pattern, list(namespaces)


def api_operations() -> Iterator[tuple[str, object]]:
    for ninja_api in NINJA_APIS:
        for prefix, router in ninja_api._routers:
            for path, path_view in router.path_operations.items():
                for operation in path_view.operations:
                    methods = ",".join(operation.methods)
                    yield (
                        f"{ninja_api.urls_namespace} {methods} {prefix}{path}",
                        operation.view_func,
                    )


def test_every_url_pattern_declares_an_access_rule() -> None:
    ninja_namespaces = {ninja_api.urls_namespace for ninja_api in NINJA_APIS}
    missing = []
    checked = 0
    for route, pattern, namespaces in url_patterns(get_resolver().url_patterns):
        if ninja_namespaces & set(namespaces) and pattern.name not in {
            "openapi-json",
            "openapi-view",
            "api-root",
        }:
            continue  # API operations are checked one by one below
        checked += 1
        if not declared_rule_for_url(pattern.callback, name=pattern.name, namespaces=namespaces):
            missing.append(route)
    assert checked > 20, "the URL walk found too few patterns to be meaningful"
    assert not missing, f"URL patterns without an access rule: {missing}"


def test_every_api_operation_declares_an_access_rule() -> None:
    operations = list(api_operations())
    missing = [name for name, view_func in operations if not declared_rule(view_func)]
    assert not missing, f"API operations without an access rule: {missing}"


def test_an_undeclared_view_is_reported() -> None:
    def undeclared_view(request: object) -> None: ...

    assert declared_rule(undeclared_view) is None
    assert declared_rule_for_url(undeclared_view, name="x", namespaces=[]) is None
