"""The onboarding in Wagtail's admin: the adults (« Accompagnateurs »), their invitation, the structures that ask
to take part (accepted or refused in one action).

Who sees what: a superuser everything; a structure's administrator (``Structure.administrators``) the adults of
their structures, and invites into those only; a territory's coordinator the requests from their territory.
"""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db.models import Count, Max, Q
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.functional import cached_property
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from wagtail.admin.ui.tables import Column, DateColumn, TitleColumn
from wagtail.admin.views.generic import IndexView
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.admin.widgets.button import HeaderButton
from wagtail.permission_policies import ModelPermissionPolicy
from wagtail.permissions import register_permission_policy

from dictionnaire.models import Accompagnateur
from dictionnaire.models import Structure as ContributingStructure
from portail.accounts import services
from portail.accounts.forms import InviteForm, JoinDecisionForm, RefusalForm
from portail.accounts.models import JoinRequest


class AdultsPolicy(ModelPermissionPolicy):
    """Superusers do everything; a structure's administrators list the adults of their structures."""

    def user_has_permission(self, user, action):
        if not (user.is_authenticated and user.is_active):
            return False
        if user.is_superuser:
            return True
        if action == "view":
            return user.administered_structures.exists()
        return super().user_has_permission(user, action)


class JoinRequestsPolicy(ModelPermissionPolicy):
    """Superusers do everything; a territory's coordinators list the requests (of their territory only, see
    ``coordinated_requests``) and decide them on the decision page, never through the generic edit screens."""

    def user_has_permission(self, user, action):
        if not (user.is_authenticated and user.is_active):
            return False
        if user.is_superuser:
            return True
        return action == "view" and user.coordinated_territories.exists()


def coordinated_requests(user, queryset):
    """The requests from the communes of the territories ``user`` coordinates (all for a superuser)."""
    if user.is_superuser:
        return queryset
    scope = Q(pk__in=[])
    for territory in user.coordinated_territories.all():
        scope |= Q(code_insee__in=territory.commune_codes())
        for departement in territory.departement_codes():
            scope |= Q(code_insee__startswith=departement)
    return queryset.filter(scope)


class AdultsIndexView(IndexView):
    @cached_property
    def header_buttons(self):
        invite = HeaderButton(_("Inviter un adulte"), url=reverse("accompagnateurs:invite"), icon_name="mail")
        return [invite, *super().header_buttons]

    def get_base_queryset(self):
        queryset = (
            Accompagnateur.objects.select_related("user")
            .prefetch_related("structures")
            .annotate(class_count=Count("user__classrooms", distinct=True))
            .annotate(last_workshop=Max("user__classrooms__workshops__opened_at"))
            .order_by("user__username")
        )
        if not self.request.user.is_superuser:
            mine = self.request.user.administered_structures.all()
            queryset = queryset.filter(structures__in=mine).distinct()
        return queryset


class AdultsViewSet(ModelViewSet):
    model = Accompagnateur
    icon = "group"
    menu_label = gettext_lazy("Accompagnateurs")
    menu_name = "accompagnateurs"
    menu_order = 170
    url_prefix = "accompagnateurs"
    add_to_admin_menu = True
    index_view_class = AdultsIndexView
    form_fields = ["user", "structures"]
    search_fields = ["user__username", "user__email", "structures__name"]
    list_display = [
        Column("user", label=gettext_lazy("adulte"), accessor="user.username"),
        Column("email", label=gettext_lazy("e-mail"), accessor="user.email"),
        Column(
            "structures",
            label=gettext_lazy("structures"),
            accessor=lambda adult: ", ".join(str(structure) for structure in adult.structures.all()),
        ),
        Column("class_count", label=gettext_lazy("classes")),
        DateColumn("last_login", label=gettext_lazy("dernière connexion"), accessor="user.last_login"),
        DateColumn("last_workshop", label=gettext_lazy("dernier atelier")),
    ]

    def get_urlpatterns(self):
        return [*super().get_urlpatterns(), path("inviter/", invite_view, name="invite")]


def invite_view(request):
    """Invite an adult into a structure: a superuser into any, a structure's administrator into theirs only."""
    structures = services.structures_user_may_invite_into(request.user)
    if not request.user.is_superuser and not structures.exists():
        raise PermissionDenied
    form = InviteForm(request.POST or None, structures=structures)
    if request.method == "POST" and form.is_valid():
        invitation = services.invite(form.cleaned_data["email"], form.cleaned_data["structure"], request.user)
        messages.success(
            request,
            _("Invitation envoyée à %(email)s pour « %(structure)s ».")
            % {"email": invitation.email, "structure": invitation.structure},
        )
        return redirect("accompagnateurs:index")
    return TemplateResponse(request, "accounts/admin/invite.html", {"form": form}, status=400 if form.errors else 200)


class JoinRequestsIndexView(IndexView):
    def get_base_queryset(self):
        return coordinated_requests(self.request.user, JoinRequest.objects.all())


class JoinRequestsViewSet(ModelViewSet):
    model = JoinRequest
    icon = "home"
    menu_label = gettext_lazy("Structures en attente")
    menu_name = "participations"
    menu_order = 171
    url_prefix = "participations"
    add_to_admin_menu = True
    index_view_class = JoinRequestsIndexView
    form_fields = ["structure_name", "commune", "code_insee", "email", "message"]
    list_filter = ["status"]
    search_fields = ["structure_name", "commune", "email"]
    list_display = [
        TitleColumn("structure_name", label=gettext_lazy("structure"), url_name="participations:decide"),
        "commune",
        "email",
        "status",
        DateColumn("created_at", label=gettext_lazy("reçue le")),
    ]

    def get_urlpatterns(self):
        return [*super().get_urlpatterns(), path("decider/<int:pk>/", decide_view, name="decide")]


def boussole_candidates(join_request):
    """The Boussole sheets that may be the same centre: same name, or same commune, not yet linked."""
    from boussole.models import Structure as BoussoleStructure

    words = [word for word in join_request.structure_name.split() if len(word) > 3][:3]
    same_name = Q(nom__iexact=join_request.structure_name)
    for word in words:
        same_name |= Q(nom__icontains=word)
    place = Q(commune__iexact=join_request.commune)
    if join_request.code_insee:
        place |= Q(code_insee=join_request.code_insee)
    return (
        BoussoleStructure.objects.filter(same_name & place)
        .filter(contributing_structure__isnull=True)
        .order_by("nom")[:10]
    )


def decide_view(request, pk):
    """Accept (creates the structure and invites its first adult) or refuse (a reason, e-mailed) a request."""
    if not JoinRequestsPolicy(JoinRequest).user_has_permission(request.user, "view"):
        raise PermissionDenied
    join_request = get_object_or_404(coordinated_requests(request.user, JoinRequest.objects.all()), pk=pk)
    if not join_request.may_be_decided_by(request.user):
        raise PermissionDenied
    candidates = list(boussole_candidates(join_request))
    accept_form = JoinDecisionForm(candidates=candidates)
    refusal_form = RefusalForm()
    pending = join_request.status == JoinRequest.Status.PENDING
    if request.method == "POST" and pending:
        if "accept" in request.POST:
            accept_form = JoinDecisionForm(request.POST, candidates=candidates)
            if accept_form.is_valid():
                structure = services.accept_join_request(
                    join_request, request.user, accept_form.cleaned_data["boussole_structure"]
                )
                messages.success(
                    request,
                    _("« %(structure)s » est créée ; son invitation est partie à %(email)s.")
                    % {"structure": structure, "email": join_request.email},
                )
                return redirect("participations:index")
        else:
            refusal_form = RefusalForm(request.POST)
            if refusal_form.is_valid():
                services.refuse_join_request(join_request, request.user, refusal_form.cleaned_data["reason"])
                messages.success(request, _("La demande est refusée ; la raison est envoyée par e-mail."))
                return redirect("participations:index")
    context = {
        "join_request": join_request,
        "pending": pending,
        "accept_form": accept_form,
        "refusal_form": refusal_form,
        "similar_structures": ContributingStructure.objects.filter(name__iexact=join_request.structure_name),
    }
    return TemplateResponse(request, "accounts/admin/decide.html", context)


register_permission_policy(Accompagnateur, AdultsPolicy(Accompagnateur))
register_permission_policy(JoinRequest, JoinRequestsPolicy(JoinRequest))
adults_viewset = AdultsViewSet("accompagnateurs")
join_requests_viewset = JoinRequestsViewSet("participations")
