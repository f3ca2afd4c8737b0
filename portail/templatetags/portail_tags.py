"""Site-wide template tags: the language switch and the reading preferences switch of the header."""

from django import template
from django.urls import reverse
from django.utils.http import urlencode

from portail.languages import language_links
from portail.preferences import SETTING_LABELS, SETTINGS, ReadingPreferences

register = template.Library()


@register.inclusion_tag("includes/language_switch.html", takes_context=True)
def language_switch(context):
    request = context.get("request")
    if request is None:
        return {"languages": []}
    return {"languages": language_links(request, context.get("page"))}


@register.inclusion_tag("includes/reading_preferences.html", takes_context=True)
def reading_preferences_switch(context):
    """Links that set the text size or the contrast, then come back to this page (no JavaScript needed)."""
    request = context.get("request")
    if request is None:
        return {"settings": []}
    preferences = context.get("reading_preferences") or ReadingPreferences.from_request(request)
    action = reverse("reading_preferences")
    next_url = request.get_full_path()
    settings = []
    for name in SETTINGS:
        options = [
            {"label": label, "current": current, "url": f"{action}?{urlencode({name: value, 'next': next_url})}"}
            for value, label, current in preferences.options(name)
        ]
        settings.append({"name": name, "label": SETTING_LABELS[name], "options": options})
    return {"settings": settings}
