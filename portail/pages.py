"""Page look-ups that cost no query of their own: a page list without private pages, a page's view restrictions.

Wagtail's ``PageQuerySet.public()`` first reads every view restriction (one query) to build its filter, and
``Page.get_view_restrictions()`` reads the page's ancestors (one query) before their restrictions: here each is a
condition of the one query that needs it.
"""

from django.db.models import Exists, OuterRef
from django.db.models.functions import Coalesce, Length, Substr
from django.http import Http404


def restricted():
    """True for a page whose own path or one of its ancestors' starts a view restriction (a private section)."""
    from wagtail.models import PageViewRestriction

    return Exists(PageViewRestriction.objects.filter(page__path=Substr(OuterRef("path"), 1, Length("page__path"))))


def public(pages):
    """``pages.public()`` in the same query: the pages outside every private section."""
    return pages.filter(~restricted())


class OneQueryViewRestrictionsMixin:
    """``get_view_restrictions()`` in one query (Wagtail's checks them before serving every page).

    As Wagtail's: the restrictions of the page and of its ancestors, an alias (or an alias of an alias) answering
    with its source page's. The ancestors' paths are the page's path cut at each level of the tree.
    """

    def get_view_restrictions(self):
        from wagtail.models import Page, PageViewRestriction

        paths = [self.path[:end] for end in range(self.steplen, len(self.path) + 1, self.steplen)]
        checked = (
            Page.objects.filter(path__in=paths)
            .annotate(checked=Coalesce("alias_of__alias_of_id", "alias_of_id", "id"))
            .values("checked")
        )
        return PageViewRestriction.objects.filter(page_id__in=checked)


class OneQueryChildRouteMixin:
    """Routes to a child page in one query: the child's own row comes with it (Wagtail reads the child, then its
    specific row). The child types are the page's ``subpage_types`` that extend ``Page`` directly; any other child
    is routed as Wagtail does."""

    def route(self, request, path_components):
        from wagtail.models import Page

        if not path_components:
            return super().route(request, path_components)
        names = {
            model: model._meta.model_name for model in self.allowed_subpage_models() if Page in model._meta.parents
        }
        child = self.get_children().select_related(*names.values()).filter(slug=path_components[0]).first()
        if child is None:
            raise Http404
        name = names.get(child.specific_class)
        specific = getattr(child, name) if name else child.specific
        specific._cached_parent_obj = self
        return specific.route(request, path_components[1:])
