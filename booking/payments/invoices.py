"""Pay by invoice: an organisation a case officer sets to be invoiced books without card
payment, and is invoiced after the month from this basis.

One line per date (occurrence) that starts in the month, in local time: its price,
what its cancellation gave back, and the net amount to invoice, so a cancelled date
is netted on its own line (the policy's fee stays, the rest comes off). Only bookings
that were not paid by card count: an organisation switched to invoicing is never
invoiced for what it paid by card before. No accounting system is fed; the CSV is
what an accounting clerk imports or types in.
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass
from datetime import date

from flask_babel import gettext as _
from sqlalchemy import select
from sqlalchemy.orm import selectinload

from booking import catalogue
from booking.accounts.models import User
from booking.core.db import db
from booking.core.errors import Forbidden
from booking.core.templating import hhmm
from booking.core.timeutil import local_date_of, local_day_span
from booking.organisations.models import Organisation
from booking.payments.models import Payment
from booking.reservations.models import Booking, BookingStatus, Occurrence, status_label

# A confirmed booking is owed; a cancelled one owes what its cancellation kept. Requests,
# holds and lapsed or rejected bookings owe nothing.
INVOICED_STATUSES = (BookingStatus.CONFIRMED, BookingStatus.CANCELLED)


@dataclass(frozen=True)
class InvoiceLine:
    reference: str
    organisation_number: str
    organisation: str
    booking_id: int
    date: str
    time: str
    room: str
    status: str
    price_ore: int
    refunded_ore: int

    @property
    def amount_ore(self) -> int:
        return self.price_ore - self.refunded_ore


def check_may_invoice(user: User) -> None:
    if not user.can_verify_claims:  # case officers and administrators
        raise Forbidden(_("Only case officers can see the invoice basis."))


def set_pays_by_invoice(officer: User, organisation: Organisation, pays_by_invoice: bool) -> None:
    """From the next booking on: bookings already made keep how they are paid."""
    check_may_invoice(officer)
    organisation.pays_by_invoice = pays_by_invoice
    db.session.flush()


def month_span(month: date) -> tuple[date, date]:
    first = month.replace(day=1)
    following = date(first.year + (first.month == 12), first.month % 12 + 1, 1)
    return first, date.fromordinal(following.toordinal() - 1)


def invoice_lines(officer: User, month: date, organisation_id: int | None = None) -> list[InvoiceLine]:
    """The basis for one month: every invoiced organisation's, or one organisation's."""
    check_may_invoice(officer)
    starts, ends = local_day_span(*month_span(month))
    paid_by_card = select(Payment.booking_id)
    query = (select(Occurrence).join(Booking, Booking.id == Occurrence.booking_id)
             .join(Organisation, Organisation.id == Booking.organisation_id)
             .where(Occurrence.starts_at >= starts, Occurrence.starts_at < ends,
                    Booking.status.in_(INVOICED_STATUSES), Booking.total_ore > 0,
                    Booking.id.not_in(paid_by_card))
             .options(selectinload(Occurrence.booking).selectinload(Booking.organisation))
             .order_by(Organisation.name, Occurrence.starts_at, Occurrence.id))
    query = (query.where(Organisation.id == organisation_id) if organisation_id is not None
             else query.where(Organisation.pays_by_invoice.is_(True)))
    rooms = catalogue.current().rooms
    lines = []
    for occurrence in db.session.scalars(query):
        booking, room = occurrence.booking, rooms[occurrence.booking.room_id]
        organisation = booking.organisation
        assert organisation is not None
        lines.append(InvoiceLine(
            reference=f"B{booking.id}-D{occurrence.id}", organisation_number=organisation.org_number,
            organisation=organisation.name, booking_id=booking.id,
            date=local_date_of(occurrence.starts_at).isoformat(),
            time=f"{hhmm(occurrence.starts_at)}–{hhmm(occurrence.ends_at)}",
            room=f"{room.name}, {room.building.name}", status=status_label(occurrence.status),
            price_ore=occurrence.price_ore,
            refunded_ore=occurrence.refund_ore if not occurrence.is_scheduled else 0))
    return lines


CSV_HEADER = ("reference", "organisation_number", "organisation", "booking", "date", "time",
              "room", "status", "price_ore", "refunded_ore", "amount_ore")


def to_csv(lines: list[InvoiceLine]) -> str:
    """Semicolon-separated with a byte order mark (what a spreadsheet in Norway opens with
    æøå intact), amounts in øre; the column names are for import, so they stay English."""
    out = io.StringIO()
    out.write("\ufeff")
    writer = csv.writer(out, delimiter=";", lineterminator="\r\n")
    writer.writerow(CSV_HEADER)
    for line in lines:
        writer.writerow((line.reference, line.organisation_number, line.organisation,
                         line.booking_id, line.date, line.time, line.room, line.status,
                         line.price_ore, line.refunded_ore, line.amount_ore))
    return out.getvalue()
