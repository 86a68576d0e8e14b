"""Rate limits (Flask-Limiter). In memory per process by default; production
should point BOOKING_RATELIMIT_STORAGE_URI at Redis so all processes share them."""

from __future__ import annotations

from flask_limiter import Limiter
from flask_limiter.util import get_remote_address

limiter = Limiter(key_func=get_remote_address, default_limits=[])
