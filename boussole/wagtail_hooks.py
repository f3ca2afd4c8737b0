"""The boussole in the admin: snippets grouped under one menu, the import screen, the exports."""

from datetime import date

import django_filters
from django.core.exceptions import PermissionDenied
from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.menu import MenuItem
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from boussole.admin_views import ImportView, can_import, export_view
from boussole.callbacks import CallbackRequest
from boussole.models import (
    FRESHNESS_ADVISED,
    FRESHNESS_REQUIRED,
    ErrorReport,
    Event,
    GlossaryEntry,
    OrientationQuestion,
    Resource,
    Service,
    Structure,
)
from boussole.needs import ParentNeed
from portail.moderation import TerritoryScopedViewSetMixin


class StructureFilterSet(WagtailFilterSet):
    """Moderators find the sheets to re-check: advised after 6 months, out of public results after 12."""

    freshness = django_filters.ChoiceFilter(
        label=_("Fraîcheur"),
        method="filter_freshness",
        choices=[
            ("ok", _("vérifiée il y a moins de 6 mois")),
            ("advised", _("à revérifier (plus de 6 mois)")),
            ("required", _("hors des résultats publics (plus d'un an)")),
        ],
        empty_label=_("toutes"),
    )

    class Meta:
        model = Structure
        fields = ["live", "departement", "source"]

    def filter_freshness(self, queryset, name, value):
        today = date.today()
        if value == "ok":
            return queryset.filter(verified_at__gte=today - FRESHNESS_ADVISED)
        if value == "advised":
            return queryset.filter(
                verified_at__lt=today - FRESHNESS_ADVISED, verified_at__gte=today - FRESHNESS_REQUIRED
            )
        return queryset.stale(today)


class StructureViewSet(TerritoryScopedViewSetMixin, SnippetViewSet):
    """A moderator scoped to territories keeps the sheets of their territories' communes only."""

    model = Structure
    icon = "home"
    menu_label = _("Structures")
    list_display = ["nom", "commune", "verified_at", "live", "source"]
    filterset_class = StructureFilterSet
    search_fields = ["nom", "commune", "description"]
    ordering = ["verified_at"]


class ServiceViewSet(SnippetViewSet):
    model = Service
    icon = "list-ul"
    menu_label = _("Services")
    list_display = ["nom", "structure", "date_maj", "live"]
    list_filter = ["live", "type", "frais"]
    search_fields = ["nom", "description"]


class EventViewSet(SnippetViewSet):
    model = Event
    icon = "date"
    menu_label = _("Agenda")
    list_display = ["title", "start", "structure", "live"]
    list_filter = ["live"]
    search_fields = ["title", "description"]
    ordering = ["-start"]


class ResourceViewSet(SnippetViewSet):
    model = Resource
    icon = "doc-full"
    menu_label = _("Ressources")
    list_display = ["title", "kind", "live"]
    search_fields = ["title", "description"]


class GlossaryViewSet(SnippetViewSet):
    model = GlossaryEntry
    icon = "help"
    menu_label = _("Glossaire")
    list_display = ["term", "expansion", "live"]
    search_fields = ["term", "expansion", "short_definition"]


class OrientationViewSet(SnippetViewSet):
    model = OrientationQuestion
    icon = "site"
    menu_label = _("Orientation")
    list_display = ["question", "kind", "sort_order"]
    ordering = ["sort_order"]


class ErrorReportViewSet(TerritoryScopedViewSetMixin, SnippetViewSet):
    model = ErrorReport
    icon = "warning"
    menu_label = _("Erreurs signalées")
    list_display = ["structure", "created_at", "handled"]
    list_filter = ["handled"]


class ParentNeedViewSet(SnippetViewSet):
    model = ParentNeed
    icon = "tag"
    menu_label = _("Besoins des parents")
    list_display = ["label", "sort_order"]
    ordering = ["sort_order"]


class CallbackEditView(SnippetViewSet.edit_view_class):
    """A structure's staff open only their structure's requests (moderators, all)."""

    def get_object(self, queryset=None):
        callback = super().get_object(queryset)
        if not CallbackRequest.objects.visible_to(self.request.user).filter(pk=callback.pk).exists():
            raise PermissionDenied
        return callback


class CallbackRequestViewSet(SnippetViewSet):
    """The queue of « être rappelé(e) » requests: open ones first, the oldest on top, with the promised delay."""

    model = CallbackRequest
    icon = "mail"
    menu_label = _("Demandes de rappel")
    list_display = ["reference", "structure", "prenom", "telephone", "moment_labels", "created_at", "promised"]
    list_display += ["status"]
    list_filter = ["status"]
    ordering = ["status", "created_at"]
    edit_view_class = CallbackEditView
    copy_view_enabled = False
    list_export = []  # the phone numbers never leave the admin

    def get_queryset(self, request):
        return CallbackRequest.objects.visible_to(request.user).select_related("structure")


class BoussoleGroup(SnippetViewSetGroup):
    items = [
        CallbackRequestViewSet,
        ParentNeedViewSet,
        StructureViewSet,
        ServiceViewSet,
        EventViewSet,
        ResourceViewSet,
        GlossaryViewSet,
        OrientationViewSet,
        ErrorReportViewSet,
    ]
    menu_icon = "site"
    menu_label = _("Boussole parentale")
    menu_name = "boussole"


register_snippet(BoussoleGroup)


@hooks.register("register_admin_urls")
def register_boussole_admin_urls():
    return [
        path("boussole/import/", ImportView.as_view(), name="boussole_admin_import"),
        path("boussole/export/<str:kind>", export_view, name="boussole_admin_export"),
    ]


class ImportMenuItem(MenuItem):
    def is_shown(self, request):
        return can_import(request.user)


@hooks.register("register_admin_menu_item")
def register_import_menu_item():
    return ImportMenuItem(_("Import de l'annuaire"), reverse("boussole_admin_import"), icon_name="upload", order=10_000)
