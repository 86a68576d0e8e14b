"""The account jobs that must look the same from outside whether an address is
registered or not: the request only queues them (``registration``, ``passwords``)."""

from __future__ import annotations

from booking.accounts import passwords, registration
from booking.core.jobs import huey, job


@huey.task(retries=3, retry_delay=30)
@job
def register_account(email: str, name: str, password_hash: str, locale: str) -> None:
    registration.register(email, name, password_hash, locale)


@huey.task(retries=3, retry_delay=30)
@job
def send_password_reset(email: str) -> None:
    passwords.send_reset(email)
