"""Site-wide admin additions: the two-factor authentication pages, the refusal of outdated saves."""

from django.contrib.admin.utils import quote
from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from portail.edit_conflicts import conflict_response
from portail.models import Territory
from portail.security import twofactor


@hooks.register("register_admin_urls")
def two_factor_urls():
    return [
        path("2fa/verifier/", twofactor.verify, name="portail_2fa_verify"),
        path("2fa/configurer/", twofactor.setup, name="portail_2fa_setup"),
        path("2fa/configurer/qr.svg", twofactor.qrcode, name="portail_2fa_qrcode"),
    ]


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


@hooks.register("register_admin_urls")
def register_widget_snippets_url():
    from portail import widgets

    return [path("widgets/", widgets.snippets_admin, name="widget_snippets")]


@hooks.register("register_settings_menu_item")
def register_widget_snippets_menu_item():
    from wagtail.admin.menu import MenuItem

    return MenuItem(_("Le dictionnaire sur d'autres sites"), reverse("widget_snippets"), icon_name="code", order=900)
