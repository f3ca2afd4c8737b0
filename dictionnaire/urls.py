"""Public URLs of the dictionary under /dictionnaire/ (``recherche/`` belongs to the dictionary's search)."""

from django.contrib.auth import views as auth_views
from django.urls import path, register_converter

from dictionnaire.text import RESERVED_SLUGS
from dictionnaire.views import board, classes, drafting, exports, lexicon, preview, public


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
    path("demander/", public.request_word, name="request"),
    path("demander/<int:pk>/", public.wanted_word, name="wanted"),
    path("demander/<int:pk>/moi-aussi/", public.me_too, name="me_too"),
    path("suivi/", public.request_status, name="status_form"),
    path("suivi/<str:code>/", public.request_status, name="status"),
    path("suivi/<str:code>/qr.svg", public.request_status_qr, name="status_qr"),
    path("atelier/", drafting.workshop, name="workshop"),
    path("atelier/quitter/", drafting.workshop_leave, name="workshop_leave"),
    path("atelier/prendre/<int:pk>/", drafting.claim, name="claim"),
    path("atelier/ecrire/<int:pk>/", drafting.draft_new, name="draft_new"),
    path("atelier/modifier/<int:pk>/", drafting.draft_edit, name="draft_edit"),
    path("atelier/apercu/<int:pk>/", preview.draft_preview, name="draft_preview"),
    path("connexion/", classes.LoginView.as_view(), name="login"),
    path("deconnexion/", auth_views.LogoutView.as_view(next_page="/"), name="logout"),
    path("classes/", classes.classes, name="classes"),
    path("classes/<int:pk>/", classes.classroom_detail, name="classroom"),
    path("classes/<int:pk>/ouvrir-atelier/", classes.workshop_open, name="workshop_open"),
    path("classes/<int:pk>/fermer-atelier/", classes.workshop_close, name="workshop_close"),
    path("classes/<int:pk>/debloquer-atelier/", classes.workshop_unlock, name="workshop_unlock"),
    path("classes/<int:pk>/tableau/", board.workshop_board, name="workshop_board"),
    path("classes/<int:pk>/soumettre/<int:term_pk>/", classes.submit, name="submit"),
    path("lexique/", lexicon.lexicon_page, name="lexicon"),
    path("lexique/ajouter/", lexicon.add, name="lexicon_add"),
    path("lexique.pdf", lexicon.lexicon_pdf, name="lexicon_pdf"),
    path("livret.pdf", lexicon.booklet_pdf, name="booklet_pdf"),
    path("export/dictionnaire.json", exports.export_json, name="export_json"),
    path("export/dictionnaire.csv", exports.export_csv, name="export_csv"),
    # Last: any other single segment is a term's address (reserved words can never be a term's slug).
    path("<term:slug>/", public.term_page, name="term"),
]

api_urlpatterns = [
    path("termes/<slug:slug>/", exports.api_term, name="api_term"),
]
