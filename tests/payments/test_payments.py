"""Card payments against a real Stripe-compatible server (localstripe), on both backends:
a paid booking holds its slot until Stripe's verified webhook confirms it, exactly once;
forged webhooks change nothing; holds lapse by the job and a late payment is revived or
refunded; cancelling refunds by the policy through a job that survives Stripe being
down; weekly series; requests paid when approved; organisations invoiced by the month."""

from __future__ import annotations

import csv
import io
import json
from datetime import timedelta

import pytest
import time_machine
from fixtures.stripe import card_token, event_about, pay, send_event
from helpers import FRIDAY, THURSDAY, log_in_client

from booking.accounts.models import Role, User
from booking.core import uow
from booking.core.db import db, utcnow
from booking.notifications.models import OutgoingMail
from booking.organisations.models import Organisation
from booking.payments import checkout, invoices, reconciliation, refunds, tasks
from booking.payments import stripe_gateway as gateway
from booking.payments.models import Payment, RefundStatus, WebhookEvent
from booking.reservations import cancellations
from booking.reservations import tasks as reservation_tasks
from booking.reservations.models import Booking, BookingStatus

RESIDENT = "resident@example.com"


@pytest.fixture(autouse=True)
def fresh_stripe(local_stripe):
    local_stripe.reset()


def book(client, world, day, who=Role.RESIDENT, **extra):
    response = client.post("/api/v1/bookings", headers=world.headers(who), json={
        "room_id": world.half_a, "date": day.isoformat(), "start": "18:00", "end": "20:00",
        "purpose": "Innebandy", **extra})
    assert response.status_code == 201, response.json
    return response.json


def load(app, booking_id) -> Booking:
    with app.app_context():
        booking = db.session.get(Booking, booking_id)
        _ = booking.occurrences, booking.status_changes, [o.occupancies for o in booking.occurrences]
        db.session.expunge_all()
        return booking


def payment_of(app, booking_id) -> Payment | None:
    with app.app_context():
        payment = checkout.payment_of(booking_id)
        if payment is not None:
            _ = payment.refunds
            db.session.expunge_all()
        return payment


def user(email: str) -> User:
    return db.session.scalar(db.select(User).where(User.email == email))


def test_a_paid_booking_holds_its_slot_until_the_verified_webhook_confirms_it_once(
        client, world, db_app, local_stripe, mailbox):
    day = world.bookable_day(THURSDAY)
    booking = book(client, world, day)
    assert booking["status"] == "pending_payment" and booking["total_ore"] == 35_800
    assert booking["payment_url"].endswith(f"/mine-bookinger/{booking['id']}/betal")
    assert booking["pay_by"] is not None
    # The slot is held: nobody else can take it while the booker pays.
    other = client.post("/api/v1/bookings", headers=world.headers("other"), json={
        "room_id": world.whole_hall, "date": day.isoformat(), "start": "19:00", "end": "21:00",
        "purpose": "Dans"})
    assert other.status_code == 409
    assert mailbox.messages == []  # the receipt comes with the payment, not before

    with db_app.app_context():
        intent = checkout.pay(user(RESIDENT), booking["id"], card_token(local_stripe))
    assert intent.succeeded and intent.amount == 35_800
    assert load(db_app, booking["id"]).status is BookingStatus.PENDING_PAYMENT  # not yet
    event = event_about(local_stripe, intent.id)
    first = send_event(client, db_app, event)
    again = send_event(client, db_app, event)  # Stripe sends it twice
    assert (first.json["outcome"], again.json["outcome"]) == ("confirmed", "repeat")
    later = send_event(client, db_app, event_about(local_stripe, intent.id))  # a new event id
    assert later.json["outcome"] == "already_paid"
    confirmed = load(db_app, booking["id"])
    assert confirmed.status is BookingStatus.CONFIRMED and confirmed.expires_at is None
    assert all(o.expires_at is None for occ in confirmed.occurrences for o in occ.occupancies)
    assert [c.to_status for c in confirmed.status_changes].count("confirmed") == 1
    [receipt] = mailbox.wait_for(1)
    assert str(receipt["Subject"]).startswith("Receipt:") or "Kvittering" in str(receipt["Subject"])
    assert "358,00" in receipt.get_body().get_content()
    # The reconciliation job asked Stripe what it charged: our quote.
    assert payment_of(db_app, booking["id"]).charged_ore == 35_800


def test_a_forged_or_unsigned_webhook_is_refused_and_changes_nothing(
        client, world, db_app, local_stripe):
    booking = book(client, world, world.bookable_day(THURSDAY))
    with db_app.app_context():
        intent = checkout.pay(user(RESIDENT), booking["id"], card_token(local_stripe))
    event = event_about(local_stripe, intent.id)
    forged = send_event(client, db_app, event, secret="whsec_someone_else")
    unsigned = client.post("/api/v1/payments/stripe-webhook", data=json.dumps(event),
                           headers={"Content-Type": "application/json"})
    garbage = client.post("/api/v1/payments/stripe-webhook", data=b"\x00{not json",
                          headers={"Stripe-Signature": "t=1,v1=00"})
    assert [r.status_code for r in (forged, unsigned, garbage)] == [400, 400, 400]
    assert forged.json["error"]["code"] == "invalid_webhook"
    assert load(db_app, booking["id"]).status is BookingStatus.PENDING_PAYMENT
    with db_app.app_context():
        assert db.session.scalar(db.select(db.func.count()).select_from(WebhookEvent)) == 0


def test_amounts_come_from_our_quote_never_from_the_webhook(client, world, db_app, local_stripe):
    booking = book(client, world, world.bookable_day(THURSDAY))
    with db_app.app_context():
        intent = checkout.pay(user(RESIDENT), booking["id"], card_token(local_stripe))
    event = event_about(local_stripe, intent.id)
    event["data"]["object"]["amount"] = event["data"]["object"]["amount_received"] = 100
    assert send_event(client, db_app, event).json["outcome"] == "confirmed"
    payment = payment_of(db_app, booking["id"])
    assert (payment.amount_ore, payment.charged_ore, payment.mismatch_ore) == (35_800, 35_800, 0)


def test_a_declined_card_leaves_the_booking_payable_with_another(client, world, db_app,
                                                                 local_stripe):
    booking = book(client, world, world.bookable_day(THURSDAY))
    with db_app.app_context():
        with pytest.raises(gateway.PaymentDeclined) as declined:
            checkout.pay(user(RESIDENT), booking["id"], card_token(local_stripe, "4000000000000341"))
        assert "avvist" in declined.value.message  # in the default language, bokmål
    assert load(db_app, booking["id"]).status is BookingStatus.PENDING_PAYMENT
    assert payment_of(db_app, booking["id"]).last_error == "card_declined"
    pay(client, db_app, local_stripe, booking["id"], RESIDENT)
    assert load(db_app, booking["id"]).status is BookingStatus.CONFIRMED


def test_a_hold_not_paid_in_time_is_released_by_the_job(client, world, db_app, local_stripe):
    day = world.bookable_day(THURSDAY)
    booking = book(client, world, day)
    with db_app.app_context(), time_machine.travel(utcnow() + timedelta(minutes=16), tick=False):
        reservation_tasks.release_lapsed_holds.call_local()
    lapsed = load(db_app, booking["id"])
    assert lapsed.status is BookingStatus.EXPIRED
    assert [o.status.value for o in lapsed.occurrences] == ["cancelled"]
    again = client.post("/api/v1/bookings", headers=world.headers("other"), json={
        "room_id": world.half_a, "date": day.isoformat(), "start": "18:00", "end": "20:00",
        "purpose": "Dans"})
    assert again.status_code == 201  # the slot is free again
    with db_app.app_context():
        with pytest.raises(Exception) as late:
            checkout.pay(user(RESIDENT), booking["id"], card_token(local_stripe))
        assert getattr(late.value, "code", "") == "payment_time_ran_out"


def _lapse(db_app, booking_id):
    with db_app.app_context():
        booking = db.session.get(Booking, booking_id)
        booking.expire(utcnow())
        uow.commit()


def test_a_late_payment_revives_a_lapsed_hold_whose_slot_is_still_free(
        client, world, db_app, local_stripe):
    booking = book(client, world, world.bookable_day(THURSDAY))
    with db_app.app_context():
        intent = checkout.pay(user(RESIDENT), booking["id"], card_token(local_stripe))
    _lapse(db_app, booking["id"])  # the webhook came after the hold ran out
    assert send_event(client, db_app, event_about(local_stripe, intent.id)).json["outcome"] == "revived"
    revived = load(db_app, booking["id"])
    assert revived.status is BookingStatus.CONFIRMED
    assert [o.status.value for o in revived.occurrences] == ["scheduled"]
    assert len(revived.occurrences[0].occupancies) == 1


def test_a_late_payment_for_a_slot_taken_since_is_refunded_in_full(
        client, world, db_app, local_stripe):
    day = world.bookable_day(THURSDAY)
    booking = book(client, world, day)
    with db_app.app_context():
        intent = checkout.pay(user(RESIDENT), booking["id"], card_token(local_stripe))
    _lapse(db_app, booking["id"])
    taken = client.post("/api/v1/bookings", headers=world.headers(Role.RESIDENT), json={
        "room_id": world.half_a, "date": day.isoformat(), "start": "18:00", "end": "20:00",
        "purpose": "Dans", "organisation_id": world.club_id})  # free for the youth club
    assert taken.status_code == 201 and taken.json["status"] == "confirmed"
    assert send_event(client, db_app, event_about(local_stripe, intent.id)).json["outcome"] == "refunded"
    assert load(db_app, booking["id"]).status is BookingStatus.EXPIRED
    [refund] = payment_of(db_app, booking["id"]).refunds
    assert (refund.amount_ore, refund.status, refund.reason) == (35_800, RefundStatus.MADE,
                                                                 "late_payment")
    [made] = local_stripe.get(f"refunds?payment_intent={intent.id}")["data"]
    assert made["amount"] == 35_800


def test_cancelling_refunds_by_the_policy_and_survives_stripe_being_down(
        client, world, db_app, local_stripe):
    booking = book(client, world, world.bookable_day(THURSDAY, weeks_ahead=3))
    intent = pay(client, db_app, local_stripe, booking["id"], RESIDENT)
    local_stripe.stop()
    try:
        cancelled = client.post(f"/api/v1/bookings/{booking['id']}/cancel",
                                headers=world.headers())
        assert cancelled.status_code == 200 and cancelled.json["refund_ore"] == 35_800
        [refund] = payment_of(db_app, booking["id"]).refunds
        assert refund.status is RefundStatus.PENDING and refund.attempts == 1
        assert refund.last_error  # shown on the booking page and to case officers
    finally:
        local_stripe.start()
    with db_app.app_context():
        assert refunds.due() == []  # not before its backoff
        uow.rollback()  # end this read before the jobs take the write lock
        with time_machine.travel(utcnow() + timedelta(minutes=3), tick=False):
            tasks.sweep_refunds.call_local()
            tasks.sweep_refunds.call_local()  # a second sweep makes nothing more
    [refund] = payment_of(db_app, booking["id"]).refunds
    assert (refund.status, refund.attempts, refund.last_error) == (RefundStatus.MADE, 2, "")
    made = local_stripe.get(f"refunds?payment_intent={intent}")["data"]
    assert [r["amount"] for r in made] == [35_800]


def test_a_weekly_series_is_paid_at_once_and_a_cancelled_date_refunded_by_the_policy(
        client, world, db_app, local_stripe):
    first = world.bookable_day(THURSDAY, weeks=3)
    booking = book(client, world, first, repeat_weekly_until=(first + timedelta(weeks=2)).isoformat())
    assert booking["total_ore"] == 3 * 35_800 and booking["status"] == "pending_payment"
    intent = pay(client, db_app, local_stripe, booking["id"], RESIDENT)
    assert local_stripe.get(f"payment_intents/{intent}")["amount"] == 3 * 35_800
    with db_app.app_context():
        series = db.session.get(Booking, booking["id"])
        first_date = series.occurrences[0]
        # Three days before: half back by the policy (all of it a week ahead).
        result = cancellations.cancel_occurrence(user(RESIDENT), series, first_date.id,
                                                 now=first_date.starts_at - timedelta(hours=72))
        uow.commit()
    assert result.refund_ore == 17_900
    [refund] = payment_of(db_app, booking["id"]).refunds
    assert (refund.amount_ore, refund.status) == (17_900, RefundStatus.MADE)
    assert load(db_app, booking["id"]).status is BookingStatus.CONFIRMED  # two dates left


def test_a_request_is_paid_when_approved_and_lapses_unpaid(client, world, db_app, local_stripe,
                                                          mailbox):
    day = world.bookable_day(FRIDAY)  # outside the regular hours: a case officer decides
    request = book(client, world, day)
    assert request["status"] == "pending_approval"
    approved = client.post(f"/api/v1/bookings/{request['id']}/approve",
                           headers=world.headers(Role.CASE_OFFICER), json={"note": "Velkommen"})
    assert approved.status_code == 200 and approved.json["status"] == "pending_payment"
    with db_app.app_context():
        held = db.session.get(Booking, request["id"])
        assert timedelta(hours=47) < held.expires_at - utcnow() <= timedelta(hours=48)
        mail = db.session.scalar(db.select(OutgoingMail).where(OutgoingMail.event == "request_decided"))
        assert f"/mine-bookinger/{request['id']}/betal" in mail.body
    pay(client, db_app, local_stripe, request["id"], RESIDENT)
    assert load(db_app, request["id"]).status is BookingStatus.CONFIRMED
    # Another request, approved and never paid: it lapses after its 48 hours.
    other = book(client, world, world.bookable_day(FRIDAY, weeks_ahead=4))
    client.post(f"/api/v1/bookings/{other['id']}/approve", headers=world.headers(Role.CASE_OFFICER),
                json={"note": ""})
    with db_app.app_context(), time_machine.travel(utcnow() + timedelta(hours=49), tick=False):
        reservation_tasks.release_lapsed_holds.call_local()
    assert load(db_app, other["id"]).status is BookingStatus.EXPIRED


def test_a_free_booking_never_sees_a_payment_step(client, world, db_app):
    booking = book(client, world, world.bookable_day(THURSDAY), organisation_id=world.club_id)
    assert (booking["total_ore"], booking["status"], booking["payment_url"]) == (0, "confirmed", None)
    assert payment_of(db_app, booking["id"]) is None


def test_an_invoiced_organisation_books_without_card_and_its_month_is_netted(
        client, world, db_app):
    with db_app.app_context():
        officer = user("case_officer@example.com")
        visitors = db.session.get(Organisation, world.visitors_id)
        invoices.set_pays_by_invoice(officer, visitors, True)
        uow.commit()
    first = world.bookable_day(THURSDAY, weeks=2)
    # Asker Dans AS is not local: a request, approved, then confirmed without payment.
    booking = book(client, world, first, who="other", organisation_id=world.visitors_id,
                   repeat_weekly_until=(first + timedelta(weeks=1)).isoformat())
    approved = client.post(f"/api/v1/bookings/{booking['id']}/approve",
                           headers=world.headers(Role.CASE_OFFICER), json={"note": ""})
    assert approved.json["status"] == "confirmed"
    with db_app.app_context():
        series = db.session.get(Booking, booking["id"])
        second = series.occurrences[1]
        price = second.price_ore
        cancellations.cancel_occurrence(user("other@example.com"), series, second.id,
                                        now=second.starts_at - timedelta(hours=72))
        uow.commit()
    assert payment_of(db_app, booking["id"]) is None
    months = {first.strftime("%Y-%m"), (first + timedelta(weeks=1)).strftime("%Y-%m")}
    lines = []
    assert client.get("/saksbehandling/fakturagrunnlag").status_code in (302, 303)  # log in
    log_in_client(client, "resident@example.com")
    assert client.get("/saksbehandling/fakturagrunnlag").status_code == 403  # staff only
    log_in_client(client, "case_officer@example.com")
    for month in sorted(months):
        answer = client.get(f"/saksbehandling/fakturagrunnlag?maaned={month}&format=csv")
        assert answer.status_code == 200 and answer.mimetype == "text/csv"
        text = answer.get_data(as_text=True)
        assert text.startswith("\ufeffreference;organisation_number;")  # Excel reads æøå
        rows = list(csv.DictReader(io.StringIO(text.removeprefix("\ufeff")), delimiter=";"))
        lines += rows
    assert [row["organisation_number"] for row in lines] == ["935478715", "935478715"]
    kept = [int(row["amount_ore"]) for row in lines]
    assert kept == [price, price // 2]  # the late cancellation kept half
    assert all(row["reference"].startswith(f"B{booking['id']}-D") for row in lines)



def test_reconciliation_flags_a_charge_that_differs_from_our_quote(client, world, db_app,
                                                                   local_stripe):
    booking = book(client, world, world.bookable_day(THURSDAY))
    pay(client, db_app, local_stripe, booking["id"], RESIDENT)
    with db_app.app_context():
        payment = checkout.payment_of(booking["id"])
        payment.amount_ore, payment.reconciled_at = 30_000, None  # as if we had quoted less
        uow.commit()
        assert reconciliation.reconcile(payment.id) == 5_800
        assert [p.booking_id for p in reconciliation.mismatches()] == [booking["id"]]
