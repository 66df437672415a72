import re
from datetime import datetime
from zoneinfo import ZoneInfo

import pytest
from django.urls import reverse
from django.utils import timezone, translation

from kumppani.catalogue.models import (
    PublicationStatus,
    Schedule,
    Service,
    TaxonomyTerm,
)
from kumppani.core.models import AuditEvent
from kumppani.testing.factories import OrganisationFactory, municipality
from kumppani.testing.urls import reverse_en, url_in

from .factories import ServiceFactory, VolunteerTaskFactory, stale, weekly_from_tomorrow

HELSINKI = ZoneInfo("Europe/Helsinki")


# The least an activity needs to be saved, besides its organisation.
A_CLUB = {"name_fi": "Kerho", "is_free": "on", "how_to_join": "drop_in"}


def _swedish_kafe(organisation, **fields) -> Service:
    """An activity with its name and summary in Swedish too."""
    return ServiceFactory.create(
        organisation=organisation,
        name_sv="Närståendevårdarnas kafé",
        summary_sv="Vi träffas varje vecka.",
        **fields,
    )


@pytest.fixture
def create_as_bob(client, bob, org_x):
    """Post the form for a new activity of org_x, in English, signed in as bob."""
    client.force_login(bob)
    url = reverse_en("catalogue:service_create")
    return lambda data: client.post(url, {"organisation": org_x.pk, **data})


# --- service page ------------------------------------------------------------------------


def test_detail_falls_back_to_finnish_and_says_so(client, org_x):
    service = ServiceFactory.create(
        organisation=org_x, name_fi="Omaishoitajien kahvila", name_sv=""
    )
    html = client.get(url_in("en", "catalogue:service_detail", service.public_id)).content.decode()
    assert '<h1 lang="fi">Omaishoitajien kahvila</h1>' in html
    assert "This text is in Finnish." in html


def test_detail_in_the_readers_language_has_no_note(client, org_x):
    service = _swedish_kafe(org_x, name_fi="Omaishoitajien kahvila")
    html = client.get(url_in("sv", "catalogue:service_detail", service.public_id)).content.decode()
    assert "<h1>Närståendevårdarnas kafé</h1>" in html
    assert "fallback-note" not in html


def test_a_fallback_note_stands_where_the_text_fell_back(client, org_x):
    service = _swedish_kafe(
        org_x, description_fi="Kahvila kokoontuu torstaisin.", description_sv=""
    )
    html = client.get(url_in("sv", "catalogue:service_detail", service.public_id)).content.decode()
    heading, description = html.split('id="description-heading"', 1)
    assert "fallback-note" not in heading
    assert "fallback-note" in description.split("</section>", 1)[0]


def test_detail_shows_place_map_link_times_and_stale_flag(client, org_x):
    service = stale(ServiceFactory.create(organisation=org_x, step_free_access=True))
    weekly_from_tomorrow(
        service,
        address="Kalevankatu 5",
        postal_code="60100",
        city="Seinäjoki",
        latitude="62.790300",
        longitude="22.840300",
    )
    with translation.override("en"):
        html = client.get(
            reverse("catalogue:service_detail", args=[service.public_id])
        ).content.decode()
    assert "Kalevankatu 5" in html
    assert "https://www.openstreetmap.org/?mlat=62.790300&amp;mlon=22.840300" in html
    assert html.count("<time ") == 5
    assert "The information may be out of date" in html
    assert "Step-free access" in html


# --- printable list ----------------------------------------------------------------------


def test_printable_lists_chosen_visible_services_in_order(client, org_x):
    first = ServiceFactory.create(
        organisation=org_x,
        name_fi="Bbb ryhmä",
        contact_phone="040 123 4567",
        contact_consent_at=timezone.now(),  # the person agreed to be shown
    )
    second = ServiceFactory.create(organisation=org_x, name_fi="Aaa kerho")
    draft = ServiceFactory.create(
        organisation=org_x, name_fi="Luonnos", status=PublicationStatus.DRAFT
    )
    ids = ",".join(str(s.public_id) for s in (first, second, draft)) + ",not-a-uuid"

    response = client.get(reverse("catalogue:printable"), {"ids": ids})

    html = response.content.decode()
    assert response.status_code == 200
    assert html.index("Bbb ryhmä") < html.index("Aaa kerho")
    assert "040 123 4567" in html and str(org_x) in html
    assert "Luonnos" not in html


def test_printable_takes_a_search_query_string(client, org_x):
    from kumppani.catalogue.search.index import index_service

    index_service(ServiceFactory.create(organisation=org_x, name_fi="Muistikahvila"))
    index_service(
        ServiceFactory.create(
            organisation=org_x, name_fi="Muistikahvila Vaasa", municipalities=["905"]
        )
    )
    index_service(ServiceFactory.create(organisation=org_x, name_fi="Kuntosaliryhmä"))
    html = client.get(
        reverse("catalogue:printable"), {"q": "kahvila", "municipality": "743"}
    ).content.decode()
    assert "Muistikahvila" in html
    assert "Kuntosaliryhmä" not in html and "Muistikahvila Vaasa" not in html


def test_printable_query_count_does_not_grow_with_services(
    client, org_x, django_assert_max_num_queries
):
    services = [ServiceFactory.create(organisation=org_x) for _ in range(8)]
    ids = ",".join(str(s.public_id) for s in services)
    with django_assert_max_num_queries(12):
        client.get(reverse("catalogue:printable"), {"ids": ids})


# --- stale list --------------------------------------------------------------------------


def test_stale_list_shows_the_coordinators_county_only(client, alice, org_x, org_y):
    old_here = stale(ServiceFactory.create(organisation=org_x, name_fi="Vanha Seinäjoella"))
    stale(
        ServiceFactory.create(organisation=org_y, name_fi="Vanha Vaasassa", municipalities=["905"])
    )
    ServiceFactory.create(organisation=org_x, name_fi="Tuore Seinäjoella")
    client.force_login(alice)

    html = client.get(reverse("catalogue:stale")).content.decode()

    assert str(old_here.public_id) in html
    assert "Vanha Vaasassa" not in html and "Tuore Seinäjoella" not in html


def test_stale_list_exports_csv_and_audits_it(client, alice, org_x):
    old = stale(ServiceFactory.create(organisation=org_x, name_fi="Vanha kerho"))
    client.force_login(alice)

    with translation.override("fi"):
        response = client.get(reverse("catalogue:stale"), {"format": "csv"})

    assert response["Content-Type"].startswith("text/csv")
    body = response.getvalue().decode("utf-8-sig")  # streamed
    assert "Vanha kerho" in body and "Seinäjoen Omaishoitajat ry" in body
    assert f"/fi/services/{old.public_id}/" in body
    assert AuditEvent.objects.filter(action="catalogue.stale_list.export").count() == 1


def test_stale_list_query_count(client, alice, django_assert_max_num_queries):
    for _ in range(10):
        stale(ServiceFactory.create(organisation=OrganisationFactory.create()))
    client.force_login(alice)
    with django_assert_max_num_queries(14):
        response = client.get(reverse("catalogue:stale"))
    assert response.content.decode().count("<tr>") == 11


# --- manage and editing ------------------------------------------------------------------


def test_manage_lists_only_the_representatives_services(
    client, bob, org_x, org_y, django_assert_max_num_queries
):
    for n in range(6):
        ServiceFactory.create(
            organisation=org_x, name_fi=f"Oma {n}", status=PublicationStatus.DRAFT
        )
    ServiceFactory.create(organisation=org_y, name_fi="Vieras")
    client.force_login(bob)
    with django_assert_max_num_queries(14):
        html = client.get(reverse("catalogue:manage")).content.decode()
    assert html.count("Oma ") == 6 and "Vieras" not in html


def test_representative_creates_a_service_with_place_and_weekly_time(create_as_bob):
    peer = TaxonomyTerm.objects.get(taxonomy__code="activity-types", code="peer-support")
    response = create_as_bob(
        {
            "name_fi": "Omaishoitajien vertaisryhmä",
            "summary_fi": "Vertaistukea omaishoitajille.",
            "activity_types": [peer.pk],
            "municipalities": ["743"],
            "languages": ["fi"],
            "is_free": "on",
            "how_to_join": "drop_in",
            "step_free_access": "on",
            "address": "Kauppakatu 1",
            "postal_code": "60100",
            "city": "Seinäjoki",
            "municipality": municipality("743").pk,
            "start_date": "2026-12-03",
            "start_time": "18:00",
            "end_time": "19:30",
            "repeat": "weekly",
            "skip_public_holidays": "on",
        },
    )
    assert response.status_code == 302, response.content.decode()[:3000]
    service = Service.objects.get()
    assert service.status == PublicationStatus.DRAFT and service.step_free_access
    assert list(service.terms.all()) == [peer]
    schedule = service.schedules.get()
    assert schedule.rrule == "FREQ=WEEKLY;BYDAY=TH"
    assert timezone.localtime(schedule.starts_at) == datetime(2026, 12, 3, 18, 0, tzinfo=HELSINKI)
    assert schedule.location == service.service_locations.get().location


def test_create_form_errors_are_plain_sentences(create_as_bob):
    response = create_as_bob(
        {"how_to_join": "drop_in", "postal_code": "601", "start_date": "2026-12-03"}
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert "Give the name of the activity in at least one language." in html
    assert "A postal code has five digits" in html
    assert "Give the time the activity starts." in html
    assert "Tell what taking part costs" in html
    assert not Service.objects.exists()


def test_editor_errors_are_summarised_once_on_top_with_links_to_the_fields(create_as_bob):
    html = create_as_bob({"is_free": "on"}).content.decode()
    assert html.count("data-error-summary") == 1
    summary = html[html.index("data-error-summary") : html.index('id="section-texts"')]
    assert '<a href="#id_name_fi">' in summary
    # A group of radio buttons is linked by its first button.
    assert '<a href="#id_how_to_join_0">How to join: Choose how people join the activity.</a>' in (
        summary
    )


def test_a_service_error_of_a_schedule_value_shows_at_its_field(create_as_bob):
    """The service checks what the form cannot; its errors land on the editor's fields."""
    schedule = {"start_date": "2026-12-03", "start_time": "18:00", "repeat": "weekly"}
    html = create_as_bob({**A_CLUB, **schedule, "until": "2026-11-01"}).content.decode()
    assert '<a href="#id_until">Repeats until: The last date cannot be before the first time.' in (
        html
    )
    assert not Service.objects.exists()


def test_whole_counties_are_chosen_by_code(client, create_as_bob):
    response = create_as_bob({**A_CLUB, "counties": ["16"], "municipalities": ["499"]})
    assert response.status_code == 302
    service = Service.objects.get()
    assert [c.code for c in service.counties.all()] == ["16"]
    assert [m.code for m in service.municipalities.all()] == ["499"]
    html = client.get(reverse("catalogue:service_edit", args=[service.public_id])).content.decode()
    assert re.search(r'name="counties" value="16"[^>]* checked', html)
    assert 'value="499" data-names="Mustasaari Korsholm" selected' in html


def test_edit_page_round_trips_the_schedule(client, bob, org_x):
    service = ServiceFactory.create(organisation=org_x)
    Schedule.objects.create(
        service=service,
        starts_at=datetime(2026, 12, 8, 17, 0, tzinfo=HELSINKI),
        rrule="FREQ=MONTHLY;BYDAY=+2TU",
    )
    client.force_login(bob)
    html = client.get(reverse("catalogue:service_edit", args=[service.public_id])).content.decode()
    assert 'value="monthly_weekday" selected' in html
    assert 'value="2026-12-08"' in html


def test_publish_button_publishes(client, bob, org_x):
    service = ServiceFactory.create(organisation=org_x, status=PublicationStatus.DRAFT)
    client.force_login(bob)
    client.post(reverse("catalogue:service_publish", args=[service.public_id]))
    service.refresh_from_db()
    assert service.status == PublicationStatus.PUBLISHED


def test_confirm_button_refreshes_the_date(client, bob, org_x):
    service = stale(ServiceFactory.create(organisation=org_x))
    client.force_login(bob)
    client.post(reverse("catalogue:service_confirm", args=[service.public_id]))
    service.refresh_from_db()
    assert not service.is_stale


def test_get_on_a_transition_is_refused(client, bob, org_x):
    service = ServiceFactory.create(organisation=org_x, status=PublicationStatus.DRAFT)
    client.force_login(bob)
    response = client.get(reverse("catalogue:service_publish", args=[service.public_id]))
    assert response.status_code == 405


# --- volunteer tasks ---------------------------------------------------------------------


def test_task_list_filters_by_municipality_remote_and_text(client, org_x, org_y):
    from kumppani.catalogue.search.index import index_volunteer_task

    for task in (
        VolunteerTaskFactory.create(organisation=org_x, title_fi="Kahvinkeittäjä Seinäjoelle"),
        VolunteerTaskFactory.create(
            organisation=org_y, title_fi="Läksyhelppi Vaasaan", municipality=municipality("905")
        ),
        VolunteerTaskFactory.create(
            organisation=org_y, title_fi="Etäystävä", municipality=None, is_remote=True
        ),
    ):
        index_volunteer_task(task)
    VolunteerTaskFactory.create(
        organisation=org_x, title_fi="Luonnos", status=PublicationStatus.DRAFT
    )
    url = reverse("catalogue:task_list")
    seinajoki = municipality("743").pk

    html = client.get(url, {"municipality": seinajoki}).content.decode()
    assert "Kahvinkeittäjä" in html and "Etäystävä" in html and "Läksyhelppi" not in html
    assert "Luonnos" not in html
    html = client.get(url, {"remote": "on"}).content.decode()
    assert "Etäystävä" in html and "Kahvinkeittäjä" not in html
    html = client.get(url, {"q": "läksyhelppi"}).content.decode()
    assert "Läksyhelppi" in html and "Etäystävä" not in html


def test_task_list_query_count(client, db, django_assert_max_num_queries):
    for _ in range(12):
        VolunteerTaskFactory.create(organisation=OrganisationFactory.create())
    with django_assert_max_num_queries(8):
        response = client.get(reverse("catalogue:task_list"))
    assert response.content.decode().count('class="meta"') == 12


def test_task_list_answers_htmx_with_the_results_only(client, org_x):
    VolunteerTaskFactory.create(organisation=org_x, title_fi="Kahvinkeittäjä")
    html = client.get(reverse("catalogue:task_list"), HTTP_HX_REQUEST="true").content.decode()
    assert "Kahvinkeittäjä" in html and "<html" not in html


def test_task_list_gives_htmx_history_restores_the_whole_page(client, org_x):
    response = client.get(
        reverse("catalogue:task_list"),
        HTTP_HX_REQUEST="true",
        HTTP_HX_HISTORY_RESTORE_REQUEST="true",
    )
    assert "<html" in response.content.decode()
    assert "HX-Request" in response["Vary"]


def test_representative_creates_and_publishes_a_task(client, bob, org_x):
    client.force_login(bob)
    response = client.post(
        reverse("catalogue:task_create"),
        {
            "organisation": org_x.pk,
            "title_fi": "Ulkoiluystävä",
            "municipality": municipality("743").pk,
        },
    )
    assert response.status_code == 302
    task = org_x.volunteer_tasks.get()
    client.post(reverse("catalogue:task_publish", args=[task.public_id]))
    task.refresh_from_db()
    assert task.status == PublicationStatus.PUBLISHED


# --- organisation page include -----------------------------------------------------------


def test_organisation_services_include_lists_visible_services(rf, org_x):
    from django.template.loader import render_to_string

    from kumppani.catalogue.selectors import services_of_organisation

    ServiceFactory.create(organisation=org_x, name_fi="Julkinen")
    ServiceFactory.create(organisation=org_x, name_fi="Piilotettu", hidden_at=timezone.now())
    html = render_to_string(
        "catalogue/includes/organisation_services.html",
        {"section": {"context": {"services": services_of_organisation(org_x)}}},
    )
    assert "Julkinen" in html and "Piilotettu" not in html
