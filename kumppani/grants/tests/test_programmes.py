"""Running programmes and calls: the services (update, criteria locked after sending,
copy, publish) and the coordinator's pages with their access."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from kumppani.core.actor import Actor
from kumppani.core.concurrency import ChangedMeanwhile, version_of
from kumppani.core.models import AuditEvent
from kumppani.grants.documents import appeal_text
from kumppani.grants.models import (
    AppealInstructions,
    Call,
    CallStatus,
    CountyGoal,
    GoalKind,
    Programme,
    QuestionKind,
)
from kumppani.grants.services.applications import application_start, application_submit
from kumppani.grants.services.programmes import (
    call_publish,
    programme_copy,
    programme_update,
)
from kumppani.testing.factories import county

from .conftest import SYSTEM, decide, fill_in, make_call

pytestmark = pytest.mark.django_db


def _criterion_rows(programme: Programme) -> list[dict]:
    return [
        {"id": c.pk, "goal": c.goal, "title_fi": c.title_fi, "title_sv": c.title_sv, "weight": 3}
        for c in programme.criteria.all()
    ]


# --- services ---------------------------------------------------------------------------------


def test_programme_update_writes_only_what_changed_and_replaces_rows(call) -> None:
    programme = call.programme
    criterion = programme.criteria.get()
    question = programme.questions.get()
    programme_update(
        actor=SYSTEM,
        programme=programme,
        base_version=version_of(programme),
        appropriation=Decimal("120000"),
        criteria=[
            {"goal": criterion.goal, "title_fi": "Uusi", "weight": 1},
            {"id": criterion.pk, "goal": criterion.goal, "title_fi": "Vaikuttavuus", "weight": 3},
        ],
        questions=[],
    )
    programme.refresh_from_db()
    assert programme.appropriation == Decimal("120000")
    titles = [(c.title_fi, c.weight, c.pk == criterion.pk) for c in programme.criteria.all()]
    assert titles == [("Uusi", 1, False), ("Vaikuttavuus", 3, True)]
    assert not programme.questions.filter(pk=question.pk).exists()
    event = AuditEvent.objects.filter(action="grants.programme.update").get()
    assert event.details["changed"] == ["appropriation", "criteria", "questions"]


def test_programme_update_on_an_old_version_is_refused(call) -> None:
    programme = call.programme
    old = version_of(programme)
    programme_update(actor=SYSTEM, programme=programme, title_fi="Toinen")
    with pytest.raises(ChangedMeanwhile):
        programme_update(actor=SYSTEM, programme=programme, base_version=old, title_fi="Kolmas")


def test_a_criterion_must_serve_a_goal_of_the_programmes_county(call) -> None:
    other = CountyGoal.objects.create(county=county("16"), kind=GoalKind.STRATEGY, title="Muu")
    with pytest.raises(ValidationError):
        programme_update(
            actor=SYSTEM,
            programme=call.programme,
            criteria=[{"goal": other, "title_fi": "Väärä", "weight": 1}],
        )


def test_criteria_and_questions_cannot_change_once_an_application_is_sent(
    call, applicant, sanna
) -> None:
    application = fill_in(
        application_start(actor=Actor(user=sanna), call=call, organisation=applicant), sanna
    )
    application_submit(application=application, actor=Actor(user=sanna), declarations=True)
    programme = call.programme
    rows = _criterion_rows(programme)
    with pytest.raises(ValidationError) as refused:
        programme_update(actor=SYSTEM, programme=programme, criteria=rows)
    assert refused.value.code == "criteria_locked"
    assert programme.criteria.get().weight == 2
    with pytest.raises(ValidationError):
        programme_update(actor=SYSTEM, programme=programme, questions=[])
    assert programme.questions.count() == 1
    # The rows as they are, and the programme's own fields, still go through.
    unchanged = [{**row, "weight": 2} for row in rows]
    programme_update(
        actor=SYSTEM, programme=programme, criteria=unchanged, appropriation=Decimal("90000")
    )
    programme.refresh_from_db()
    assert programme.appropriation == Decimal("90000")


def test_a_draft_application_does_not_lock_the_criteria(call, applicant, sanna) -> None:
    application_start(actor=Actor(user=sanna), call=call, organisation=applicant)
    programme_update(actor=SYSTEM, programme=call.programme, criteria=[])
    assert not call.programme.criteria.exists()


def test_copy_makes_next_years_programme_with_its_rows_and_draft_calls() -> None:
    call = make_call(closes_on=date(2026, 3, 31), opens_on=date(2026, 3, 1))
    programme = call.programme
    copy = programme_copy(actor=SYSTEM, programme=programme)
    assert copy.year == programme.year + 1
    assert [c.title_fi for c in copy.criteria.all()] == ["Vaikuttavuus"]
    assert [q.kind for q in copy.questions.all()] == [QuestionKind.NUMBER]
    new_call = copy.calls.get()
    assert (new_call.opens_on, new_call.closes_on) == (date(2027, 3, 1), date(2027, 3, 31))
    assert new_call.status == CallStatus.DRAFT and new_call.published_at is None
    with pytest.raises(ValidationError):
        programme_copy(actor=SYSTEM, programme=programme)


def test_publishing_twice_changes_nothing_the_second_time() -> None:
    call = make_call(published=False)
    call_publish(actor=SYSTEM, call=call)
    first = Call.objects.get(pk=call.pk).published_at
    with pytest.raises(ValidationError):
        call_publish(actor=SYSTEM, call=call)
    assert Call.objects.get(pk=call.pk).published_at == first
    assert AuditEvent.objects.filter(action="grants.call.publish").count() == 1


# --- pages ------------------------------------------------------------------------------------


def _programme_post(programme: Programme | None, goal: CountyGoal, **changes: str) -> dict:
    data = {
        "base_version": version_of(programme) if programme else "",
        "year": "2027",
        "kind": "project",
        "title_fi": "Hankeavustukset",
        "title_sv": "Projektbidrag",
        "description_fi": "",
        "description_sv": "",
        "appropriation": "50000",
        "requires_business_id": "on",
        "required_attachments": ["budget", "action_plan"],
        "criteria-TOTAL_FORMS": "2",
        "criteria-INITIAL_FORMS": "0",
        "criteria-0-goal": str(goal.pk),
        "criteria-0-title_fi": "Osallisuus",
        "criteria-0-weight": "2",
        "criteria-0-order": "",
        "criteria-1-weight": "1",
        "questions-TOTAL_FORMS": "1",
        "questions-INITIAL_FORMS": "0",
        "questions-0-kind": "choice",
        "questions-0-text_fi": "Kenelle toiminta on?",
        "questions-0-options_fi": "Lapset\nAikuiset",
        "questions-0-is_required": "on",
        "submission_token": "0f1d8c1e4e0a4b7f9a3f1f1f1f1f1f1f",
    }
    data.update(changes)
    return data


def test_a_coordinator_makes_a_programme_with_rows_once(client, carol) -> None:
    goal = CountyGoal.objects.create(county=county("17"), kind=GoalKind.BUDGET, title="Terveys")
    client.force_login(carol)
    url = reverse("grants:programme_new", args=["17"])
    assert client.get(url).status_code == 200
    made = client.post(url, _programme_post(None, goal))
    assert made.status_code == 302, made.content.decode()[:3000]
    again = client.post(url, _programme_post(None, goal))
    programme = Programme.objects.get()
    assert made.url == again.url == reverse("grants:programme_edit", args=[programme.public_id])
    assert programme.appropriation == Decimal("50000")
    assert programme.required_attachments == ["budget", "action_plan"]
    assert programme.requires_business_id and not programme.requires_non_profit
    assert programme.criteria.get().title_fi == "Osallisuus"
    assert programme.questions.get().option_list() == ["Lapset", "Aikuiset"]


def test_a_choice_without_options_is_an_error_in_the_summary(client, carol) -> None:
    goal = CountyGoal.objects.create(county=county("17"), kind=GoalKind.BUDGET, title="Terveys")
    client.force_login(carol)
    page = client.post(
        reverse("grants:programme_new", args=["17"]),
        _programme_post(None, goal, **{"questions-0-options_fi": ""}),
    ).content.decode()
    assert "error-summary" in page
    assert "Anna valinnan vaihtoehdot" in page
    assert not Programme.objects.exists()


def test_the_edit_page_removes_a_row_ticked_for_deletion(client, carol, call) -> None:
    programme = call.programme
    criterion = programme.criteria.get()
    question = programme.questions.get()
    client.force_login(carol)
    data = _programme_post(
        programme,
        criterion.goal,
        **{
            "criteria-TOTAL_FORMS": "1",
            "criteria-INITIAL_FORMS": "1",
            "criteria-0-id": str(criterion.pk),
            "criteria-0-DELETE": "on",
            "questions-INITIAL_FORMS": "1",
            "questions-0-id": str(question.pk),
            "questions-0-kind": "number",
            "questions-0-text_fi": "Montako vapaaehtoista?",
            "questions-0-options_fi": "",
        },
    )
    saved = client.post(reverse("grants:programme_edit", args=[programme.public_id]), data)
    assert saved.status_code == 302, saved.content.decode()[:3000]
    assert not programme.criteria.exists()
    assert programme.questions.get().pk == question.pk


def test_the_edit_page_explains_why_rows_no_longer_change(client, carol, call, applicant, sanna):
    application = fill_in(
        application_start(actor=Actor(user=sanna), call=call, organisation=applicant), sanna
    )
    application_submit(application=application, actor=Actor(user=sanna), declarations=True)
    client.force_login(carol)
    url = reverse("grants:programme_edit", args=[call.programme.public_id])
    page = client.get(url).content.decode()
    assert "criteria-TOTAL_FORMS" not in page
    assert "ei voi enää muuttaa" in page
    # A page shown before the first application was sent: the service refuses, the page says why.
    goal = call.programme.criteria.get().goal
    refused = client.post(url, _programme_post(call.programme, goal)).content.decode()
    assert "ei voi enää muuttaa" in refused
    assert call.programme.criteria.get().title_fi == "Vaikuttavuus"


def test_a_call_is_made_shown_with_its_deadline_and_published_once(client, carol, call) -> None:
    client.force_login(carol)
    # 5.12.2026 is a Saturday: applications are accepted until Monday 7.12.
    data = {
        "title_fi": "Hankehaku",
        "title_sv": "",
        "text_fi": "Haku on auki.\n\nTervetuloa!",
        "text_sv": "",
        "opens_on": "2026-11-01",
        "closes_on": "2026-12-05",
        "notices_open_on": "",
        "notices_close_on": "",
        "submission_token": "5a7e0ad1c9d44b0e8f4e9d6f3c2b1a00",
    }
    made = client.post(reverse("grants:call_new", args=[call.programme.public_id]), data)
    assert made.status_code == 302, made.content.decode()[:3000]
    new_call = Call.objects.get(title_fi="Hankehaku")
    page = client.get(made.url).content.decode()
    assert "7. joulukuuta 2026 klo 23.59" in page and "<p>Haku on auki.</p>" in page
    publish = reverse("grants:call_publish", args=[new_call.public_id])
    token = {"submission_token": "9b7e0ad1c9d44b0e8f4e9d6f3c2b1a11"}
    assert client.post(publish, token).status_code == 302
    assert client.post(publish, token).status_code == 302
    assert client.post(publish, {}).status_code == 302
    new_call.refresh_from_db()
    assert new_call.status == CallStatus.PUBLISHED
    assert (
        AuditEvent.objects.filter(action="grants.call.publish", object_id=new_call.pk).count() == 1
    )


def test_a_call_edited_meanwhile_keeps_the_input_and_says_so(client, carol, call) -> None:
    client.force_login(carol)
    url = reverse("grants:call_edit", args=[call.public_id])
    data = {
        "base_version": "2000-01-01T00:00:00+00:00",
        "title_fi": "Muutettu",
        "opens_on": call.opens_on.isoformat(),
        "closes_on": call.closes_on.isoformat(),
    }
    page = client.post(url, data).content.decode()
    assert "Joku muu tallensi" in page and 'value="Muutettu"' in page
    data["base_version"] = version_of(Call.objects.get(pk=call.pk))
    assert client.post(url, data).status_code == 302
    assert Call.objects.get(pk=call.pk).title_fi == "Muutettu"


def test_copy_to_next_year_lands_on_the_new_programmes_edit_page(client, carol, call) -> None:
    client.force_login(carol)
    url = reverse("grants:programme_copy", args=[call.programme.public_id])
    token = {"submission_token": "1c7e0ad1c9d44b0e8f4e9d6f3c2b1a22"}
    copied = client.post(url, token)
    copy = Programme.objects.get(year=call.programme.year + 1)
    assert copied.url == reverse("grants:programme_edit", args=[copy.public_id])
    assert client.post(url, token).url == copied.url
    assert Programme.objects.count() == 2


def test_goals_are_added_changed_and_retired(client, carol) -> None:
    client.force_login(carol)
    url = reverse("grants:county_goals", args=["17"])
    token = "2d7e0ad1c9d44b0e8f4e9d6f3c2b1a33"
    data = {"kind": "strategy", "title_fi": "Yhdenvertaisuus", "submission_token": token}
    assert client.post(url, data).status_code == 302
    assert client.post(url, data).status_code == 302
    goal = CountyGoal.objects.get()
    assert goal.county.code == "17"
    edit = reverse("grants:goal_edit", args=[goal.pk])
    changed = {"kind": "strategy", "title_fi": "Yhdenvertaisuus", "title_sv": "Jämlikhet"}
    assert client.post(edit, {**changed, "base_version": version_of(goal)}).status_code == 302
    goal.refresh_from_db()
    # The box "in use" was not ticked: the goal is retired, no longer offered for criteria.
    assert goal.title_sv == "Jämlikhet" and not goal.is_active
    page = client.get(reverse("grants:programme_new", args=["17"])).content.decode()
    assert "Yhdenvertaisuus" not in page


def test_appeal_instructions_start_from_the_default_and_print_on_decisions(
    client, carol, call, applicant, sanna
) -> None:
    client.force_login(carol)
    url = reverse("grants:appeal_instructions", args=["17"])
    page = client.get(url).content.decode()
    assert "oikaisuvaatimus" in page
    data = {"text_fi": "Oma ohje.", "text_sv": "Egen anvisning.", "base_version": ""}
    assert client.post(url, data).status_code == 302
    assert AppealInstructions.objects.get().text_sv == "Egen anvisning."
    application = fill_in(
        application_start(actor=Actor(user=sanna), call=call, organisation=applicant), sanna
    )
    application_submit(application=application, actor=Actor(user=sanna), declarations=True)
    decision = decide(application, carol, "1000")
    assert appeal_text(decision, "sv") == "Egen anvisning."


def test_the_grants_home_lists_programmes_with_counts_and_links(client, carol, call) -> None:
    client.force_login(carol)
    page = client.get(reverse("grants:managed_calls")).content.decode()
    assert reverse("grants:programme_edit", args=[call.programme.public_id]) in page
    assert reverse("grants:call_edit", args=[call.public_id]) in page
    for name in ("call_applications", "call_review", "call_decisions", "call_documents"):
        assert reverse(f"grants:{name}", args=[call.public_id]) in page
    for name in ("payment_list", "report_list", "recovery_list", "agreements"):
        assert reverse(f"grants:{name}") in page
    assert reverse("grants:county_goals", args=["17"]) in page


def test_the_grants_home_takes_as_many_queries_for_more_programmes(
    client, carol, django_assert_num_queries
) -> None:
    make_call()
    client.force_login(carol)
    url = reverse("grants:managed_calls")
    with CaptureQueriesContext(connection) as one:
        assert client.get(url).status_code == 200
    for _ in range(3):
        make_call()
    with django_assert_num_queries(len(one.captured_queries)):
        page = client.get(url).content.decode()
    assert page.count("grants/manage/calls/") >= 4


# --- access -----------------------------------------------------------------------------------


def _pages(call: Call) -> list[tuple[str, str]]:
    goal = call.programme.criteria.get().goal
    programme = call.programme.public_id
    return [
        ("get", reverse("grants:programme_edit", args=[programme])),
        ("get", reverse("grants:call_new", args=[programme])),
        ("get", reverse("grants:call_edit", args=[call.public_id])),
        ("post", reverse("grants:call_publish", args=[call.public_id])),
        ("post", reverse("grants:programme_copy", args=[programme])),
        ("get", reverse("grants:goal_edit", args=[goal.pk])),
        ("get", reverse("grants:county_goals", args=["17"])),
        ("get", reverse("grants:appeal_instructions", args=["17"])),
        ("get", reverse("grants:programme_new", args=["17"])),
    ]


def test_another_countys_coordinator_is_refused(client, alice) -> None:
    call = make_call(published=False)
    client.force_login(alice)
    for method, url in _pages(call):
        assert getattr(client, method)(url).status_code == 404, url
    assert Programme.objects.count() == 1
    assert Call.objects.get().status == CallStatus.DRAFT


def test_an_applicant_is_refused(client, sanna) -> None:
    call = make_call(published=False)
    client.force_login(sanna)
    for method, url in [*_pages(call), ("get", reverse("grants:managed_calls"))]:
        assert getattr(client, method)(url).status_code == 403, url
    assert Call.objects.get().status == CallStatus.DRAFT


def test_a_visitor_is_sent_to_sign_in(client) -> None:
    call = make_call(published=False)
    for method, url in _pages(call):
        assert getattr(client, method)(url).status_code == 302, url
