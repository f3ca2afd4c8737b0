"""``{% definedwords enabled %}…{% enddefinedwords %}`` and ``|defined_words``: the dictionary's words linked to
their definitions in what they wrap (``portail.autolink``). The first occurrence on a page only: the addresses
already linked are remembered on the request."""

from django import template

from portail.autolink import link_defined_words

register = template.Library()


def _seen(context):
    request = context.get("request")
    if request is None:
        return set()
    if not hasattr(request, "_defined_words_seen"):
        request._defined_words_seen = set()
    return request._defined_words_seen


def _skip(context):
    """On a term's own page, its word is not linked to itself."""
    term = context.get("term")
    return (term.url,) if term is not None and getattr(term, "slug", None) else ()


class DefinedWordsNode(template.Node):
    def __init__(self, nodelist, enabled):
        self.nodelist = nodelist
        self.enabled = enabled

    def render(self, context):
        output = self.nodelist.render(context)
        if self.enabled is not None and not self.enabled.resolve(context):
            return output
        return link_defined_words(output, skip_urls=_skip(context), seen=_seen(context))


@register.tag("definedwords")
def defined_words_tag(parser, token):
    bits = token.split_contents()
    enabled = parser.compile_filter(bits[1]) if len(bits) > 1 else None
    nodelist = parser.parse(("enddefinedwords",))
    parser.delete_first_token()
    return DefinedWordsNode(nodelist, enabled)


@register.simple_tag(takes_context=True)
def defined_words(context, markup, enabled=True):
    """``{% defined_words some_html %}``: that HTML (already safe) with its defined words linked."""
    if not enabled:
        return markup
    return link_defined_words(markup, skip_urls=_skip(context), seen=_seen(context))
