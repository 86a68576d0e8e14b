"""Case officers decide requests: the queue of what waits, with what they weigh (why it
needs approval, what it collides with, how the requester has behaved), and approve or
reject, one at a time or several at once. Nobody decides their own request."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from flask import current_app
from flask_babel import gettext as _
from sqlalchemy import and_, case, func, or_, select
from sqlalchemy.orm import selectinload

from booking.accounts.models import User
from booking.core.db import db, utcnow
from booking.core.errors import AppError, Conflict, Forbidden, InvalidInput
from booking.facilities.models import Closure, Room
from booking.reservations import events, moves
from booking.reservations.models import (
    Booking,
    BookingStatus,
    Occurrence,
    OccurrenceStatus,
    StatusChange,
    status_label,
)

QUEUE_PAGE_SIZE = 50


@dataclass
class History:
    """What a requester (the organisation, or the person booking privately) has done: its
    other bookings not waiting for a decision, and the dates caretakers marked."""

    bookings: int = 0
    confirmed: int = 0  # then or now
    cancelled: int = 0  # of the confirmed ones
    rejected: int = 0
    expired: int = 0  # not paid in time
    no_shows: int = 0
    marked_dates: int = 0


@dataclass(frozen=True)
class DateConflict:
    occurrence: Occurrence
    reason: str


@dataclass
class QueueEntry:
    booking: Booking
    history: History
    conflicts: list[DateConflict] = field(default_factory=list)
    own: bool = False  # the officer's own request (or their organisation's): another decides


@dataclass(frozen=True)
class QueuePage:
    entries: list[QueueEntry]
    total: int
    page: int
    pages: int


@dataclass(frozen=True)
class Outcome:
    """One request of a decision on several: decided, or why not."""

    booking_id: int
    booking: Booking | None
    error: AppError | None = None


def _ensure_officer(officer: User) -> None:
    if not officer.can_decide_requests:
        raise Forbidden(_("Only case officers can approve or reject requests."))


def decide_booking(officer: User, booking: Booking, *, approve: bool, note: str = "",
                   now: datetime | None = None) -> Booking:
    """Approve or reject a request. Rejecting frees its slots and needs a reason (the
    requester is told); an approved request that is paid by card awaits its payment (the
    requester is mailed a link)."""
    now = now or utcnow()
    _ensure_officer(officer)
    if booking.is_own_request_of(officer):
        raise Forbidden(_("This is your own request (or your organisation's): another case "
                          "officer must decide it."), code="own_request")
    if not booking.is_pending_approval:
        raise Conflict(_("Only requests awaiting approval can be decided; this one is %(status)s.",
                         status=status_label(booking.status)), code="not_pending")
    note = note.strip()
    if not approve and not note:
        raise InvalidInput(_("Say why the request is rejected: the requester is told."),
                           code="reason_required", details={"note": "required"})
    if approve:
        booking.approve(officer, now, note, payment_due_by=now + timedelta(
            hours=current_app.config["APPROVED_PAYMENT_HOLD_HOURS"]))
        if booking.is_confirmed:
            moves.release_replaced(booking, officer, now)  # a move's old slot goes only now
    else:
        booking.reject(officer, now, note)
    db.session.flush()
    events.request_decided.send(booking)
    return booking


def decide_many(officer: User, booking_ids: Sequence[int], *, approve: bool, note: str = "",
                now: datetime | None = None) -> list[Outcome]:
    """The same decision on several requests. Each is decided on its own (in a savepoint):
    one that cannot be (decided meanwhile, one's own) is reported and the others go on."""
    _ensure_officer(officer)
    if not booking_ids:
        raise InvalidInput(_("Choose at least one request."), code="nothing_chosen",
                           details={"booking_ids": "required"})
    if not approve and not note.strip():
        raise InvalidInput(_("Say why the request is rejected: the requester is told."),
                           code="reason_required", details={"note": "required"})
    now = now or utcnow()
    outcomes = []
    for booking_id in dict.fromkeys(booking_ids):  # each once, in the order given
        booking = db.session.get(Booking, booking_id)
        if booking is None:
            outcomes.append(Outcome(booking_id, None, Conflict(
                _("Booking %(id)s does not exist.", id=booking_id), code="booking_not_found")))
            continue
        try:
            with db.session.begin_nested():
                decide_booking(officer, booking, approve=approve, note=note, now=now)
        except AppError as refused:
            outcomes.append(Outcome(booking_id, booking, refused))
        else:
            outcomes.append(Outcome(booking_id, booking))
    return outcomes


def pending_requests(officer: User) -> list[Booking]:
    """Every request awaiting a decision, oldest first."""
    _ensure_officer(officer)
    return list(db.session.scalars(_pending().order_by(Booking.created_at, Booking.id)))


def _pending():
    return select(Booking).where(Booking.status == BookingStatus.PENDING_APPROVAL)


def approval_queue(officer: User, *, page: int = 1, building_id: int | None = None,
                   page_size: int = QUEUE_PAGE_SIZE) -> QueuePage:
    """One page of the queue, oldest first, each request with its history and conflicts
    (loaded for the whole page at once, so 500 waiting requests cost what 50 do)."""
    _ensure_officer(officer)
    query = _pending()
    if building_id is not None:
        query = query.join(Room, Room.id == Booking.room_id).where(Room.building_id == building_id)
    total = db.session.scalar(select(func.count()).select_from(query.subquery())) or 0
    pages = max(1, -(-total // page_size))
    page = min(max(page, 1), pages)
    bookings = list(db.session.scalars(
        query.options(selectinload(Booking.occurrences), selectinload(Booking.skipped_dates),
                      selectinload(Booking.booker), selectinload(Booking.organisation))
        .order_by(Booking.created_at, Booking.id)
        .offset((page - 1) * page_size).limit(page_size)))
    histories = requester_histories(bookings)
    conflicts = closure_conflicts(bookings)
    entries = [QueueEntry(b, histories[_requester(b)], conflicts.get(b.id, []),
                          b.is_own_request_of(officer)) for b in bookings]
    return QueuePage(entries, total, page, pages)


def queue_entry(officer: User, booking: Booking) -> QueueEntry:
    """One request as the queue shows it (its page)."""
    _ensure_officer(officer)
    return QueueEntry(booking, histories({_requester(booking)}, besides=booking.id)[
                          _requester(booking)],
                      closure_conflicts([booking]).get(booking.id, []),
                      booking.is_own_request_of(officer))


def _requester(booking: Booking) -> tuple[str, int]:
    """Whose history counts: the organisation's when booked for one, else the person's."""
    if booking.organisation_id is not None:
        return ("organisation", booking.organisation_id)
    return ("person", booking.booker_id)


def requester_histories(bookings: Iterable[Booking]) -> dict[tuple[str, int], History]:
    """The history of each requester of these bookings."""
    return histories({_requester(b) for b in bookings})


def organisation_history(organisation_id: int) -> History:
    """An organisation's history (the verification queue shows it)."""
    return histories({("organisation", organisation_id)})[("organisation", organisation_id)]


def histories(keys: set[tuple[str, int]], besides: int | None = None,
              ) -> dict[tuple[str, int], History]:
    """The history of each requester, ("organisation", id) or ("person", id), in two
    grouped queries; ``besides``: a decided request's own page leaves the request out."""
    histories = {key: History() for key in keys}
    organisation_ids = [i for kind, i in keys if kind == "organisation"]
    person_ids = [i for kind, i in keys if kind == "person"]
    if not keys:
        return histories
    who = or_(Booking.organisation_id.in_(organisation_ids),
              and_(Booking.organisation_id.is_(None), Booking.booker_id.in_(person_ids)))
    owner = case((Booking.organisation_id.is_(None), Booking.booker_id),
                 else_=Booking.organisation_id)
    kind = case((Booking.organisation_id.is_(None), "person"), else_="organisation")
    ever_confirmed = select(StatusChange.booking_id).where(
        StatusChange.occurrence_id.is_(None),
        StatusChange.to_status == BookingStatus.CONFIRMED.value)
    for row in db.session.execute(
            select(kind, owner, func.count(Booking.id),
                   func.sum(case((Booking.id.in_(ever_confirmed), 1), else_=0)),
                   func.sum(case((and_(Booking.status == BookingStatus.CANCELLED,
                                       Booking.id.in_(ever_confirmed)), 1), else_=0)),
                   func.sum(case((Booking.status == BookingStatus.REJECTED, 1), else_=0)),
                   func.sum(case((Booking.status == BookingStatus.EXPIRED, 1), else_=0)))
            .where(who, Booking.status != BookingStatus.PENDING_APPROVAL, Booking.id != (besides or 0))
            .group_by(kind, owner)):
        history = histories.get((row[0], row[1]))
        if history is not None:
            history.bookings, history.confirmed = row[2], row[3] or 0
            history.cancelled, history.rejected, history.expired = (row[4] or 0, row[5] or 0,
                                                                    row[6] or 0)
    marked = (OccurrenceStatus.COMPLETED, OccurrenceStatus.NO_SHOW)
    for row in db.session.execute(
            select(kind, owner, func.count(Occurrence.id),
                   func.sum(case((Occurrence.status == OccurrenceStatus.NO_SHOW, 1), else_=0)))
            .join(Booking, Booking.id == Occurrence.booking_id)
            .where(who, Occurrence.status.in_(marked)).group_by(kind, owner)):
        history = histories.get((row[0], row[1]))
        if history is not None:
            history.marked_dates, history.no_shows = row[2], row[3] or 0
    return histories


def closure_conflicts(bookings: Sequence[Booking]) -> dict[int, list[DateConflict]]:
    """Dates of these requests that fall in a closure made since they were asked for (the
    search refused closed dates when they were made)."""
    dates = [(b, o) for b in bookings for o in b.occurrences if o.is_scheduled]
    if not dates:
        return {}
    rooms = {r.id: r for r in db.session.scalars(
        select(Room).where(Room.id.in_({b.room_id for b in bookings})))}
    closures = list(db.session.scalars(select(Closure).where(
        Closure.starts_at < max(o.ends_at for _b, o in dates),
        Closure.ends_at > min(o.starts_at for _b, o in dates))))
    found: dict[int, list[DateConflict]] = {}
    for booking, occurrence in dates:
        room = rooms[booking.room_id]
        for closure in closures:
            applies = (closure.room_id == room.id if closure.room_id is not None else
                       closure.building_id in (None, room.building_id))
            if applies and closure.starts_at < occurrence.ends_at \
                    and closure.ends_at > occurrence.starts_at:
                found.setdefault(booking.id, []).append(DateConflict(occurrence, closure.reason))
                break
    return found
