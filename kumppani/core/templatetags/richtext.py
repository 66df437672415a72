"""``{{ memo.body|markdown }}``: Markdown as cleaned HTML (see `core.richtext`)."""

from django import template
from django.utils.safestring import SafeString

from kumppani.core.richtext import markdown_to_html

register = template.Library()


@register.filter
def markdown(text: str) -> SafeString:
    return markdown_to_html(str(text or ""))
