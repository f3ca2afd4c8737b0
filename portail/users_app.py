"""Wagtail's users app with a user form whose roles say what they do: named in ``INSTALLED_APPS`` instead of
``wagtail.users`` (kept out of ``portail/apps.py``, where a second app config would hide ``PortailConfig``)."""

from wagtail.users.apps import WagtailUsersAppConfig


class PortailUsersAppConfig(WagtailUsersAppConfig):
    user_viewset = "portail.users.UserViewSet"
