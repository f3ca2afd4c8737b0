"""Protection of the public forms against robots and floods: one honeypot field and one rate-limit helper.

Every public form that writes something (ask for a word, « moi aussi », propose a fiche, report an error on a
structure, enter a workshop code) uses both. Limits count per client address, hashed by django-ratelimit into
the cache for the length of the window only: no address is written to the database or to the logs.

The client address is the one login lockout uses (``portail.security.lockout.client_ip``): ``REMOTE_ADDR``, or,
behind ``PORTAIL_PROXY_COUNT`` reverse proxies, the address the outermost trusted proxy put in ``X-Forwarded-For``.
"""

import ipaddress

from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _
from django_ratelimit import ALL
from django_ratelimit.core import get_usage, is_ratelimited

from portail.security.lockout import client_ip as request_address

#: Requests allowed per client address and window, per form. A setting of the same name overrides any of them.
RATES = {
    "word-request": "20/h",
    "me-too": "60/h",
    "fiche-proposal": "5/h",
    "error-report": "5/h",
    "join-request": "5/h",
    "callback-request": "5/h",
    # Only wrong codes count, so a whole class behind one school address joins without trouble, while trying
    # the 887 million codes of the alphabet at 20 an hour from one address would take about 5,000 years.
    "workshop-code": "20/h",
    # The same wrong codes counted per browser too: one pupil who keeps mistyping is slowed down in their own
    # browser, and the adult can unlock their open workshop for the whole class (dictionnaire.workshops).
    "workshop-code-browser": "10/h",
}


def client_ip(group, request):
    """The address rate limits count by (django-ratelimit's key function signature: ``(group, request)``)."""
    address = request_address(request)
    try:
        return str(ipaddress.ip_address(address))
    except ValueError:
        return "unknown"


def rate_for(group):
    return getattr(settings, "PORTAIL_RATE_LIMITS", {}).get(group) or RATES[group]


def is_limited(request, group, increment=True, key=client_ip):
    """Whether this client went over the limit of ``group``; counts this request unless ``increment`` is off.
    ``key``: what is counted (django-ratelimit's ``(group, request)`` function), the client address by default."""
    if not getattr(settings, "RATELIMIT_ENABLE", True):
        return False
    return is_ratelimited(
        request, group=f"portail-{group}", key=key, rate=rate_for(group), method=ALL, increment=increment
    )


def is_used_up(request, group):
    """Whether this client's next post to ``group`` would be refused (its window is full); counts nothing.

    The form's page then says when to come back instead of showing a form that cannot be sent."""
    if not getattr(settings, "RATELIMIT_ENABLE", True):
        return False
    usage = get_usage(request, group=f"portail-{group}", key=client_ip, rate=rate_for(group), method=ALL)
    return usage is not None and usage["count"] >= usage["limit"]


class HoneypotMixin(forms.Form):
    """A field people never see nor fill (hidden by CSS, out of the tab order, hidden from screen readers);
    robots that fill every field give themselves away. Views then say « merci » and keep nothing."""

    website = forms.CharField(
        label=_("Ne remplissez pas ce champ"),
        required=False,
        widget=forms.TextInput(attrs={"autocomplete": "off", "tabindex": "-1"}),
    )

    def is_bot(self):
        return bool(self.data.get("website"))
