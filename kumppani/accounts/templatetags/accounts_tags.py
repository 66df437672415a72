"""Template helpers of the accounts pages."""

from datetime import timedelta

from django import template

register = template.Library()


@register.filter
def minutes(value: timedelta | None) -> int:
    """Whole minutes of a duration, for "try again in N minutes"."""
    if not value:
        return 0
    return max(1, round(value.total_seconds() / 60))
