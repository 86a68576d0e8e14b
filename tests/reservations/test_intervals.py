from datetime import time

import pytest

from booking.reservations.intervals import Interval, merge, overlaps, subtract


def iv(a, b):
    return Interval(time(*a), time(*b))


@pytest.mark.parametrize(("a", "b", "expected"), [
    (((18,), (20,)), ((20,), (22,)), False),  # touching: half-open, no conflict
    (((18,), (20,)), ((19, 59), (22,)), True),
    (((18,), (20,)), ((17,), (18,)), False),
    (((18,), (20,)), ((17,), (18, 1)), True),
    (((18,), (20,)), ((18,), (20,)), True),  # identical
    (((18,), (20,)), ((18, 30), (19,)), True),  # inside
    (((18,), (20,)), ((17,), (21,)), True),  # around
    (((18,), (20,)), ((21,), (22,)), False),  # apart
])
def test_overlap_table(a, b, expected):
    first, second = iv(*a), iv(*b)
    assert first.overlaps(second) is expected
    assert second.overlaps(first) is expected
    assert overlaps(first.start, first.end, second.start, second.end) is expected


def test_empty_and_reversed_intervals_are_refused():
    with pytest.raises(ValueError):
        iv((18,), (18,))
    with pytest.raises(ValueError):
        iv((19,), (18,))


def test_merge_joins_overlapping_and_touching():
    merged = merge([iv((20,), (22,)), iv((17,), (18,)), iv((18,), (19,)), iv((21,), (23,))])
    assert merged == [iv((17,), (19,)), iv((20,), (23,))]


def test_subtract_cuts_holes_and_edges():
    base = [iv((17,), (23,))]
    cuts = [iv((16,), (18,)), iv((19,), (20,)), iv((22, 30), (23, 30))]
    assert subtract(base, cuts) == [iv((18,), (19,)), iv((20,), (22, 30))]


def test_subtract_everything_leaves_nothing():
    assert subtract([iv((17,), (18,))], [iv((17,), (18,))]) == []
