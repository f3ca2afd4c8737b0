from django import template
from django.utils.safestring import mark_safe
from wagtail.rich_text import expand_db_html

from dictionnaire.text import sanitise_html

register = template.Library()


@register.filter
def definition_html(value):
    """A definition's rich text, sanitised again on the way out (stored text may predate a stricter policy)."""
    return mark_safe(sanitise_html(expand_db_html(value or ""), shown=True))  # noqa: S308 - cleaned by bleach just before
