from django.utils.functional import SimpleLazyObject

from portail.navigation import site_sections as sections_for
from portail.preferences import ReadingPreferences


def site_sections(request):
    """The three parts of the site for the header navigation, looked up only when a template uses them."""
    return {"site_sections": SimpleLazyObject(lambda: sections_for(request))}


def reading_preferences(request):
    """The reader's text size and contrast, from the ``preferences`` cookie, as classes for <html>."""
    return {"reading_preferences": ReadingPreferences.from_request(request)}


class _Generations:
    """``{{ cache_generation.fiches }}``: an area's cache generation, for the ``{% cache %}`` tag's keys."""

    def __getitem__(self, area):
        from portail.cache import AREAS, generation

        if area not in AREAS:
            raise KeyError(area)
        return generation(area)


def cache_generations(request):
    return {"cache_generation": _Generations()}
