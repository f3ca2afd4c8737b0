"""Parse a page as a browser would (html5lib, the WHATWG algorithm) and list what could run in it.

The site's own pages have no inline script, no event handler and no ``style`` attribute (the CSP contract), so
anything of the kind in a page comes from what somebody wrote.
"""

import re
from pathlib import Path

import html5lib

PAYLOADS_FILE = Path(__file__).with_name("xss_payloads.txt")
ESCAPES = {"\\n": "\n", "\\t": "\t", "\\x00": "\x00", "\\x01": "\x01"}

#: Elements that load or run something whatever their attributes.
FORBIDDEN_ELEMENTS = {
    "iframe", "frame", "frameset", "object", "embed", "applet", "base", "portal", "bgsound", "layer", "handler",
}  # fmt: skip
#: Attributes whose value the browser follows as an address, or evaluates.
URL_ATTRIBUTES = {
    "href", "src", "action", "formaction", "data", "background", "poster", "ping", "srcset", "lowsrc", "dynsrc",
    "codebase", "cite", "longdesc", "usemap", "manifest", "xmlns", "to", "values", "from", "by", "content",
}  # fmt: skip
DATA_SCRIPT_TYPES = {"application/json", "application/ld+json"}
DANGEROUS_SCHEMES = ("javascript:", "vbscript:", "data:", "livescript:", "mocha:")


def load_payloads():
    payloads = []
    for line in PAYLOADS_FILE.read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        for escape, char in ESCAPES.items():
            line = line.replace(escape, char)
        payloads.append(line)
    return payloads


def _local(name):
    return name.rsplit("}", 1)[-1].lower()


def _squash(value):
    """An address as the browser reads it: tabs and new lines inside are ignored, leading controls dropped."""
    value = re.sub(r"[\t\n\r]", "", value)
    return value.lstrip("".join(chr(c) for c in range(33))).lower()


def dangers(html, static_prefix="/static/"):
    """What in ``html`` could run script or load something foreign; an empty list for a safe page."""
    found = []
    document = html5lib.parse(html, namespaceHTMLElements=False)
    for element in document.iter():
        if not isinstance(element.tag, str):
            continue  # comments
        tag = _local(element.tag)
        if tag == "script" and element.get("type", "").lower() in DATA_SCRIPT_TYPES and not element.get("src"):
            continue  # a data block (Django's json_script): never run, its text escaped by Django
        if tag == "script":
            src = element.get("src", "")
            if not src.startswith(static_prefix) or (element.text or "").strip():
                found.append(f"<script src={src!r}>{(element.text or '')[:40]!r}")
        elif tag in FORBIDDEN_ELEMENTS:
            found.append(f"<{tag}>")
        elif tag == "style":
            found.append(f"<style>{(element.text or '')[:40]!r}")  # the site's CSS is in static files only
        elif tag == "form" and _squash(element.get("action", "")).startswith(("http:", "https:", "//")):
            found.append(f"<form action={element.get('action')!r}>")
        elif tag == "meta" and element.get("http-equiv", "").lower() == "refresh":
            found.append("<meta http-equiv=refresh>")
        elif tag == "link" and not element.get("href", "").startswith((static_prefix, "/", "http")):
            found.append(f"<link href={element.get('href')!r}>")
        for raw_name, value in element.attrib.items():
            name = _local(raw_name)
            if name.startswith("on"):
                found.append(f"<{tag} {name}=…>")
            elif name == "style":
                found.append(f"<{tag} style={value[:40]!r}>")  # no style attribute anywhere (CSP contract)
            elif name in ("srcdoc", "ping"):
                found.append(f"<{tag} srcdoc>")
            elif name in URL_ATTRIBUTES and _squash(value).startswith(DANGEROUS_SCHEMES):
                if tag == "meta" and name == "content":
                    continue  # <meta content> is text, except for refresh (caught above)
                found.append(f"<{tag} {name}={value[:40]!r}>")
    return found
