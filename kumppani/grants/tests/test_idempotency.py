"""An ``Idempotency-Key`` on the payment approval: a retry gets the first answer and the
work is done once; the same key for another request is a 422; parallel retries with the
same key (PostgreSQL) approve once."""

from __future__ import annotations

from functools import partial

import pytest
from django.db import connection

from kumppani.core.actor import Actor
from kumppani.core.idempotency import HEADER, REPLAYED_HEADER
from kumppani.core.models import AuditEvent, IdempotencyKey
from kumppani.grants.models import Payment, PaymentStatus
from kumppani.grants.services.applications import application_submit
from kumppani.testing.concurrency import in_parallel, signed_in_clients

from .conftest import decide

KEY = "2f0c6a8e-6a1e-4a55-9d47-0b7d1b8f6c11"


def approve_url(payment: Payment) -> str:
    return f"/api/v1/grants/payments/{payment.public_id}/approve"


@pytest.fixture
def payment(draft, sanna, carol) -> Payment:
    application_submit(application=draft, actor=Actor(user=sanna), declarations=True)
    return decide(draft, carol, "8000").payments.get()


@pytest.mark.django_db
def test_a_repeat_with_the_same_key_gets_the_stored_answer_without_approving_again(
    client, payment, carol
) -> None:
    client.force_login(carol)
    first = client.post(approve_url(payment), headers={HEADER: KEY})
    assert first.status_code == 200 and first.json()["status"] == "approved"
    assert REPLAYED_HEADER not in first
    # The payment moves on; a repeat of the approval would now be refused (409).
    Payment.objects.filter(pk=payment.pk).update(status=PaymentStatus.SENT)

    again = client.post(approve_url(payment), headers={HEADER: KEY})

    assert again.status_code == 200
    assert again.json() == first.json()
    assert again[REPLAYED_HEADER] == "true"
    assert AuditEvent.objects.filter(action="grants.payment.approve").count() == 1
    assert client.post(approve_url(payment)).status_code == 409  # without the key


@pytest.mark.django_db
def test_the_same_key_with_another_request_is_422(client, payment, carol) -> None:
    client.force_login(carol)
    assert client.post(approve_url(payment), headers={HEADER: KEY}).status_code == 200

    other_body = client.post(
        approve_url(payment),
        data={"note": "x"},
        content_type="application/json",
        headers={HEADER: KEY},
    )
    assert other_body.status_code == 422
    assert "Idempotency-Key" in other_body.json()["detail"]
    other_path = client.post(
        approve_url(payment).replace(
            str(payment.public_id), "3fa85f64-5717-4562-b3fc-2c963f66afa6"
        ),
        headers={HEADER: KEY},
    )
    assert other_path.status_code == 422


@pytest.mark.django_db
def test_an_error_is_not_kept_so_the_key_can_be_used_again(client, payment, carol) -> None:
    client.force_login(carol)
    Payment.objects.filter(pk=payment.pk).update(status=PaymentStatus.SENT)
    assert client.post(approve_url(payment), headers={HEADER: KEY}).status_code == 409
    assert not IdempotencyKey.objects.exists()
    Payment.objects.filter(pk=payment.pk).update(status=PaymentStatus.SCHEDULED)
    assert client.post(approve_url(payment), headers={HEADER: KEY}).status_code == 200


@pytest.mark.django_db
def test_a_malformed_key_is_a_400(client, payment, carol) -> None:
    client.force_login(carol)
    response = client.post(approve_url(payment), headers={HEADER: "a key with spaces"})
    assert response.status_code == 400
    payment.refresh_from_db()
    assert payment.status == PaymentStatus.SCHEDULED


@pytest.mark.django_db
def test_the_openapi_document_describes_the_header_and_the_422(client) -> None:
    schema = client.get("/api/v1/openapi.json").json()
    operation = schema["paths"]["/api/v1/grants/payments/{payment_id}/approve"]["post"]
    assert HEADER in [parameter["name"] for parameter in operation["parameters"]]
    assert {"200", "400", "403", "404", "409", "422"} <= set(operation["responses"])


@pytest.mark.skipif(connection.vendor != "postgresql", reason="parallel writes: PostgreSQL")
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_parallel_requests_with_the_same_key_approve_once(payment, carol) -> None:
    clients = signed_in_clients(carol, 6)
    responses = in_parallel(
        [partial(c.post, approve_url(payment), headers={HEADER: KEY}) for c in clients]
    )
    assert not any(isinstance(response, Exception) for response in responses), responses
    assert [response.status_code for response in responses] == [200] * 6
    # One did the work; the others waited for it and got its answer.
    assert sum(REPLAYED_HEADER not in response for response in responses) == 1
    assert IdempotencyKey.objects.count() == 1
    assert AuditEvent.objects.filter(action="grants.payment.approve").count() == 1
