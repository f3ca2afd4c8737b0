"""What happens when Wagtail publishes a term or a moderator decides."""

from django.db.models.signals import pre_save
from django.dispatch import receiver
from wagtail.models import TaskState
from wagtail.signals import published, task_submitted, unpublished, workflow_approved, workflow_rejected

from dictionnaire import notifications


def _term_class():
    from dictionnaire.models import Term

    return Term


@receiver(pre_save, dispatch_uid="dictionnaire-term-index-fields")
def term_index_fields(sender, instance, raw=False, **kwargs):
    """A term's A–Z letter and sort key follow its word, also when loaded raw (``loaddata``, a backup restored)."""
    if sender is _term_class():
        instance.fill_index_fields()


@receiver(published)
def term_published(sender, instance, **kwargs):
    Term = _term_class()
    if not isinstance(instance, Term):
        return
    from dictionnaire.models import WordRequest

    WordRequest.objects.filter(term=instance).update(status=WordRequest.Status.PUBLISHED)
    notifications.tell_requesters_published(instance)


@receiver(unpublished)
def term_unpublished(sender, instance, **kwargs):
    Term = _term_class()
    if not isinstance(instance, Term):
        return
    from dictionnaire.models import WordRequest

    WordRequest.objects.filter(term=instance, status=WordRequest.Status.PUBLISHED).update(
        status=WordRequest.Status.CLAIMED
    )


@receiver(task_submitted, sender=TaskState, dispatch_uid="dictionnaire-tell-moderators")
def definition_submitted(sender, instance, user=None, **kwargs):
    if isinstance(instance.workflow_state.content_object, _term_class()):
        notifications.tell_moderators(instance)


def _not_for_terms(notifier):
    """Wagtail's generic workflow e-mail ``notifier``, kept for pages and other snippets, silent for terms: the
    dictionary sends its own (to the moderators on submission, to the class's adult on a decision)."""
    handles = notifier.can_handle

    def can_handle(instance, **kwargs):
        workflow_state = getattr(instance, "workflow_state", instance)
        return not isinstance(workflow_state.content_object, _term_class()) and handles(instance, **kwargs)

    notifier.can_handle = can_handle


def quiet_wagtail_emails_for_terms():
    """Called once when the app is ready (see ``apps.py``)."""
    from wagtail.admin import signal_handlers

    for notifier in (
        signal_handlers.task_submission_email_notifier,
        signal_handlers.workflow_submission_email_notifier,
        signal_handlers.workflow_approval_email_notifier,
        signal_handlers.workflow_rejection_email_notifier,
    ):
        _not_for_terms(notifier)


@receiver(workflow_approved)
def definition_approved(sender, instance, user=None, **kwargs):
    term = instance.content_object
    if isinstance(term, _term_class()):
        notifications.tell_class(term, approved=True)


@receiver(workflow_rejected)
def definition_sent_back(sender, instance, user=None, **kwargs):
    term = instance.content_object
    if not isinstance(term, _term_class()):
        return
    from dictionnaire.models import WordRequest

    task_state = instance.task_states.order_by("-started_at", "-id").first()
    reason = task_state.specific.get_comment() if task_state else ""
    WordRequest.objects.filter(term=term, status=WordRequest.Status.IN_MODERATION).update(
        status=WordRequest.Status.CLAIMED
    )
    notifications.tell_class(term, approved=False, reason=reason)
