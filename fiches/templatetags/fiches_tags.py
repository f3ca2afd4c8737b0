from itertools import groupby

from django import template
from django.utils.html import urlize
from django.utils.safestring import mark_safe

register = template.Library()


@register.filter
def paragraphs(text):
    """Plain text as HTML: a blank line makes a paragraph, lines starting with « - » make a list. Escaped."""
    html = []
    for block in (text or "").split("\n\n"):
        lines = [line for line in block.split("\n") if line.strip()]
        for is_list, group in groupby(lines, key=lambda line: line.startswith("- ")):
            if is_list:
                items = "".join(f"<li>{urlize(line[2:].strip(), autoescape=True)}</li>" for line in group)
                html.append(f"<ul>{items}</ul>")
            else:
                html.append("<p>" + "<br>".join(urlize(line, autoescape=True) for line in group) + "</p>")
    return mark_safe("\n".join(html))  # noqa: S308 - urlize escapes every piece


@register.filter
def lines(text):
    """The non-blank lines of a text field."""
    return [line.strip() for line in (text or "").splitlines() if line.strip()]
