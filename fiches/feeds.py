"""RSS and Atom feeds of the newest published fiches."""

from django.contrib.syndication.views import Feed
from django.utils.feedgenerator import Atom1Feed
from django.utils.translation import gettext_lazy as _

FEED_LENGTH = 20


class LatestFichesFeed(Feed):
    description = _("Les dernières fiches d'expériences publiées.")

    def __init__(self, index):
        super().__init__()
        self.index = index

    def __call__(self, request, *args, **kwargs):
        self.request = request
        return super().__call__(request, *args, **kwargs)

    def title(self):
        return self.index.title

    def link(self):
        return self.index.url

    def items(self):
        return self.index.fiches().order_by("-first_published_at")[:FEED_LENGTH]

    def item_title(self, item):
        return item.title

    def item_description(self, item):
        return f"{item.structure} — {item.place}. {item.summary}"

    def item_link(self, item):
        return item.get_url(self.request)

    def item_pubdate(self, item):
        return item.first_published_at

    def item_updateddate(self, item):
        return item.last_published_at

    def item_author_name(self, item):
        return item.structure


class LatestFichesAtomFeed(LatestFichesFeed):
    feed_type = Atom1Feed
    subtitle = LatestFichesFeed.description
