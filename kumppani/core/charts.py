"""Charts: a Vega-Lite specification drawn as SVG on the server, always beside a table of
the same figures.

The SVG is decoration for sighted readers: it is hidden from assistive technology
(``aria-hidden``) and carries no scripts or inline styles, so the Content-Security-Policy
(``style-src 'self'``) holds. The table is what a screen reader, a keyboard user and a
reader without images get; `includes/chart.html` renders both inside one ``<figure>``::

    chart = charts.bar_chart(
        "notices-by-theme",
        caption=_("Estimated amounts by theme"),
        category_label=_("Theme"),
        value_label=_("Estimated amount (€)"),
        rows=[(label, amount) for label, amount in ...],
        euros=True,
    )
    {% include "includes/chart.html" with chart=chart %}
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

import vl_convert
from django.utils.functional import Promise
from django.utils.safestring import SafeString, mark_safe

from .languages import current_language, format_euros, format_number

Number = int | float | Decimal

# d3-format locales that write numbers as each language does (1 200 000 in fi and sv).
FORMAT_LOCALES: dict[str, Any] = {"fi": "fi-FI", "sv": "sv-SE", "en": "en-GB"}
# Bars in the site's blue and, for series, colours told apart by people with the common
# colour-vision deficiencies, each with 3:1 contrast on white.
COLOURS = ["#00577d", "#c05000", "#4b7d00", "#8b3a8f", "#5c5c5c", "#a4004f"]
BAR_HEIGHT = 22
WIDTH = 360


@dataclass(frozen=True)
class Chart:
    """A drawn chart and its table: ``headers`` above the columns, ``rows`` each a category
    label followed by its values already formatted for the reader's language."""

    id: str
    caption: str
    svg: SafeString
    headers: list[str]
    rows: list[list[str]] = field(default_factory=list)

    @property
    def is_empty(self) -> bool:
        return not self.rows


def render_svg(spec: dict[str, Any], *, language: str | None = None) -> SafeString:
    """Draw a Vega-Lite spec as SVG, numbers in the language's way, hidden from assistive
    technology (the table beside it carries the figures). Data must be inline: nothing is
    fetched."""
    language = language or current_language()
    svg = vl_convert.vegalite_to_svg(
        vl_spec={**spec, "config": {**spec.get("config", {}), "aria": False}},
        format_locale=FORMAT_LOCALES.get(language, "en-GB"),
        allowed_base_urls=[],
    )
    svg = re.sub(r"^<svg ", '<svg aria-hidden="true" focusable="false" ', svg.strip(), count=1)
    return mark_safe(svg)


def bar_chart(
    id: str,
    *,
    caption: str | Promise,
    category_label: str | Promise,
    value_label: str | Promise,
    rows: Sequence[tuple[str, Number]] | Sequence[tuple[str, str, Number]],
    series_labels: Sequence[str] | None = None,
    euros: bool = False,
    language: str | None = None,
) -> Chart:
    """A horizontal bar chart of ``rows``: (category, value), or (category, series, value)
    for bars side by side (``series_labels`` orders the series and heads the table's
    columns). Categories keep the order given."""
    language = language or current_language()
    categories: list[str] = []
    values: dict[tuple[str, str], Number] = {}
    series: list[str] = list(series_labels or [])
    for row in rows:
        category, name, value = (row[0], "", row[1]) if len(row) == 2 else row
        if category not in categories:
            categories.append(category)
        if name and name not in series:
            series.append(name)
        values[(category, name)] = value
    columns = series or [""]

    def shown(value: Number | None) -> str:
        if value is None:
            return "–"
        return format_euros(value) if euros else format_number(value)

    table = [
        [category, *(shown(values.get((category, s))) for s in columns)] for category in categories
    ]
    headers = [str(category_label), *(columns if series else [str(value_label)])]
    data = [
        {"category": category, "series": name, "value": float(value)}
        for (category, name), value in values.items()
    ]
    bars = len(categories) * max(1, len(series))
    encoding: dict[str, Any] = {
        "y": {
            "field": "category",
            "type": "nominal",
            "sort": categories,
            "title": None,
            "axis": {"labelLimit": 160},
        },
        "x": {
            "field": "value",
            "type": "quantitative",
            "title": str(value_label),
            "axis": {"format": ",.0f", "tickCount": 4},
        },
        "color": {"value": COLOURS[0]},
    }
    if series:
        encoding["yOffset"] = {"field": "series", "sort": series}
        encoding["color"] = {
            "field": "series",
            "type": "nominal",
            "sort": series,
            "title": None,
            "scale": {"domain": series, "range": COLOURS[: len(series)]},
            "legend": {"orient": "bottom", "direction": "vertical"},
        }
    spec = {
        "$schema": "https://vega.github.io/schema/vega-lite/v5.json",
        "width": WIDTH - 180,
        "height": max(BAR_HEIGHT, bars * BAR_HEIGHT),
        "background": "white",
        "data": {"values": data},
        "mark": {"type": "bar"},
        "encoding": encoding,
        "config": {"font": "sans-serif", "axis": {"labelFontSize": 12, "titleFontSize": 12}},
    }
    svg = render_svg(spec, language=language) if data else mark_safe("")
    return Chart(id=id, caption=str(caption), svg=svg, headers=headers, rows=table)
