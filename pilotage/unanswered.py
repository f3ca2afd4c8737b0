"""One-click actions on the unanswered searches (``/admin/mots-sans-reponse/``): « c'est le mot … » (a variant of
an existing term, published as a new revision, so every search engine finds it at once), « mot à définir » (a
request on the wanted list, its count carried over), « ignorer »."""

import hashlib

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db import models, transaction
from django.db.models import Sum
from django.middleware.csrf import get_token
from django.shortcuts import redirect
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST
from wagtail.admin.ui.tables import Column

from pilotage.models import IgnoredSearch


class LastDayColumn(Column):
    """Only the day of a search is kept: say « aujourd'hui », « hier » or the date, never « il y a 15 heures »."""

    cell_template_name = "pilotage/unanswered_day_cell.html"

    def get_cell_context_data(self, instance, parent_context):
        context = super().get_cell_context_data(instance, parent_context)
        day, today = instance["last_day"], timezone.localdate()
        context["label"] = (
            _("aujourd'hui") if day == today else _("hier") if (today - day).days == 1 else day.strftime("%d/%m/%Y")
        )
        return context


class ActionsColumn(Column):
    cell_template_name = "pilotage/unanswered_actions_cell.html"

    def __init__(self):
        super().__init__("actions", label=gettext_lazy("Que faire ?"))

    def get_cell_context_data(self, instance, parent_context):
        from dictionnaire.roles import is_moderator

        context = super().get_cell_context_data(instance, parent_context)
        request = context.get("request")
        context["may_act"] = request is not None and is_moderator(request.user)
        context["csrf_token_value"] = get_token(request) if context["may_act"] else ""
        context["query"] = instance["query"]
        context["field_id"] = "variante-" + hashlib.sha256(instance["query"].encode()).hexdigest()[:12]
        return context


def ignored_queries():
    return IgnoredSearch.objects.values("query")


def _add_variant(request, query, word):
    from dictionnaire.models import Term
    from dictionnaire.text import split_list

    found = Term.find_by_word(word, live_only=True)
    if found is None:
        messages.error(request, _("Aucun mot publié ne s'écrit « %(word)s ».") % {"word": word})
        return False
    term = Term.objects.get(pk=found.pk)
    if term.has_unpublished_changes:
        messages.error(
            request,
            _("« %(word)s » a un brouillon en cours : ajoutez la variante dans l'éditeur du mot.")
            % {"word": term.word},
        )
        return False
    variants = split_list(term.variants)
    if query not in variants:
        term.variants = "; ".join([*variants, query])
        revision = term.save_revision(user=request.user, log_action=True)
        revision.publish(user=request.user)
    messages.success(request, _("« %(query)s » trouve maintenant « %(word)s ».") % {"query": query, "word": term.word})
    return True


def _to_wanted_list(request, query, total):
    from dictionnaire.models import WordRequest
    from dictionnaire.text import match_key

    word_request, created = WordRequest.objects.get_or_create(
        key=match_key(query), defaults={"word": query, "count": total}
    )
    if not created:
        WordRequest.objects.filter(pk=word_request.pk).update(count=models.F("count") + total)
    messages.success(request, _("« %(query)s » est dans les mots à définir.") % {"query": query})
    return True


@require_POST
def unanswered_action(request):
    from dictionnaire.roles import is_moderator
    from dictionnaire.search.models import UnansweredSearch

    if not is_moderator(request.user):
        raise PermissionDenied
    query = request.POST.get("query", "").strip()[:100]
    action = request.POST.get("action", "")
    searches = UnansweredSearch.objects.filter(query=query)
    total = searches.aggregate(total=Sum("count"))["total"]
    if not query or not total:
        messages.error(request, _("Cette recherche n'est plus dans la liste."))
        return redirect("dictionary_unanswered_searches")
    with transaction.atomic():
        if action == "variant":
            done = _add_variant(request, query, request.POST.get("word", "").strip()[:80])
        elif action == "request":
            done = _to_wanted_list(request, query, total)
        elif action == "ignore":
            IgnoredSearch.objects.get_or_create(query=query)
            messages.success(request, _("« %(query)s » est ignoré.") % {"query": query})
            done = False  # kept, only hidden
        else:
            messages.error(request, _("Action inconnue."))
            done = False
        if done:
            searches.delete()  # answered now: the report lists only what still has no answer
    return redirect("dictionary_unanswered_searches")
