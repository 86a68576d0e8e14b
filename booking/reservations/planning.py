"""Judging requested slots against a room's rules and its existing bookings.

Pure: the caller loads rental windows, closures, holidays and busy intervals
and passes them in as plain values, so the rules are tested without a
database and the availability search can judge hundreds of rooms from a few
bulk queries.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, time
from enum import StrEnum
from functools import lru_cache
from itertools import pairwise

from booking.facilities.rules import Blackout, WindowSpec
from booking.reservations.intervals import overlaps
from booking.reservations.recurrence import Slot


@dataclass(frozen=True, slots=True)
class Busy:
    """An existing occupancy of one of the room's units."""

    starts_at: datetime
    ends_at: datetime
    booking_id: int


class WindowFit(StrEnum):
    REGULAR = "regular"
    BY_AGREEMENT = "by_agreement"
    OUTSIDE = "outside"


def fit_to_windows(
    windows: Sequence[WindowSpec], day: date, start: time, end: time
) -> tuple[WindowFit, int]:
    """How [start, end) on ``day`` lies within the rental windows.

    Returns the fit and the minutes that fall outside regular hours (those
    need a supervisor). The span is cut at every window edge; each piece must
    be covered by some window, and a piece covered only by "by agreement"
    windows makes the whole request one that needs agreement.
    """
    return _fit(tuple(w for w in windows if w.applies_on(day)), start, end)


@lru_cache(maxsize=4096)
def _fit(todays: tuple[WindowSpec, ...], start: time, end: time) -> tuple[WindowFit, int]:
    # Cached: a season search asks the same question of hundreds of rooms.
    edges = sorted({start, end} | {t for w in todays for t in (w.starts, w.ends) if start < t < end})
    agreement_minutes = 0
    for piece_start, piece_end in pairwise(edges):
        covering = [w for w in todays if w.starts <= piece_start and piece_end <= w.ends]
        if not covering:
            return WindowFit.OUTSIDE, 0
        if all(w.by_agreement for w in covering):
            agreement_minutes += _minutes_between(piece_start, piece_end)
    fit = WindowFit.BY_AGREEMENT if agreement_minutes else WindowFit.REGULAR
    return fit, agreement_minutes


def _minutes_between(a: time, b: time) -> int:
    return (b.hour * 60 + b.minute) - (a.hour * 60 + a.minute)


class Outcome(StrEnum):
    BOOKABLE = "bookable"
    CLOSED = "closed"
    PUBLIC_HOLIDAY = "public_holiday"
    OUTSIDE_RENTAL_HOURS = "outside_rental_hours"
    TAKEN = "taken"


@dataclass(frozen=True, slots=True)
class SlotVerdict:
    slot: Slot
    outcome: Outcome
    by_agreement: bool = False
    agreement_minutes: int = 0
    reason: str = ""
    conflicting_booking_ids: tuple[int, ...] = ()

    @property
    def bookable(self) -> bool:
        return self.outcome is Outcome.BOOKABLE


def judge_slot(
    slot: Slot,
    windows: Sequence[WindowSpec],
    blackouts: Sequence[Blackout],
    busy: Sequence[Busy],
) -> SlotVerdict:
    """Closures and holidays first (they explain the most), then hours, then bookings."""
    for blackout in blackouts:
        if overlaps(blackout.starts_at, blackout.ends_at, slot.starts_at, slot.ends_at):
            outcome = (
                Outcome.PUBLIC_HOLIDAY
                if blackout.reason_code == "public_holiday"
                else Outcome.CLOSED
            )
            return SlotVerdict(slot, outcome, reason=blackout.reason)
    fit, agreement_minutes = fit_to_windows(windows, slot.day, slot.start_local, slot.end_local)
    if fit is WindowFit.OUTSIDE:
        return SlotVerdict(slot, Outcome.OUTSIDE_RENTAL_HOURS)
    taken_by = tuple(
        sorted({b.booking_id for b in busy
                if overlaps(b.starts_at, b.ends_at, slot.starts_at, slot.ends_at)})
    )
    if taken_by:
        return SlotVerdict(slot, Outcome.TAKEN, conflicting_booking_ids=taken_by)
    return SlotVerdict(
        slot,
        Outcome.BOOKABLE,
        by_agreement=fit is WindowFit.BY_AGREEMENT,
        agreement_minutes=agreement_minutes,
    )


@dataclass
class RoomJudgement:
    """All verdicts for one room, split the way callers need them."""

    verdicts: list[SlotVerdict] = field(default_factory=list)

    @property
    def bookable(self) -> list[SlotVerdict]:
        return [v for v in self.verdicts if v.bookable]

    @property
    def refused(self) -> list[SlotVerdict]:
        return [v for v in self.verdicts if not v.bookable]

    @property
    def taken(self) -> list[SlotVerdict]:
        return [v for v in self.verdicts if v.outcome is Outcome.TAKEN]

    @property
    def needs_agreement(self) -> bool:
        return any(v.by_agreement for v in self.bookable)


def judge_slots(
    slots: Sequence[Slot],
    windows: Sequence[WindowSpec],
    blackouts: Sequence[Blackout],
    busy: Sequence[Busy],
) -> RoomJudgement:
    return RoomJudgement([judge_slot(s, windows, blackouts, busy) for s in slots])
