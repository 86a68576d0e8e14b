"""Half-open interval arithmetic: [start, end), so 18-20 and 20-22 do not meet.

Pure: no Flask, no database. Works on anything ordered (datetimes, times).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any, Generic, TypeVar

T = TypeVar("T")


@dataclass(frozen=True, order=True)
class Interval(Generic[T]):
    start: T
    end: T

    def __post_init__(self) -> None:
        if not self.start < self.end:  # type: ignore[operator]
            raise ValueError(f"empty or reversed interval {self.start!r}..{self.end!r}")

    def overlaps(self, other: Interval[Any]) -> bool:
        return overlaps(self.start, self.end, other.start, other.end)


def overlaps(a_start: Any, a_end: Any, b_start: Any, b_end: Any) -> bool:
    """Half-open: [a_start, a_end) and [b_start, b_end) share a moment."""
    return a_start < b_end and b_start < a_end


def merge(intervals: Iterable[Interval[T]]) -> list[Interval[T]]:
    """Union of intervals as sorted, disjoint, non-touching intervals."""
    merged: list[Interval[T]] = []
    for current in sorted(intervals):
        if merged and current.start <= merged[-1].end:  # type: ignore[operator]
            last = merged[-1]
            if current.end > last.end:  # type: ignore[operator]
                merged[-1] = Interval(last.start, current.end)
        else:
            merged.append(current)
    return merged


def subtract(base: Iterable[Interval[T]], cuts: Iterable[Interval[T]]) -> list[Interval[T]]:
    """What is left of ``base`` once every part covered by ``cuts`` is removed."""
    remaining = merge(base)
    for cut in merge(cuts):
        pieces: list[Interval[T]] = []
        for piece in remaining:
            if not piece.overlaps(cut):
                pieces.append(piece)
                continue
            if piece.start < cut.start:  # type: ignore[operator]
                pieces.append(Interval(piece.start, cut.start))
            if cut.end < piece.end:  # type: ignore[operator]
                pieces.append(Interval(cut.end, piece.end))
        remaining = pieces
    return remaining
