"""Form widgets shared by every app."""

from typing import Any

from django import forms


class NativeDateInput(forms.DateInput):
    """`<input type="date">`: the browser's date picker needs ISO dates whatever the locale."""

    input_type = "date"

    def __init__(self, attrs: dict[str, Any] | None = None) -> None:
        super().__init__(attrs, format="%Y-%m-%d")


class NativeTimeInput(forms.TimeInput):
    """`<input type="time">` with the 24-hour HH:MM value browsers expect."""

    input_type = "time"

    def __init__(self, attrs: dict[str, Any] | None = None) -> None:
        super().__init__(attrs, format="%H:%M")
