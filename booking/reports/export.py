"""The utilisation report as plain rows: one shape for the JSON of the API, the CSV and the
page's tables, so the three always show the same numbers."""

from __future__ import annotations

import csv
import io
from typing import Any

from booking.reports.queries import Report
from booking.reports.utilisation import Figures


def figures(f: Figures) -> dict[str, Any]:
    return {"rentable_hours": f.rentable_hours, "booked_hours": f.booked_hours,
            "used_hours": f.used_hours, "booked_share": f.booked_share, "used_share": f.used_share}


def as_dict(report: Report) -> dict[str, Any]:
    u = report.figures
    names = report.building_names
    return {
        "scope": {"building_id": report.scope.building_id, "room_type": report.scope.room_type,
                  "name": report.scope_name},
        "from": u.first, "to": u.last, "units": u.units,
        "counted": {"booking_statuses": ["confirmed", "pending_payment"],
                    "unit": "unit-hours", "used": "over and not marked as a no-show"},
        "total": {**figures(u.total), "outside_hours": u.outside_hours_total},
        "by_week": [{"year": year, "week": week, **figures(f)}
                    for (year, week), f in u.by_week.items()],
        "by_weekday_hour": [{"weekday": weekday, "hour": hour, **figures(f)}
                            for (weekday, hour), f in u.by_weekday_hour.items()],
        "by_building": [
            {"building_id": building_id, "building": names.get(building_id, ""), **figures(f),
             "outside_hours": round(u.outside_by_building.get(building_id, 0) / 3600, 2)}
            for building_id, f in sorted(u.by_building.items(),
                                         key=lambda item: names.get(item[0], ""))],
        "emptiest_evenings": [
            {"building_id": e.building_id, "building": names.get(e.building_id, ""),
             "date": e.day, "open_hours": e.open_hours, **figures(e.figures)}
            for e in u.emptiest_evenings()],
        "unbooked_evenings": u.unbooked_evenings,
    }


CSV_HEADER = ("section", "key", "name", "rentable_hours", "booked_hours", "used_hours",
              "booked_percent", "used_percent", "open_hours")


def _number(value: float | None) -> str:
    # A decimal comma: what a spreadsheet in Norway reads as a number with ';' columns.
    return "" if value is None else f"{value:.2f}".replace(".", ",")


def _percent(share: float | None) -> str:
    return "" if share is None else _number(share * 100)


def to_csv(report: Report) -> str:
    """Semicolon-separated with a byte order mark (Excel in Norway opens it with æøå intact),
    one section per breakdown; the column names are for import, so they stay English."""
    u = report.figures
    names = report.building_names
    out = io.StringIO()
    out.write("\ufeff")
    writer = csv.writer(out, delimiter=";", lineterminator="\r\n")
    writer.writerow(CSV_HEADER)

    def row(section: str, key: str, name: str, f: Figures, open_hours: float | None = None) -> None:
        writer.writerow((section, key, name, _number(f.rentable_hours), _number(f.booked_hours),
                         _number(f.used_hours), _percent(f.booked_share), _percent(f.used_share),
                         _number(open_hours)))

    row("total", f"{u.first.isoformat()}/{u.last.isoformat()}", report.scope_name, u.total)
    writer.writerow(("outside_hours", "", report.scope_name, "", _number(u.outside_hours_total),
                     "", "", "", ""))
    for (year, week), f in u.by_week.items():
        row("week", f"{year}-W{week:02d}", "", f)
    for (weekday, hour), f in u.by_weekday_hour.items():
        row("weekday_hour", f"{weekday + 1}-{hour:02d}", "", f)
    for building_id, f in sorted(u.by_building.items(), key=lambda item: names.get(item[0], "")):
        row("building", str(building_id), names.get(building_id, ""), f)
    for e in u.evenings:
        row("evening", f"{e.building_id}/{e.day.isoformat()}", names.get(e.building_id, ""),
            e.figures, e.open_hours)
    return out.getvalue()
