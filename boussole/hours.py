"""Opening hours in OpenStreetMap ``opening_hours`` syntax, through opening-hours-py, said in plain French.

French public holidays (``PH``) come from the library's calendar for the country ``FR``.
"""

from dataclasses import dataclass
from datetime import timedelta
from zoneinfo import ZoneInfo

import opening_hours
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

PARIS = ZoneInfo("Europe/Paris")
OPEN = "open"
CLOSED = "closed"
UNKNOWN = "unknown"
WEEKDAYS = ["lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche"]
DAY_NAMES = {"Mo": "lundi", "Tu": "mardi", "We": "mercredi", "Th": "jeudi", "Fr": "vendredi", "Sa": "samedi"}
DAY_NAMES["Su"] = "dimanche"
DAY_NAMES["PH"] = "jours fériés"


def parse(expression):
    """The parsed expression, in Paris time with French public holidays. Raises ``opening_hours.ParserError``."""
    return opening_hours.OpeningHours(expression, timezone=PARIS, country="FR")


def validate_opening_hours(value):
    """Model validator: a readable French message instead of the parser's trace."""
    if not value:
        return
    try:
        parse(value)
    except (opening_hours.ParserError, SyntaxError, ValueError) as exc:
        raise ValidationError(
            gettext_lazy(
                "Ces horaires ne sont pas au format OpenStreetMap. Exemple : « Mo-Fr 09:00-12:00,14:00-18:00; "
                "Sa 09:00-12:00; PH off » (Mo = lundi, Tu = mardi, We = mercredi, Th = jeudi, Fr = vendredi, "
                "Sa = samedi, Su = dimanche, PH = jours fériés)."
            ),
            code="invalid_opening_hours",
        ) from exc


def is_valid(expression):
    try:
        validate_opening_hours(expression)
    except ValidationError:
        return False
    return True


def say_hour(moment):
    """``18 h``, ``9 h 30``: hours as they are said in French."""
    moment = moment.astimezone(PARIS)
    return f"{moment.hour} h" if moment.minute == 0 else f"{moment.hour} h {moment.minute:02d}"


def say_when(moment, now):
    """``à 18 h`` today, ``demain à 9 h``, ``lundi à 9 h`` within a week, else ``le 3 mars à 9 h``."""
    moment, now = moment.astimezone(PARIS), now.astimezone(PARIS)
    days = (moment.date() - now.date()).days
    hour = say_hour(moment)
    if days == 0:
        return _("à %(hour)s") % {"hour": hour}
    if days == 1:
        return _("demain à %(hour)s") % {"hour": hour}
    if days < 7:
        return _("%(day)s à %(hour)s") % {"day": _(WEEKDAYS[moment.weekday()]), "hour": hour}
    return _("le %(date)s à %(hour)s") % {"date": date_format(moment.date(), "j F"), "hour": hour}


@dataclass
class Status:
    state: str
    text: str

    @property
    def is_open(self):
        return self.state == OPEN


def status(expression, at=None, closed_reason=""):
    """Open or closed at ``at`` (now by default), said in plain French.

    ``"Ouvert maintenant, jusqu'à 18 h"``, ``"Fermé — ouvre lundi à 9 h"``. A ``closed_reason`` (a temporary
    closure) wins over the usual hours.
    """
    at = (at or timezone.now()).astimezone(PARIS)
    if closed_reason:
        return Status(CLOSED, _("Fermé exceptionnellement — %(reason)s") % {"reason": closed_reason})
    if not expression:
        return Status(UNKNOWN, _("Horaires non renseignés"))
    try:
        parsed = parse(expression)
        state = parsed.state(at)[0]
        change = parsed.next_change(at)
    except (opening_hours.ParserError, SyntaxError, ValueError):
        return Status(UNKNOWN, _("Horaires non renseignés"))
    if state == opening_hours.State.OPEN:
        if change is None or change - at > timedelta(days=7):
            return Status(OPEN, _("Ouvert maintenant"))
        if change.astimezone(PARIS).date() == at.astimezone(PARIS).date():
            return Status(OPEN, _("Ouvert maintenant, jusqu'à %(hour)s") % {"hour": say_hour(change)})
        return Status(OPEN, _("Ouvert maintenant, jusqu'à %(when)s") % {"when": say_when(change, at)})
    if state == opening_hours.State.CLOSED:
        if change is None or change - at > timedelta(days=60):
            return Status(CLOSED, _("Fermé"))
        return Status(CLOSED, _("Fermé — ouvre %(when)s") % {"when": say_when(change, at)})
    return Status(UNKNOWN, _("Horaires à vérifier auprès de la structure"))


def describe(expression):
    """The usual week as readable lines: ``[("lundi", "9 h – 12 h, 14 h – 18 h"), …]``; ``[]`` if unreadable.

    Built from the week of intervals the library computes, so it says what the expression means.
    """
    if not expression:
        return []
    try:
        parsed = parse(expression)
    except (opening_hours.ParserError, SyntaxError, ValueError):
        return []
    # A reference week without public holidays: the week starting on Monday 2 March 2026.
    start = timezone.datetime(2026, 3, 2, tzinfo=PARIS)
    days = {index: [] for index in range(7)}
    for begin, end, state, _comment in parsed.intervals(start, start + timedelta(days=7)):
        if state != opening_hours.State.OPEN:
            continue
        begin, end = begin.astimezone(PARIS), end.astimezone(PARIS)
        days[begin.weekday()].append(f"{say_hour(begin)} – {say_hour(end) if end.hour or end.minute else '24 h'}")
    lines = []
    for index, ranges in days.items():
        lines.append((_(WEEKDAYS[index]), ", ".join(ranges) if ranges else _("fermé")))
    return lines


def summarize(expression):
    """The week in one line, days with the same hours grouped: ``"lundi au vendredi : 9 h – 12 h"``."""
    groups = []
    for day, ranges in describe(expression):
        if groups and groups[-1][2] == ranges:
            groups[-1][1] = day
        else:
            groups.append([day, day, ranges])
    parts = []
    for first, last, ranges in groups:
        if ranges == _("fermé"):
            continue
        days = first if first == last else _("%(first)s au %(last)s") % {"first": first, "last": last}
        parts.append(f"{days} : {ranges}")
    return " ; ".join(parts) or expression
