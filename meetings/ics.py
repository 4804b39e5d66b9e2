"""iCalendar (RFC 5545) for meetings: one meeting, a group's whole calendar, e-mail invitations.

The icalendar library does the wire format (CRLF line ends, folding at 75 octets, escaping of
``, ; \\`` and newlines); this module decides what goes in. Times are written in UTC (``…Z``), so no
VTIMEZONE is needed, and each meeting's UID is built from the group and the meeting number, so a
calendar that subscribed to the feed updates the same event instead of adding a copy.
"""

from __future__ import annotations

import datetime
from urllib.parse import urlparse

from django.conf import settings
from django.utils.translation import gettext as _
from icalendar import Calendar, Event, vCalAddress, vText

from meetings.models import Meeting, MeetingFormat, MeetingStatus

PRODID = "-//Ministry of Economy and Commerce KR//Regional Programme Portal//EN"
DEFAULT_LENGTH = datetime.timedelta(hours=2)


def _utc(value: datetime.datetime) -> datetime.datetime:
    return value.astimezone(datetime.UTC)


def meeting_uid(meeting: Meeting) -> str:
    host = urlparse(settings.PORTAL_URL).hostname or "localhost"
    return f"meeting-{meeting.group.slug}-{meeting.number}@{host}"


def _absolute(path: str) -> str:
    return settings.PORTAL_URL.rstrip("/") + path


def meeting_event(meeting: Meeting, *, full: bool) -> Event:
    """The VEVENT of a meeting. ``full`` adds what only the group sees: the online link and the
    agenda (callers pass it for the group's members and the secretariat only)."""
    event = Event()
    event.add("uid", meeting_uid(meeting))
    event.add("dtstamp", _utc(meeting.updated_at or meeting.created_at))
    event.add("dtstart", _utc(meeting.starts_at))
    event.add("dtend", _utc(meeting.ends_at or meeting.starts_at + DEFAULT_LENGTH))
    # Grows with every saved change, so calendar clients take the newer invitation.
    event.add("sequence", int(meeting.updated_at.timestamp()) // 60 if meeting.updated_at else 0)
    event.add(
        "summary",
        _("Working group meeting No. %(number)s: %(group)s")
        % {"number": meeting.number, "group": meeting.group.name},
    )
    location = meeting.place
    if full and meeting.online_link and meeting.format != MeetingFormat.IN_PERSON:
        location = f"{location} ({meeting.online_link})" if location else meeting.online_link
    if location:
        event.add("location", location)
    url = _absolute(meeting.get_absolute_url())
    event.add("url", url)
    lines = [f"{_('Format')}: {meeting.get_format_display()}"]
    if full:
        if meeting.online_link:
            lines.append(f"{_('Online link')}: {meeting.online_link}")
        items = sorted(meeting.agenda_items.all(), key=lambda item: item.position)
        if items:
            lines.append(_("Agenda") + ":")
            lines.extend(f"{item.position}. {item.title}" for item in items)
    lines.append(url)
    event.add("description", "\n".join(lines))
    event.add("status", "CANCELLED" if meeting.status == MeetingStatus.CANCELLED else "CONFIRMED")
    return event


def _calendar(name: str, method: str | None) -> Calendar:
    calendar = Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    if method:
        calendar.add("method", method)
    calendar.add("x-wr-calname", name)
    return calendar


def meeting_calendar(
    meeting: Meeting, *, method: str | None = None, full: bool = False, organizer=None
) -> bytes:
    """One meeting as a calendar; with ``method="REQUEST"`` it is an invitation (iTIP), which
    needs an ORGANIZER."""
    calendar = _calendar(str(meeting.group.name), method)
    event = meeting_event(meeting, full=full)
    if method == "REQUEST":
        address = vCalAddress(f"mailto:{settings.DEFAULT_FROM_EMAIL}")
        name = (organizer.get_full_name() if organizer else "") or str(meeting.group.name)
        address.params["cn"] = vText(name)
        event.add("organizer", address, encode=0)
    calendar.add_component(event)
    return calendar.to_ical()


def group_calendar(group, meetings, *, full: bool) -> bytes:
    calendar = _calendar(str(group.name), "PUBLISH")
    for meeting in meetings:
        calendar.add_component(meeting_event(meeting, full=full))
    return calendar.to_ical()
