"""Problems found in an HSDS file, each naming the file, the record and the field."""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.translation import gettext as _

# Values quoted back in a message are cut to this many characters.
QUOTE_LENGTH = 60


@dataclass(frozen=True)
class Problem:
    """One thing wrong with a file: where (file, record, field) and what."""

    file: str
    record: str = ""
    field: str = ""
    message: str = ""

    def __str__(self) -> str:
        where = {"file": self.file, "record": self.record, "field": self.field}
        if self.record and self.field:
            text = _("%(file)s: %(record)s: %(field)s: %(problem)s")
        elif self.record:
            text = _("%(file)s: %(record)s: %(problem)s")
        else:
            text = _("%(file)s: %(problem)s")
        return text % {**where, "problem": self.message}


class HsdsFileError(Exception):
    """The file cannot be imported; `problems` name file, record and field of each."""

    def __init__(self, problems: list[Problem]) -> None:
        super().__init__("\n".join(str(problem) for problem in problems))
        self.problems = problems


def quoted(value: object) -> str:
    """A value for a message, cut short: a file's contents are not echoed at length."""
    text = repr(value)
    return text if len(text) <= QUOTE_LENGTH else f"{text[: QUOTE_LENGTH - 1]}…"


def record_label(index: str, item: object) -> str:
    """How messages name a record of a JSON file: its position and, when it has one, id."""
    record_id = item.get("id") if isinstance(item, dict) else None
    if isinstance(record_id, str) and record_id:
        return _("record %(index)s (id %(id)s)") % {"index": index, "id": record_id[:60]}
    return _("record %(index)s") % {"index": index}


def line_label(line: int, record_id: object) -> str:
    """How messages name a row of a CSV table."""
    if isinstance(record_id, str) and record_id:
        return _("line %(line)s (id %(id)s)") % {"line": line, "id": record_id[:60]}
    return _("line %(line)s") % {"line": line}
