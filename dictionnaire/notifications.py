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
