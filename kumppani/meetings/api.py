"""The meetings API: open meetings, liaison persons, statements, consultations and the
statutory calendar for everyone; registrations for signed-in users."""

from __future__ import annotations

from ninja import Router

router = Router(tags=["meetings"])
