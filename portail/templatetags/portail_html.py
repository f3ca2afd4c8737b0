"""Template filters that show what people wrote without letting it run: rich text and addresses."""

from django import template
from django.utils.safestring import mark_safe
from wagtail.rich_text import expand_db_html

from portail import sanitise

register = template.Library()


@register.filter
def rich_text(value):
    """A rich-text field, its internal links expanded, cleaned again by the site's policy on the way out."""
    return mark_safe(sanitise.clean_html(expand_db_html(str(value or "")), shown=True))  # noqa: S308 - bleach


@register.filter
def safe_url(value):
    """An address for ``href``: kept if it is http(s), mailto, tel or a path of the site, else empty."""
    return sanitise.safe_url(str(value or ""))
