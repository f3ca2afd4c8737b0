from django.urls import path, reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.ui.components import Component

from pilotage import admin_views, moderation


@hooks.register("register_admin_urls")
def register_urls():
    from pilotage.unanswered import unanswered_action

    return [
        path("pilotage/taches/", admin_views.jobs_view, name="pilotage_jobs"),
        path("mots-sans-reponse/action/", unanswered_action, name="pilotage_unanswered_action"),
    ]


class JobsMenuItem(MenuItem):
    def is_shown(self, request):
        return admin_views.may_see_jobs(request.user)


@hooks.register("register_reports_menu_item")
def register_jobs_menu_item():
    return JobsMenuItem(_("Tâches périodiques"), reverse("pilotage_jobs"), icon_name="time", order=950)


class ModerationHealthPanel(Component):
    """On the admin's dashboard for moderators: what waits, the oldest one's age, the median time to a decision."""

    name = "moderation_health"
    order = 90
    template_name = "pilotage/moderation_health_panel.html"

    def get_context_data(self, parent_context):
        health = moderation.moderation_health(timezone.now())
        return {
            "waiting": health["waiting"],
            "oldest": moderation.describe_age(health["oldest_age"]),
            "median": moderation.describe_age(health["median_decision"]),
        }


@hooks.register("construct_homepage_panels")
def add_moderation_health(request, panels):
    from dictionnaire.roles import is_moderator

    if is_moderator(request.user):
        panels.append(ModerationHealthPanel())
