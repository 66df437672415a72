"""Who organises what: the county's coordinators, the organising municipality's liaisons."""

from __future__ import annotations

from datetime import time

from kumppani.meetings import access
from kumppani.meetings.models import SeriesKind
from kumppani.meetings.services.series import series_create
from kumppani.testing.factories import county

from .conftest import SYSTEM, make_meeting, make_series


def test_organisers_are_coordinators_and_the_municipalitys_liaisons(
    db, alice, carol, lauri, dave
) -> None:
    seinajoki = make_series(default_start_time=time(14))
    county_wide = series_create(
        actor=SYSTEM, county=county("16"), kind=SeriesKind.NGO_FORUM, title_fi="Foorumi"
    )
    one_off = make_meeting()

    assert access.may_organise_series(alice, seinajoki)
    assert access.may_organise_series(lauri, seinajoki)
    assert not access.may_organise_series(lauri, county_wide)
    assert not access.may_organise_series(carol, seinajoki)
    assert not access.may_organise_series(dave, seinajoki)
    assert access.may_organise(alice, one_off)
    assert not access.may_organise(lauri, one_off)
    assert not access.may_organise(None, one_off)
