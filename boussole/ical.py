"""iCalendar feeds of the agenda (RFC 5545), made with the icalendar library, in Europe/Paris time."""

from datetime import date, timedelta

from django.utils import timezone
from icalendar import Calendar
from icalendar import Event as CalendarEvent

from boussole.hours import PARIS

DEFAULT_DURATION = timedelta(hours=2)


def calendar_for(events, name, request):
    """The ``.ics`` bytes of ``events``; each event's UID is stable, so calendar apps update instead of duplicating."""
    calendar = Calendar()
    calendar.add("prodid", "-//Portail de l'inclusion numérique//Boussole parentale//FR")
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("x-wr-calname", name)
    calendar.add("x-wr-timezone", "Europe/Paris")
    host = request.get_host().split(":")[0]
    stamp = timezone.now()
    events = list(events)
    for event in events:
        item = CalendarEvent()
        item.add("uid", f"boussole-evenement-{event.pk}@{host}")
        item.add("dtstamp", stamp)
        item.add("dtstart", event.start.astimezone(PARIS))
        item.add("dtend", (event.end or event.start + DEFAULT_DURATION).astimezone(PARIS))
        item.add("summary", event.title)
        description = event.description
        if event.registration_url or event.registration_phone:
            description += "\n\nInscription : " + " / ".join(
                part for part in (event.registration_url, event.registration_phone) if part
            )
        item.add("description", description)
        location = ", ".join(part for part in (event.place_label, event.adresse, event.commune) if part)
        if location:
            item.add("location", location)
        if event.has_coordinates:
            item.add("geo", (event.latitude, event.longitude))
        item.add("url", request.build_absolute_uri(event.get_absolute_url()))
        if event.structure_id and event.structure.courriel:
            item.add("organizer", f"mailto:{event.structure.courriel}")
        calendar.add_component(item)
    # A short VTIMEZONE (the years the events span) keeps the feed small for old phones.
    years = [event.start.year for event in events] or [stamp.year]
    calendar.add_missing_timezones(date(min(years) - 1, 1, 1), date(max(years) + 2, 1, 1))
    return calendar.to_ical()
