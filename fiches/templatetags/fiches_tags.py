from django import template
from django.utils.html import escape, urlize
from django.utils.safestring import mark_safe

register = template.Library()


@register.filter
def paragraphs(text):
    """Plain text as HTML: a blank line makes a paragraph, lines starting with « - » make a list. Escaped."""
    html = []
    for block in (text or "").split("\n\n"):
        lines = [line for line in block.split("\n") if line.strip()]
        if not lines:
            continue
        if all(line.startswith("- ") for line in lines):
            items = "".join(f"<li>{urlize(escape(line[2:].strip()))}</li>" for line in lines)
            html.append(f"<ul>{items}</ul>")
        else:
            html.append("<p>" + "<br>".join(urlize(escape(line)) for line in lines) + "</p>")
    return mark_safe("\n".join(html))  # noqa: S308 - every piece is escaped above


@register.filter
def lines(text):
    """The non-blank lines of a text field."""
    return [line.strip() for line in (text or "").splitlines() if line.strip()]
