"""Norwegian organisation numbers (Enhetsregisteret): nine digits, mod-11 check.

Pure. The check digit is the ninth digit: 11 minus the weighted sum of the
first eight (weights 3 2 7 6 5 4 3 2) modulo 11; 11 becomes 0, and a result
of 10 means no valid number has those first eight digits.
"""

from __future__ import annotations

WEIGHTS = (3, 2, 7, 6, 5, 4, 3, 2)


def check_digit(first_eight: str) -> int | None:
    remainder = sum(int(d) * w for d, w in zip(first_eight, WEIGHTS, strict=True)) % 11
    digit = 11 - remainder
    if digit == 11:
        return 0
    if digit == 10:
        return None
    return digit


def normalise(raw: str) -> str:
    """Accept the usual written forms: '974 760 673', '974760673', 'NO 974 760 673 MVA'."""
    cleaned = raw.upper().replace(" ", "").replace("\u00a0", "").replace(".", "")
    cleaned = cleaned.removeprefix("NO").removesuffix("MVA")
    return cleaned


def is_valid(raw: str) -> bool:
    number = normalise(raw)
    if len(number) != 9 or not number.isdigit():
        return False
    return check_digit(number[:8]) == int(number[8])
