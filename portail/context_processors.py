from django.utils.functional import SimpleLazyObject

from portail.navigation import site_sections as sections_for


def site_sections(request):
    """The three parts of the site for the header navigation, looked up only when a template uses them."""
    return {"site_sections": SimpleLazyObject(lambda: sections_for(request))}
