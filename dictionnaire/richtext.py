"""A tiny writing convention for the workshop form, which works without JavaScript.

Children type plain text: a blank line starts a new paragraph, a line starting with « - » is a list item,
**words** between double stars are bold, web addresses become links. It is turned into the limited rich
text of a definition (then sanitised by bleach), and back into text to improve an existing definition.
"""

import html
import re

import bleach

from dictionnaire.text import sanitise_html

BOLD = re.compile(r"\*\*(.+?)\*\*")


def _inline(text):
    text = html.escape(text, quote=False)
    return BOLD.sub(r"<b>\1</b>", text)


#: A list item: a line starting with a dash (or the en dash and bullet that phones and word processors put).
LIST_ITEM = re.compile(r"^[-–•]\s+")


def _block_html(lines):
    """A block's lines: runs of list items become lists, the other lines paragraphs (lines joined by <br>)."""
    parts, run, in_list = [], [], False
    for line in [*lines, None]:
        is_item = line is not None and bool(LIST_ITEM.match(line))
        if run and (line is None or is_item != in_list):
            if in_list:
                parts.append("<ul>" + "".join(f"<li>{_inline(item)}</li>" for item in run) + "</ul>")
            else:
                parts.append("<p>" + "<br>".join(_inline(item) for item in run) + "</p>")
            run = []
        if line is not None:
            in_list = is_item
            run.append(LIST_ITEM.sub("", line).strip() if is_item else line)
    return parts


def text_to_html(text):
    blocks = re.split(r"\n\s*\n", (text or "").replace("\r\n", "\n").strip())
    parts = []
    for block in blocks:
        lines = [line.strip() for line in block.split("\n") if line.strip()]
        parts += _block_html(lines)
    linked = bleach.linkify("".join(parts), parse_email=False, callbacks=[]) if parts else ""
    return sanitise_html(linked)


def html_to_text(value):
    value = sanitise_html(value or "")
    value = re.sub(r"<a [^>]*>(.*?)</a>", r"\1", value)
    value = re.sub(r"</?(b|strong)>", "**", value)
    value = re.sub(r"</?(i|em)>", "", value)
    value = re.sub(r"<li>", "- ", value)
    value = re.sub(r"</li>", "\n", value)
    value = re.sub(r"<br\s*/?>", "\n", value)
    value = re.sub(r"</(p|ul|ol)>", "\n\n", value)
    value = re.sub(r"<[^>]+>", "", value)
    value = html.unescape(value)
    return re.sub(r"\n{3,}", "\n\n", value).strip()
