"""What the public may see of an activity's or a volunteer task's contact person.

The rule (docs/decisions/0010-contact-by-role.md): the role ("toiminnanohjaaja") and the
generic channels (the activity's website, the organisation's email, phone and website) are
always public; the person's name, email and phone only once their consent to be shown is
recorded. Public pages, the printable list and its PDF, the /api/v1 and HSDS APIs and the
exports all ask `public_contact`; only the editor shows the person to those who edit.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from kumppani.core.languages import Translated, translated

if TYPE_CHECKING:
    from .models import Service, VolunteerTask


@dataclass(frozen=True)
class PublicContact:
    """The contact details of an entry that may be shown to anyone."""

    title: Translated
    name: str = ""
    email: str = ""
    phone: str = ""
    website: str = ""
    organisation_email: str = ""
    organisation_phone: str = ""
    organisation_website: str = ""

    @property
    def shows_person(self) -> bool:
        """Whether any of the person's own details are shown (their consent is recorded)."""
        return bool(self.name or self.email or self.phone)

    @property
    def is_reachable(self) -> bool:
        """Whether a resident has a channel to get in touch through."""
        return any(
            (
                self.email,
                self.phone,
                self.website,
                self.organisation_email,
                self.organisation_phone,
                self.organisation_website,
            )
        )

    @property
    def line(self) -> str:
        """Role, name and channels on one line, as the printed list shows them."""
        parts = [self.title.text, self.name, self.phone, self.email, self.website]
        if not (self.phone or self.email or self.website):
            parts += [self.organisation_phone, self.organisation_email, self.organisation_website]
        return " ".join(part for part in parts if part)


def public_contact(entry: Service | VolunteerTask, language: str | None = None) -> PublicContact:
    """The entry's contact as the public may see it, the role in the reader's language."""
    organisation = entry.organisation
    consented = entry.contact_consent_at is not None
    return PublicContact(
        title=translated(entry, "contact_title", language),
        name=entry.contact_name if consented else "",
        email=entry.contact_email if consented else "",
        phone=entry.contact_phone if consented else "",
        website=getattr(entry, "website", ""),
        organisation_email=organisation.email,
        organisation_phone=organisation.phone,
        organisation_website=organisation.website,
    )
