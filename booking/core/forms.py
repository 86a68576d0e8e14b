"""Pages read their forms with the API's own schemas, so a rule is written once.

``read_form`` turns a submitted form (query string or body) into the values a
schema loads, or into one message per field in the visitor's language, ready
to be shown next to the field. Empty inputs are left out, as an API client
would leave them out; checkboxes and repeated selects become lists where the
schema takes a list.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from marshmallow import Schema, ValidationError, fields
from werkzeug.datastructures import MultiDict

from booking.core.errorhandlers import translate_field_messages


@dataclass
class FormResult:
    values: dict[str, Any] | None  # what the schema loaded, or None when a field is wrong
    errors: dict[str, str] = field(default_factory=dict)  # field name -> message

    @property
    def ok(self) -> bool:
        return self.values is not None


def read_form(schema: Schema, form: MultiDict, only: set[str] | None = None) -> FormResult:
    raw: dict[str, Any] = {}
    for name, declared in schema.fields.items():
        key = declared.data_key or name
        if only is not None and key not in only:
            continue
        if isinstance(declared, fields.List):
            present = [v for v in form.getlist(key) if v.strip()]
            if present:
                raw[key] = present
        elif (value := form.get(key, "").strip()) != "":
            raw[key] = value
    try:
        return FormResult(schema.load(raw))
    except ValidationError as invalid:
        messages = translate_field_messages(invalid.messages)
        return FormResult(None, {key: _first(message) for key, message in messages.items()})


def _first(message: Any) -> str:
    """One message per field: the first of a list, or of a list's items."""
    while isinstance(message, (list, dict)):
        message = next(iter(message.values() if isinstance(message, dict) else message), "")
    return str(message)
