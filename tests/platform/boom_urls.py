"""A URL that fails, to see the error page a visitor gets (tests only)."""

from django.urls import path


def boom(request):
    raise RuntimeError("secret détail interne: DATABASE_URL=postgres://portail:motdepasse@db/portail")


urlpatterns = [path("boom/", boom)]
