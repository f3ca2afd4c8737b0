"""Public URLs of the dictionary under /dictionnaire/ (``recherche/`` belongs to the dictionary's search)."""

from django.urls import path, register_converter

from dictionnaire import views
from dictionnaire.text import RESERVED_SLUGS


class TermSlugConverter:
    """A term's address: a slug that is not one of the site's reserved paths (so ``recherche/`` stays free)."""

    regex = "[-a-zA-Z0-9_]+"

    def to_python(self, value):
        if value in RESERVED_SLUGS:
            raise ValueError(value)  # no match: the next URL pattern gets its chance
        return value

    def to_url(self, value):
        return value


register_converter(TermSlugConverter, "term")

app_name = "dictionnaire"

urlpatterns = [
    path("demander/", views.request_word, name="request"),
    path("demander/<int:pk>/moi-aussi/", views.me_too, name="me_too"),
    path("suivi/", views.request_status, name="status_form"),
    path("suivi/<str:code>/", views.request_status, name="status"),
    path("atelier/", views.workshop, name="workshop"),
    path("atelier/quitter/", views.workshop_leave, name="workshop_leave"),
    path("atelier/prendre/<int:pk>/", views.claim, name="claim"),
    path("atelier/ecrire/<int:pk>/", views.draft_new, name="draft_new"),
    path("atelier/modifier/<int:pk>/", views.draft_edit, name="draft_edit"),
    path("connexion/", views.LoginView.as_view(), name="login"),
    path("classes/", views.classes, name="classes"),
    path("classes/<int:pk>/", views.classroom_detail, name="classroom"),
    path("classes/<int:pk>/ouvrir-atelier/", views.workshop_open, name="workshop_open"),
    path("classes/<int:pk>/fermer-atelier/", views.workshop_close, name="workshop_close"),
    path("classes/<int:pk>/soumettre/<int:term_pk>/", views.submit, name="submit"),
    path("export/dictionnaire.json", views.export_json, name="export_json"),
    path("export/dictionnaire.csv", views.export_csv, name="export_csv"),
    # Last: any other single segment is a term's address (reserved words can never be a term's slug).
    path("<term:slug>/", views.term_page, name="term"),
]

api_urlpatterns = [
    path("termes/<slug:slug>/", views.api_term, name="api_term"),
]
