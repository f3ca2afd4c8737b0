"""E-mails of the dictionary, through Django's e-mail (console in development, memory in tests)."""

import logging

from django.conf import settings
from django.core.mail import send_mail
from django.utils.translation import gettext as _

logger = logging.getLogger(__name__)


def absolute(url):
    return settings.WAGTAILADMIN_BASE_URL.rstrip("/") + url


def _send(subject, body, recipients):
    recipients = [r for r in recipients if r]
    if not recipients:
        return 0
    try:
        return send_mail(subject, body, settings.DEFAULT_FROM_EMAIL, recipients)
    except Exception:  # an unreachable mail server must not lose the publication or the request
        logger.exception("Dictionary e-mail not sent: %s", subject)
        return 0


def tell_requesters_published(term):
    """Tell those who left an e-mail that their word is published, then forget their address."""
    from dictionnaire.models import RequestSubmission

    submissions = RequestSubmission.objects.filter(request__term=term).exclude(email="")
    sent = 0
    for submission in submissions:
        body = _(
            "Bonjour,\n\nVous avez demandé le mot « %(word)s ». Une classe l'a expliqué pour vous :\n%(url)s\n\n"
            "Votre adresse e-mail est maintenant effacée.\n"
        ) % {"word": term.word, "url": absolute(term.get_url())}
        if _send(_("Le mot « %(word)s » est expliqué") % {"word": term.word}, body, [submission.email]):
            sent += 1
            submission.email = ""
            submission.save(update_fields=["email"])
    return sent


def tell_class(term, approved, reason=""):
    from dictionnaire.models import Contribution

    classroom = Contribution.last_class(term)
    if classroom is None:
        return 0
    if approved:
        subject = _("Bravo ! « %(word)s » est publié") % {"word": term.word}
        body = _(
            "Bonjour,\n\nLa définition de « %(word)s » écrite par la classe « %(classroom)s » a été acceptée. "
            "Elle est en ligne :\n%(url)s\n\nMerci à toute la classe !\n"
        ) % {"word": term.word, "classroom": classroom.pseudonym, "url": absolute(term.get_url())}
    else:
        subject = _("« %(word)s » : la définition est à retravailler") % {"word": term.word}
        body = _(
            "Bonjour,\n\nLa définition de « %(word)s » écrite par la classe « %(classroom)s » revient vers la "
            "classe.\nCe que dit le modérateur : %(reason)s\n\nVous pouvez la reprendre pendant un atelier : %(url)s\n"
        ) % {
            "word": term.word,
            "classroom": classroom.pseudonym,
            "reason": reason or _("(pas de commentaire)"),
            "url": absolute(classroom.get_absolute_url()),
        }
    return _send(subject, body, [classroom.adult.email if classroom.adult else ""])


def _moderators_of(task, term):
    """The active moderators who may approve ``term`` at ``task`` (its groups, narrowed to the term's territory)."""
    from django.contrib.auth import get_user_model

    users = get_user_model().objects.filter(is_active=True, groups__in=task.groups.all()).exclude(email="").distinct()
    may_moderate = getattr(task, "may_moderate", None)
    return [user for user in users if may_moderate is None or may_moderate(term, user)]


def tell_moderators(task_state):
    """One e-mail per submission to each moderator of the term's territory: which class sent which word, where to
    review it. When the class sends it again after a request for changes, the moderator who asked is told so, with
    the link that shows what changed since their comment."""
    from django.urls import reverse
    from wagtail.models import TaskState

    term = task_state.workflow_state.content_object
    classroom = term.classroom
    sender = (
        _("La classe « %(classroom)s » (%(structure)s)")
        % {"classroom": classroom.pseudonym, "structure": classroom.structure.name}
        if classroom
        else _("Une classe")
    )
    review = absolute(reverse("wagtailsnippets_dictionnaire_term:edit", args=[term.pk]))
    asked = (
        TaskState.objects.filter(
            workflow_state__base_content_type=task_state.workflow_state.base_content_type_id,
            workflow_state__object_id=str(term.pk),
            status=TaskState.STATUS_REJECTED,
        )
        .exclude(finished_by=None)
        .select_related("finished_by")
        .order_by("-finished_at", "-pk")
        .first()
    )
    recipients = {user.pk: user for user in _moderators_of(task_state.task.specific, term)}
    if asked and asked.finished_by.is_active and asked.finished_by.email:
        recipients[asked.finished_by.pk] = asked.finished_by
    sent = 0
    for user in recipients.values():
        values = {"sender": sender, "word": term.word, "url": review}
        if asked and user.pk == asked.finished_by_id:
            compare = reverse(
                "wagtailsnippets_dictionnaire_term:revisions_compare",
                args=[term.pk, asked.revision_id, task_state.revision_id],
            )
            subject = _("« %(word)s » revient après votre demande de modifications") % values
            body = _(
                "Bonjour,\n\n%(sender)s a renvoyé le mot « %(word)s » après votre demande de modifications du "
                "%(date)s :\n« %(comment)s »\n\nCe qui a changé depuis votre commentaire :\n%(compare)s\n\n"
                "Pour le relire et le valider :\n%(url)s\n"
            ) % {
                **values,
                "date": asked.finished_at.strftime("%d/%m/%Y"),
                "comment": asked.comment or _("(pas de commentaire)"),
                "compare": absolute(compare),
            }
        else:
            subject = _("Un mot à vérifier : « %(word)s »") % values
            body = (
                _(
                    "Bonjour,\n\n%(sender)s a envoyé le mot « %(word)s » aux modérateurs.\n\n"
                    "Pour le relire, puis l'approuver ou demander des modifications :\n%(url)s\n"
                )
                % values
            )
        sent += _send(subject, body, [user.email])
    return sent


def matches_interests(interests, text):
    """« tout », or one of the structure's words (« banque », « CAF », « école ») in the word or its context."""
    from dictionnaire.text import match_key

    key = match_key(text)
    return any(interest == "tout" or (match_key(interest) and match_key(interest) in key) for interest in interests)


def tell_adults_new_request(word_request, context=""):
    """Adults whose structure follows this kind of word hear about a new request."""
    from dictionnaire.models import Accompagnateur

    recipients = []
    for accompagnateur in Accompagnateur.objects.select_related("user").prefetch_related("structures"):
        interests = [value for structure in accompagnateur.structures.all() for value in structure.interest_values()]
        if matches_interests(interests, f"{word_request.word} {context}"):
            recipients.append(accompagnateur.user.email)
    if not recipients:
        return 0
    body = _(
        "Bonjour,\n\nUn nouveau mot est demandé : « %(word)s ». Une de vos classes peut le prendre pendant "
        "un atelier : %(url)s\n"
    ) % {"word": word_request.word, "url": absolute("/dictionnaire/classes/")}
    return _send(_("Nouveau mot demandé : « %(word)s »") % {"word": word_request.word}, body, recipients)


def tell_claim_expiring(word_request):
    classroom = word_request.claimed_by
    if classroom is None:
        return 0
    body = _(
        "Bonjour,\n\nLa classe « %(classroom)s » a pris le mot « %(word)s » mais n'a pas encore écrit de brouillon. "
        "Sans brouillon avant le %(date)s, le mot sera rendu aux autres classes.\n%(url)s\n"
    ) % {
        "classroom": classroom.pseudonym,
        "word": word_request.word,
        "date": word_request.claim_expires_at.strftime("%d/%m/%Y"),
        "url": absolute(classroom.get_absolute_url()),
    }
    return _send(
        _("Le mot « %(word)s » attend votre classe") % {"word": word_request.word}, body, [classroom.adult.email]
    )
