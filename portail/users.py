"""Wagtail's user screens with roles that explain themselves (see ``portail.roles``): the viewset and forms that
``portail.users_app.PortailUsersAppConfig`` (in ``INSTALLED_APPS`` instead of ``wagtail.users``) names."""

from django.utils.translation import gettext_lazy as _
from wagtail.users.forms import UserCreationForm, UserEditForm
from wagtail.users.views.users import UserViewSet as WagtailUserViewSet

from portail.roles import choosable_groups, describe


class RolesMixin:
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        field = self.fields.get("groups")
        if field is not None:
            field.queryset = choosable_groups()
            field.label_from_instance = describe
            field.label = _("Rôles")
            field.help_text = _("Chaque rôle dit ce qu'il permet. Un administrateur du site a déjà tous les droits.")


class PortailUserCreationForm(RolesMixin, UserCreationForm):
    pass


class PortailUserEditForm(RolesMixin, UserEditForm):
    pass


class UserViewSet(WagtailUserViewSet):
    def get_form_class(self, for_update=False):
        return PortailUserEditForm if for_update else PortailUserCreationForm
