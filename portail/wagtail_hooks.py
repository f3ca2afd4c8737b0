"""Site-wide admin additions: the two-factor authentication pages, the refusal of outdated saves."""

from django.contrib.admin.utils import quote
from django.urls import path, reverse
from wagtail import hooks

from portail.edit_conflicts import conflict_response
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
