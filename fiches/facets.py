"""Facets (département, thème, public) and full-text search over the fiches of the index page.

Values inside one facet add up (Nord OR Somme); facets narrow each other (Nord AND tablette). Each value's
count is the number of fiches it would give with the other facets as they are, as in any faceted search.
The fiches are few (tens to hundreds) and light without their body: they are read in three queries
(pages, then themes and publics together), then filtered and counted in memory, so the page's query count does not grow.
"""

from collections import Counter

from django.db.models import CharField, Value
from django.utils.translation import gettext as _

from fiches.booklet import DEPARTEMENTS
from portail.sanitise import plain_query

QUERY_MAX_LENGTH = 100
FACETS = ("departement", "theme", "public")


class FicheSearch:
    def __init__(self, fiches, params, searchable=None):
        """``searchable``: ``fiches`` as the search engine can filter them (the query's results are then taken
        from ``fiches``)."""
        self.fiches = fiches
        self.searchable = fiches if searchable is None else searchable
        self.query = plain_query(params.get("q"), QUERY_MAX_LENGTH)
        self.chosen = {
            "departement": [code for code in params.getlist("departement") if code in DEPARTEMENTS],
            "theme": params.getlist("theme")[:20],
            "public": params.getlist("public")[:20],
        }
        self._pages = None
        self._labels = {}

    @property
    def is_filtered(self):
        return bool(self.query or any(self.chosen.values()))

    def _load(self):
        """The candidate pages with ``facet_values`` and ``theme_names`` set, in title order."""
        if self._pages is not None:
            return self._pages
        from fiches.models import ExperiencePublicItem, ExperienceThemeItem

        fiches = self.fiches
        if self.query:
            ids = [page.pk for page in self.searchable.search(self.query, order_by_relevance=False)]
            fiches = fiches.filter(pk__in=ids)
        pages = list(fiches.defer("body", "contact_persons", "partners").order_by("title"))
        by_id = {page.pk: page for page in pages}
        for page in pages:
            page.facet_values = {"departement": {page.departement}, "theme": set(), "public": set()}
            page.theme_names = []
        candidates = fiches.values("pk")
        theme_items = ExperienceThemeItem.objects.filter(content_object__in=candidates).annotate(
            facet=Value("theme", output_field=CharField())
        )
        public_items = ExperiencePublicItem.objects.filter(content_object__in=candidates).annotate(
            facet=Value("public", output_field=CharField())
        )
        columns = ("facet", "content_object_id", "tag__slug", "tag__name")
        items = theme_items.values_list(*columns).union(public_items.values_list(*columns), all=True)
        for facet, page_id, slug, name in sorted(items, key=lambda item: item[3]):
            page = by_id.get(page_id)
            if page is None:
                continue
            page.facet_values[facet].add(slug)
            self._labels[(facet, slug)] = name
            if facet == "theme":
                page.theme_names.append(name)
        self._pages = pages
        return pages

    def _matches(self, page, skip=None):
        return all(
            not chosen or page.facet_values[facet] & set(chosen)
            for facet, chosen in self.chosen.items()
            if facet != skip
        )

    def results(self):
        """The fiches that match the query and every facet, in title order (a list)."""
        return [page for page in self._load() if self._matches(page)]

    def _facet(self, facet):
        counts = Counter()
        for page in self._load():
            if self._matches(page, skip=facet):
                counts.update(page.facet_values[facet])
        chosen = self.chosen[facet]
        values = set(counts) | set(chosen)
        if facet == "departement":
            options = [(code, f"{name} ({code})") for code, name in DEPARTEMENTS.items() if code in values]
        else:
            options = sorted(
                ((slug, self._labels.get((facet, slug), slug)) for slug in values),
                key=lambda option: (-counts[option[0]], option[1]),
            )
        return [
            {"value": value, "label": label, "count": counts[value], "checked": value in chosen}
            for value, label in options
        ]

    def counts(self, facet):
        """``{value: count}`` for one facet, as shown beside its checkboxes."""
        return {option["value"]: option["count"] for option in self._facet(facet)}

    def facets(self):
        legends = {"departement": _("Département"), "theme": _("Thème"), "public": _("Public")}
        found = []
        for facet in FACETS:
            options = self._facet(facet)
            chosen = sum(option["checked"] for option in options)
            found.append({"name": facet, "legend": legends[facet], "options": options, "chosen": chosen})
        return found
