"""Text that people write in Markdown (memos, later others), rendered to HTML that is safe
to put on a page: the parser writes no raw HTML, and nh3 then keeps only a small set of
tags and attributes and links to http, https and mailto addresses."""

from __future__ import annotations

import nh3
from django.utils.safestring import SafeString, mark_safe
from markdown_it import MarkdownIt

TAGS = {
    "p", "br", "hr", "strong", "em", "code", "pre", "blockquote",
    "ul", "ol", "li", "h2", "h3", "h4", "h5", "h6", "a",
}  # fmt: skip
ATTRIBUTES = {"a": {"href", "title"}, "ol": {"start"}}
URL_SCHEMES = {"http", "https", "mailto"}


def _parser() -> MarkdownIt:
    # CommonMark with HTML off: raw tags in the text come out as text. Images are not
    # rendered (nh3 drops them): a memo shows no third-party content.
    return MarkdownIt("commonmark", {"html": False, "linkify": False})


def markdown_to_html(text: str) -> SafeString:
    """The text as cleaned HTML. A heading of level 1 becomes level 2: the page has its own."""
    rendered = _parser().render(text or "")
    rendered = rendered.replace("<h1>", "<h2>").replace("</h1>", "</h2>")
    cleaned = nh3.clean(
        rendered,
        tags=TAGS,
        attributes=ATTRIBUTES,
        url_schemes=URL_SCHEMES,
        link_rel="noopener noreferrer nofollow",
        strip_comments=True,
    )
    return mark_safe(cleaned)
