"""The dictionary in Wagtail's admin: terms as moderated snippets, requests, classes, structures, figures."""

from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.panels import FieldPanel
from wagtail.admin.ui.tables import LiveStatusTagColumn, UpdatedAtColumn
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from dictionnaire import admin_views
from dictionnaire.admin_checks import ChecksColumn
from dictionnaire.models import Classroom, Structure, Term, WordRequest
from portail.moderation import TerritoryScopedViewSetMixin


class TermViewSet(TerritoryScopedViewSetMixin, SnippetViewSet):
    """A moderator scoped to territories lists and opens the words of their territories' classes only."""

    model = Term
    icon = "doc-full"
    menu_label = _("Mots")
    menu_name = "mots"
    list_display = ["word", "category", "classroom", UpdatedAtColumn(), LiveStatusTagColumn(), ChecksColumn()]
    list_filter = ["category", "live"]
    search_fields = ["word", "variants", "short_definition"]
    ordering = ["word"]
    copy_view_enabled = False


class WordRequestViewSet(SnippetViewSet):
    model = WordRequest
    icon = "help"
    menu_label = _("Demandes")
    menu_name = "demandes"
    list_display = ["word", "count", "status", "claimed_by", "created_at"]
    list_filter = ["status"]
    search_fields = ["word"]
    ordering = ["-count"]
    panels = [FieldPanel("word"), FieldPanel("status"), FieldPanel("term"), FieldPanel("claimed_by")]


class ClassroomViewSet(SnippetViewSet):
    model = Classroom
    icon = "group"
    menu_label = _("Classes")
    menu_name = "classes"
    list_display = ["pseudonym", "level", "structure", "adult"]
    list_filter = ["level", "structure"]
    search_fields = ["pseudonym"]


class StructureViewSet(SnippetViewSet):
    model = Structure
    icon = "home"
    menu_label = _("Structures")
    menu_name = "structures"
    list_display = ["name", "city", "territory", "boussole_structure"]
    list_filter = ["territory"]
    search_fields = ["name", "city"]


class DictionaryGroup(SnippetViewSetGroup):
    items = (TermViewSet, WordRequestViewSet, ClassroomViewSet, StructureViewSet)
    menu_icon = "doc-full-inverse"
    menu_label = _("Dictionnaire")
    menu_name = "dictionnaire"
    menu_order = 150


register_snippet(DictionaryGroup)


@hooks.register("register_admin_urls")
def register_figures_url():
    return [path("dictionnaire/chiffres/", admin_views.figures, name="dictionnaire_figures")]


class FiguresMenuItem(MenuItem):
    def is_shown(self, request):
        return admin_views.may_see_figures(request.user)


@hooks.register("register_reports_menu_item")
def register_figures_menu_item():
    return FiguresMenuItem(_("Chiffres du dictionnaire"), reverse("dictionnaire_figures"), icon_name="table", order=900)
