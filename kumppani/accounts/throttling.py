"""Sign-in throttling by address, over every account tried from it.

django-axes locks one account from one address after AXES_FAILURE_LIMIT wrong passwords (so
nobody can lock a user out from elsewhere). Someone guessing passwords for many accounts
from one address is stopped here after SIGN_IN_FAILURES_PER_ADDRESS failures within the
cool-off time. The count comes from axes's own records in the database, so every app server
sees the same number.
"""

from __future__ import annotations

from datetime import timedelta

from axes.models import AccessAttempt
from django.conf import settings
from django.db.models import Sum
from django.utils import timezone


def cooloff() -> timedelta:
    return timedelta(hours=settings.AXES_COOLOFF_TIME)


def address_is_throttled(address: str | None) -> bool:
    """Whether sign-in from the address has failed too often lately, over all accounts."""
    if not address:
        return False
    failures = AccessAttempt.objects.filter(
        ip_address=address, attempt_time__gte=timezone.now() - cooloff()
    ).aggregate(total=Sum("failures_since_start"))["total"]
    return (failures or 0) >= settings.SIGN_IN_FAILURES_PER_ADDRESS
