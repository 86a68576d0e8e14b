"""Price quotes and refunds in integer øre.

Pure. A quote is the sum of its occurrences: hourly rent pro rata by the
minute, a supervisor surcharge for the minutes outside regular hours, and a
cleaning fee per occurrence where the price list has one. Rental of premises
is VAT-exempt in Norway unless the price list says otherwise.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass


@dataclass(frozen=True)
class Rate:
    hourly_ore: int
    supervisor_hourly_ore: int = 0
    cleaning_fee_ore: int = 0
    vat_percent: int = 0


@dataclass(frozen=True)
class QuotedOccurrence:
    minutes: int
    supervisor_minutes: int = 0


@dataclass(frozen=True)
class Quote:
    rent_ore: int
    supervisor_ore: int
    cleaning_ore: int
    vat_ore: int
    occurrences: int
    per_occurrence_ore: tuple[int, ...]

    @property
    def total_ore(self) -> int:
        return self.rent_ore + self.supervisor_ore + self.cleaning_ore + self.vat_ore


def _pro_rata(hourly_ore: int, minutes: int) -> int:
    """Hourly price for a number of minutes, rounded half up to whole øre."""
    return (hourly_ore * minutes + 30) // 60


def quote(rate: Rate, occurrences: Sequence[QuotedOccurrence]) -> Quote:
    rent = supervisor = cleaning = vat = 0
    per_occurrence: list[int] = []
    for occ in occurrences:
        o_rent = _pro_rata(rate.hourly_ore, occ.minutes)
        o_supervisor = _pro_rata(rate.supervisor_hourly_ore, occ.supervisor_minutes)
        o_cleaning = rate.cleaning_fee_ore
        o_vat = ((o_rent + o_supervisor + o_cleaning) * rate.vat_percent + 50) // 100
        rent, supervisor, cleaning, vat = (
            rent + o_rent, supervisor + o_supervisor, cleaning + o_cleaning, vat + o_vat
        )
        per_occurrence.append(o_rent + o_supervisor + o_cleaning + o_vat)
    return Quote(rent, supervisor, cleaning, vat, len(per_occurrence), tuple(per_occurrence))


@dataclass(frozen=True)
class CancellationPolicy:
    """Full refund up to ``full_refund_hours`` before the start, a share up to
    ``partial_refund_hours`` before, nothing after that."""

    full_refund_hours: int = 168
    partial_refund_hours: int = 48
    partial_refund_percent: int = 50


def refund_ore(price_ore: int, hours_before_start: float, policy: CancellationPolicy) -> int:
    if hours_before_start >= policy.full_refund_hours:
        return price_ore
    if hours_before_start >= policy.partial_refund_hours:
        return (price_ore * policy.partial_refund_percent) // 100
    return 0
