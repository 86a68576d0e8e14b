"""Schema pieces shared by the domains' APIs."""

from __future__ import annotations

from marshmallow import fields

from booking.core.timeutil import to_local


class LocalDateTime(fields.DateTime):
    """Serialise a UTC instant as Oslo time with its offset (2026-12-03T18:00:00+01:00)."""

    def _serialize(self, value, attr, obj, **kwargs):
        return None if value is None else to_local(value).isoformat()
