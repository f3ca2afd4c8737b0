from django.urls import path

from . import views

app_name = "dictionnaire_search"

#: The public search page, in every language (included inside ``i18n_patterns``).
urlpatterns = [
    path("dictionnaire/recherche/", views.search_page, name="page"),
]

#: The JSON API, one address for every language (included outside ``i18n_patterns``).
api_urlpatterns = [
    path("api/dictionnaire/recherche/", views.api_search, name="search"),
]
