"""Human names for room types and facilities in the user's language."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l

from booking.core.i18n import current_language

ROOM_TYPE_LABELS = {
    "gymsal": _l("gym hall"),
    "aula": _l("assembly hall"),
    "klasserom": _l("classroom"),
    "skolekjokken": _l("school kitchen"),
    "musikkrom": _l("music room"),
    "moterom": _l("meeting room"),
}

FACILITY_LABELS = {
    "kitchen": _l("kitchen"),
    "stage": _l("stage"),
    "piano": _l("piano"),
    "projector": _l("projector"),
    "sound_system": _l("sound system"),
    "step_free_access": _l("step-free access"),
    "accessible_toilet": _l("accessible toilet"),
    "changing_rooms": _l("changing rooms"),
    "showers": _l("showers"),
    "sports_equipment": _l("sports equipment"),
    "wifi": _l("wifi"),
    "whiteboard": _l("whiteboard"),
}


_translated: dict[str, dict[str, str]] = {}


def labels() -> dict[str, str]:
    """All labels in the current language, translated once per language (the
    availability search labels hundreds of rooms per request)."""
    language = current_language()
    if language not in _translated:
        _translated[language] = {code: str(label) for code, label in
                                 (*ROOM_TYPE_LABELS.items(), *FACILITY_LABELS.items())}
    return _translated[language]


def room_type_label(code: str) -> str:
    return labels().get(code, code)


def facility_label(code: str) -> str:
    return labels().get(code, code)
