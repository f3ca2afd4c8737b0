"""Admin: « Mots cherchés sans réponse », the words people searched and did not find, for moderators and
accompagnateurs (anyone with the view permission on :class:`UnansweredSearch`)."""

from django.db.models import Max, Sum
from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.ui.tables import Column
from wagtail.admin.views.reports import ReportView
from wagtail.permission_policies import ModelPermissionPolicy

from pilotage.unanswered import ActionsColumn, LastDayColumn, ignored_queries

from .models import UnansweredSearch

permission_policy = ModelPermissionPolicy(UnansweredSearch)


class UnansweredSearchesReport(ReportView):
    page_title = _("Mots cherchés sans réponse")
    header_icon = "search"
    index_url_name = "dictionary_unanswered_searches"
    index_results_url_name = "dictionary_unanswered_searches_results"
    permission_policy = permission_policy
    permission_required = "view"
    paginate_by = 50
    columns = [
        Column("query", label=_("Mot cherché"), accessor=lambda row: row["query"]),
        Column("total", label=_("Nombre de recherches"), accessor=lambda row: row["total"]),
        LastDayColumn("last_day", label=_("Dernière recherche"), accessor=lambda row: row["last_day"]),
        ActionsColumn(),
    ]

    def get_queryset(self):
        return (
            UnansweredSearch.objects.exclude(query__in=ignored_queries())
            .values("query")
            .annotate(total=Sum("count"), last_day=Max("day"))
            .order_by("-total", "-last_day", "query")
        )


class UnansweredSearchesMenuItem(MenuItem):
    def is_shown(self, request):
        return permission_policy.user_has_permission(request.user, "view")


@hooks.register("register_admin_urls")
def register_unanswered_searches_urls():
    return [
        path("mots-sans-reponse/", UnansweredSearchesReport.as_view(), name="dictionary_unanswered_searches"),
        path(
            "mots-sans-reponse/resultats/",
            UnansweredSearchesReport.as_view(results_only=True),
            name="dictionary_unanswered_searches_results",
        ),
    ]


@hooks.register("register_reports_menu_item")
def register_unanswered_searches_menu_item():
    return UnansweredSearchesMenuItem(
        _("Mots cherchés sans réponse"),
        reverse("dictionary_unanswered_searches"),
        name="dictionary-unanswered-searches",
        icon_name="search",
        order=650,
    )
