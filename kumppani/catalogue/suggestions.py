"""Service classes suggested from an activity's own words.

A simple word match, in the reader's language: a class is suggested when a word of its name
and a word of the activity's name, summary or description begin alike (the first five
letters, so that Finnish endings do not hide a match: "liikuntaa" finds "Liikunta").
"""

from __future__ import annotations

import re

from .models import Service, TaxonomyTerm
from .taxonomy_data import PTV_SERVICE_CLASSES

STEM = 5  # letters compared; shorter words are compared whole
MOST = 8  # suggestions shown at most
_WORD = re.compile(r"\w+", re.UNICODE)
# Words of the class names too common to tell anything.
_IGNORED = {
    "ja", "och", "and", "of", "the", "för", "palvelut", "tjänster", "services", "muut",
    "övriga", "other",
}  # fmt: skip


def _stems(text: str) -> set[str]:
    words = (word.casefold() for word in _WORD.findall(text))
    return {word[:STEM] for word in words if len(word) >= 4 and word not in _IGNORED}


def suggested_service_classes(service: Service, language: str) -> list[TaxonomyTerm]:
    """The service classes whose names share most words with the activity's texts."""
    text = " ".join(
        str(getattr(service, f"{field}_{language}", "") or "")
        for field in ("name", "summary", "description")
    )
    words = _stems(text)
    if not words:
        return []
    scored = []
    for term in TaxonomyTerm.objects.filter(taxonomy__code=PTV_SERVICE_CLASSES).order_by("code"):
        name = str(getattr(term, f"name_{language}", "") or term.name)
        score = len(_stems(name) & words)
        if score:
            scored.append((-score, term.code, term))
    scored.sort(key=lambda item: (item[0], item[1]))
    return [term for _score, _code, term in scored[:MOST]]
