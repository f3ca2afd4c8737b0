from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.urls import include, path
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.contrib.sitemaps.views import sitemap
from wagtail.documents import urls as wagtaildocs_urls

from dictionnaire import urls as dictionnaire_urls
from dictionnaire.search.urls import api_urlpatterns as dictionary_search_api
from portail import offline, views, widgets
from portail.accounts import views as account_views
from portail.api import api_router

#: Refusals are pages in the site's layout (portail/errors.py); 404 and 500 use Django's views and templates/.
handler403 = "portail.errors.permission_denied"

urlpatterns = [
    path("admin/", include(wagtailadmin_urls)),
    path("documents/", include(wagtaildocs_urls)),
    path("i18n/", include("django.conf.urls.i18n")),
    path("preferences/", views.reading_preferences, name="reading_preferences"),
    path("sitemap.xml", sitemap),
    path("favicon.ico", offline.favicon),
    path("apple-touch-icon.png", offline.apple_touch_icon),
    path("manifest.webmanifest", offline.manifest, name="manifest"),
    path("service-worker.js", offline.service_worker, name="service_worker"),
    path("api/v2/", api_router.urls),
    path("", include((dictionary_search_api, "dictionnaire_search_api"))),
    path("api/dictionnaire/", include((dictionnaire_urls.api_urlpatterns, "dictionnaire_api"))),
]

if settings.DEBUG:
    from django.conf.urls.static import static

    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)

# Public pages: French at the root, other languages under /en/ and /ar/.
# Apps add their own routes here, before Wagtail's catch-all page serving.
urlpatterns += i18n_patterns(
    path("", include("dictionnaire.search.urls")),
    path("recherche/", views.search, name="search"),
    path("confidentialite/", views.privacy, name="privacy"),
    path("hors-ligne/", offline.offline, name="offline"),
    path("widget/dictionnaire/", widgets.dictionary_widget, name="widget_dictionary"),
    path("widget/annuaire/", widgets.directory_widget, name="widget_directory"),
    path("boussole/", include("boussole.urls")),
    path("dictionnaire/", include("dictionnaire.urls")),
    path("participer/", account_views.participate, name="participate"),
    path("compte/", include("portail.accounts.urls")),
    path("", include(wagtail_urls)),
    prefix_default_language=False,
)
