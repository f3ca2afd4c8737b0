"""Site-wide admin additions: the two-factor authentication pages, the refusal of outdated saves and of other
territories' items, the territories."""

from django.contrib.admin.utils import quote
from django.core.exceptions import PermissionDenied
from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from portail.edit_conflicts import conflict_response
from portail.models import Territory
from portail.moderation import in_scope, scope_explorer_pages
from portail.moderation_queue import ApproveBulkAction, ModerationQueuePanel
from portail.security import twofactor


@hooks.register("register_admin_urls")
def two_factor_urls():
    return [
        path("2fa/verifier/", twofactor.verify, name="portail_2fa_verify"),
        path("2fa/configurer/", twofactor.setup, name="portail_2fa_setup"),
        path("2fa/configurer/qr.svg", twofactor.qrcode, name="portail_2fa_qrcode"),
    ]


def refuse_other_territories(request, *objects):
    """A moderator scoped to territories never opens another territory's item, even by typing its address."""
    if not all(in_scope(request.user, obj) for obj in objects):
        raise PermissionDenied


hooks.register("before_edit_page", refuse_other_territories, order=-10)
hooks.register("before_edit_snippet", refuse_other_territories, order=-10)


@hooks.register("before_delete_snippet", order=-10)
def refuse_deleting_other_territories(request, instances):
    refuse_other_territories(request, *instances)


@hooks.register("before_edit_page")
def refuse_outdated_page_save(request, page):
    return conflict_response(request, page, reverse("wagtailadmin_pages:edit", args=[page.pk]))


@hooks.register("before_edit_snippet")
def refuse_outdated_snippet_save(request, instance):
    if not hasattr(instance, "latest_revision"):
        return None
    edit_url = reverse(instance.snippet_viewset.get_url_name("edit"), args=[quote(instance.pk)])
    return conflict_response(request, instance, edit_url)


class TerritoryViewSet(SnippetViewSet):
    model = Territory
    icon = "site"
    menu_label = _("Territoires")
    menu_name = "territoires"
    menu_order = 160
    add_to_admin_menu = True
    list_display = ["name", "departements"]
    search_fields = ["name"]


register_snippet(TerritoryViewSet)


@hooks.register("register_admin_viewset")
def register_onboarding_viewsets():
    from portail.accounts.admin import adults_viewset, join_requests_viewset

    return [adults_viewset, join_requests_viewset]


@hooks.register("construct_homepage_panels")
def moderation_queue(request, panels):
    """Wagtail's « Awaiting your review » gives way to the moderators' queue (same items, same territory scopes)."""
    panels[:] = [panel for panel in panels if panel.name != ModerationQueuePanel.name] + [ModerationQueuePanel()]


hooks.register("register_bulk_action", ApproveBulkAction)


@hooks.register("construct_explorer_page_queryset")
def explorer_of_a_territory(parent_page, pages, request):
    """A moderator scoped to territories sees in the explorer the proposed fiches of their territories only."""
    return scope_explorer_pages(pages, request.user)


@hooks.register("register_admin_urls")
def register_widget_snippets_url():
    from portail import widgets

    return [path("widgets/", widgets.snippets_admin, name="widget_snippets")]


@hooks.register("register_settings_menu_item")
def register_widget_snippets_menu_item():
    from wagtail.admin.menu import MenuItem

    return MenuItem(_("Le dictionnaire sur d'autres sites"), reverse("widget_snippets"), icon_name="code", order=900)
