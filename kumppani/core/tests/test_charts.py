"""Charts are SVG drawn on the server, hidden from assistive technology, with the same
figures in a table written in the reader's language."""

from __future__ import annotations

from decimal import Decimal

from django.template.loader import render_to_string
from django.utils import translation

from kumppani.core import charts

ROWS: list[tuple[str, int | float | Decimal]] = [
    ("Mielenterveys", Decimal("1200000.5")),
    ("Päihteet", 300),
]


def _chart(**options: object) -> charts.Chart:
    return charts.bar_chart(
        "test-chart",
        caption="Summat teemoittain",
        category_label="Teema",
        value_label="Euroa",
        rows=ROWS,
        **options,  # type: ignore[arg-type]
    )


def test_a_bar_chart_is_an_svg_hidden_from_screen_readers_without_inline_code() -> None:
    chart = _chart()
    assert chart.svg.startswith('<svg aria-hidden="true" focusable="false" ')
    # The Content-Security-Policy allows no inline styles or scripts.
    assert "style=" not in chart.svg
    assert "<style" not in chart.svg
    assert "<script" not in chart.svg
    assert "Mielenterveys" in chart.svg


def test_the_table_has_the_figures_in_the_readers_language() -> None:
    with translation.override("fi"):
        finnish = _chart(euros=True)
    with translation.override("sv"):
        swedish = _chart(euros=False)
    assert finnish.headers == ["Teema", "Euroa"]
    assert finnish.rows[0] == ["Mielenterveys", "1\xa0200\xa0000,50\xa0€"]
    assert swedish.rows[1] == ["Päihteet", "300"]


def test_axis_numbers_are_written_with_the_languages_separators() -> None:
    with translation.override("fi"):
        chart = _chart()
    assert "500\xa0000" in chart.svg


def test_series_become_columns_of_the_table() -> None:
    chart = charts.bar_chart(
        "series",
        caption="c",
        category_label="Hakemus",
        value_label="Euroa",
        rows=[("A", "Haettu", 10), ("A", "Kertymä", 10), ("B", "Haettu", 5), ("B", "Kertymä", 15)],
        series_labels=["Haettu", "Kertymä"],
    )
    assert chart.headers == ["Hakemus", "Haettu", "Kertymä"]
    assert chart.rows == [["A", "10", "10"], ["B", "5", "15"]]


def test_the_include_renders_a_figure_with_a_caption_and_a_real_table() -> None:
    with translation.override("fi"):
        html = render_to_string("includes/chart.html", {"chart": _chart()})
    assert '<figure class="chart" aria-labelledby="test-chart-caption">' in html
    assert '<th scope="row">Mielenterveys</th>' in html
    assert "<caption" in html


def test_an_empty_chart_draws_nothing_and_says_so() -> None:
    chart = charts.bar_chart("empty", caption="c", category_label="a", value_label="b", rows=[])
    assert chart.is_empty
    with translation.override("fi"):
        html = render_to_string("includes/chart.html", {"chart": chart})
    assert "<svg" not in html
    assert "<table" not in html
