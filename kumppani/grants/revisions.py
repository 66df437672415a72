"""What changed between two sent versions of an application (`ApplicationRevision`): each
changed part with its label, what it said before and after, and for long texts the changed
words marked up (<del>, <ins>) with everything else escaped."""

from __future__ import annotations

import difflib
import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from typing import Any

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from kumppani.core.languages import format_euros, translated
from kumppani.core.models import Municipality
from kumppani.core.selectors import municipality_name
from kumppani.organisations.models import Organisation

from .models import (
    ApplicationRevision,
    AttachmentKind,
    BudgetCategory,
    IncomeSource,
    Question,
    Theme,
)

# The application's own fields, as the revision's content names them.
FIELD_LABELS = {
    "activity": gettext_lazy("Name of the activity"),
    "description": gettext_lazy("What will be done with the grant"),
    "target_groups": gettext_lazy("Whom the activity is for"),
    "goals_and_measures": gettext_lazy("Goals, and how you will know they were reached"),
    "requested_amount": gettext_lazy("Amount applied for"),
    "language": gettext_lazy("Language of the decision"),
}
LONG_TEXTS = {"description", "target_groups", "goals_and_measures"}
# Split into words and the spaces between them, so the spaces survive the diff.
_WORDS = re.compile(r"(\s+)")


@dataclass(frozen=True)
class Change:
    label: str
    before: str
    after: str
    # For long texts: the newer text with the removed words in <del> and the added in <ins>.
    diff: SafeString | None = None


def word_diff(before: str, after: str) -> SafeString:
    """``after`` with the words taken out of ``before`` in <del> and the new ones in <ins>;
    every piece of text is escaped."""
    old, new = _WORDS.split(before), _WORDS.split(after)
    parts: list[str] = []
    matcher = difflib.SequenceMatcher(a=old, b=new, autojunk=False)
    # Screen readers do not announce <del> and <ins>: say it in hidden words.
    removed = f'<span class="visually-hidden">{escape(_("removed:"))} </span>'
    added = f'<span class="visually-hidden">{escape(_("added:"))} </span>'
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            parts.append(escape("".join(new[j1:j2])))
            continue
        if tag in ("delete", "replace"):
            parts.append(f"<del>{removed}{escape(''.join(old[i1:i2]))}</del>")
        if tag in ("insert", "replace"):
            parts.append(f"<ins>{added}{escape(''.join(new[j1:j2]))}</ins>")
    return mark_safe("".join(parts))


def _amount(value: str) -> str:
    try:
        return format_euros(Decimal(value)) if value else ""
    except InvalidOperation:
        return value


def _lines(rows: Sequence[Sequence[str]], describe: Callable[[Sequence[str]], str]) -> str:
    return "\n".join(describe(row) for row in rows)


def _budget_line(row: Sequence[str]) -> str:
    category, description, amount = row
    label = str(BudgetCategory(category).label) if category in BudgetCategory.values else category
    return f"{label.capitalize()}: {description} {_amount(amount)}".replace("  ", " ")


def _income_line(row: Sequence[str]) -> str:
    source, amount, reference = row
    label = str(IncomeSource(source).label) if source in IncomeSource.values else source
    return " ".join(part for part in (f"{label}:", _amount(amount), reference) if part)


def _municipalities(codes: Sequence[str]) -> str:
    found = {m.code: municipality_name(m) for m in Municipality.objects.filter(code__in=codes)}
    return ", ".join(sorted(found.get(code, code) for code in codes))


def _partners(public_ids: Sequence[str]) -> str:
    names = Organisation.objects.filter(public_id__in=public_ids).values_list("name", flat=True)
    return ", ".join(sorted(str(name) for name in names))


def _text_change(label: str, before: str, after: str, long: bool) -> Change:
    return Change(label, before, after, word_diff(before, after) if long else None)


def revision_changes(older: Mapping[str, Any], newer: Mapping[str, Any]) -> list[Change]:
    """Every part of the application that differs between two revisions' contents, in the
    order of the application form."""
    changes = []
    for name, field_label in FIELD_LABELS.items():
        before, after = str(older.get(name, "")), str(newer.get(name, ""))
        if before == after:
            continue
        if name == "requested_amount":
            before, after = _amount(before), _amount(after)
        elif name == "language":
            names = {"fi": _("Finnish"), "sv": _("Swedish")}
            before, after = names.get(before, before), names.get(after, after)
        changes.append(_text_change(str(field_label), before, after, name in LONG_TEXTS))
    listed: list[tuple[str, str, Callable[[Any], str]]] = [
        ("municipalities", _("Municipalities"), _municipalities),
        ("budget", _("Budget"), lambda rows: _lines(rows, _budget_line)),
        ("income", _("Other funding"), lambda rows: _lines(rows, _income_line)),
        ("partners", _("Partner organisations"), _partners),
    ]
    for name, label, describe in listed:
        if older.get(name, []) != newer.get(name, []):
            changes.append(
                Change(label, describe(older.get(name, [])), describe(newer.get(name, [])))
            )
    old_answers, new_answers = older.get("answers", {}), newer.get("answers", {})
    changed = sorted(
        (
            key
            for key in {*old_answers, *new_answers}
            if old_answers.get(key, "") != new_answers.get(key, "")
        ),
        key=lambda key: int(key) if key.isdigit() else 0,
    )
    if changed:
        questions = Question.objects.in_bulk([int(k) for k in changed if k.isdigit()])
        for key in changed:
            question = questions.get(int(key)) if key.isdigit() else None
            question_label = translated(question, "text").text if question else _("An answer")
            before, after = old_answers.get(key, ""), new_answers.get(key, "")
            changes.append(
                _text_change(
                    str(question_label),
                    before,
                    after,
                    "\n" in before + after or len(before + after) > 80,
                )
            )
    return changes


@dataclass(frozen=True)
class RevisionStep:
    """A sent version and what changed in it since the one before (none for the first)."""

    revision: ApplicationRevision
    changes: list[Change]


def revision_steps(revisions: Sequence[ApplicationRevision]) -> list[RevisionStep]:
    """The revisions in order, each with its changes from the previous one."""
    ordered = sorted(revisions, key=lambda r: r.number)
    return [
        RevisionStep(
            revision, revision_changes(ordered[i - 1].content, revision.content) if i else []
        )
        for i, revision in enumerate(ordered)
    ]


@dataclass(frozen=True)
class ReceiptLine:
    label: str
    text: str
    amount: str = ""


def revision_content(content: Mapping[str, Any]) -> dict[str, Any]:
    """A revision's content in words (in the active language), as a receipt lists it: the
    fields, themes and municipalities, the budget and income lines with their totals, the
    answers by question, the partners, and the attachments by kind."""
    fields = []
    for name, label in FIELD_LABELS.items():
        value = str(content.get(name, ""))
        if name == "requested_amount":
            value = _amount(value)
        elif name == "language":
            value = {"fi": _("Finnish"), "sv": _("Swedish")}.get(value, value)
        fields.append(ReceiptLine(str(label), value))
    themes = dict(Theme.choices)
    budget = [
        ReceiptLine(_category(category), description, _amount(amount))
        for category, description, amount in content.get("budget", [])
    ]
    income = [
        ReceiptLine(_source(source), reference, _amount(amount))
        for source, amount, reference in content.get("income", [])
    ]
    answers = content.get("answers", {})
    keys = sorted(answers, key=lambda key: int(key) if key.isdigit() else 0)
    questions = Question.objects.in_bulk([int(k) for k in keys if k.isdigit()])
    kinds = dict(AttachmentKind.choices)
    return {
        "fields": fields,
        "themes": ", ".join(str(themes.get(t, t)) for t in content.get("themes", [])),
        "municipalities": _municipalities(content.get("municipalities", [])),
        "iban": content.get("iban", ""),
        "bic": content.get("bic", ""),
        "budget": budget,
        "budget_total": _total(content.get("budget", []), 2),
        "income": income,
        "income_total": _total(content.get("income", []), 1),
        "answers": [
            ReceiptLine(_question(questions.get(int(key)) if key.isdigit() else None), answers[key])
            for key in keys
        ],
        "partners": _partners(content.get("partners", [])),
        "attachments": [
            ReceiptLine(str(kinds.get(kind, kind)), _("to be delivered later") if later else name)
            for kind, name, later in content.get("attachments", [])
        ],
    }


def _category(category: str) -> str:
    label = BudgetCategory(category).label if category in BudgetCategory.values else category
    return str(label).capitalize()


def _source(source: str) -> str:
    label = IncomeSource(source).label if source in IncomeSource.values else source
    return str(label).capitalize()


def _question(question: Question | None) -> str:
    return str(translated(question, "text").text) if question else _("An answer")


def _total(rows: Sequence[Sequence[str]], column: int) -> str:
    try:
        return format_euros(sum((Decimal(row[column] or 0) for row in rows), Decimal(0)))
    except InvalidOperation:
        return ""
