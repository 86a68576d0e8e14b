"""Amounts as people type them on a page: kroner, with a decimal comma or point and
spaces between the thousands ("1 250", "179,50", "12.5"); kept as integer øre."""

from __future__ import annotations

import re

_KRONER = re.compile(r"(\d{1,9})(?:[,.](\d{1,2}))?")


def parse_kroner(text: str) -> int | None:
    """Øre, or None when the text is not an amount (negative amounts are not)."""
    cleaned = re.sub(r"[\s\u00a0\u202f]", "", text).removesuffix("kr").removesuffix(",-")
    match = _KRONER.fullmatch(cleaned)
    if match is None:
        return None
    kroner, ore = match.groups()
    return int(kroner) * 100 + int((ore or "0").ljust(2, "0"))


def kroner_field(ore: int) -> str:
    """Øre as an input's value: whole kroner plain, else with a decimal comma."""
    kroner, rest = divmod(ore, 100)
    return str(kroner) if rest == 0 else f"{kroner},{rest:02d}"
