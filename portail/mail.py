"""E-mails leave the web request: Django's ``EMAIL_BACKEND`` puts each message in the task queue, and a worker sends
it through the real backend named by ``PORTAIL_EMAIL_BACKEND`` (SMTP in production, the console in development).

No call site changes: every ``send_mail`` and ``EmailMessage.send()`` of the site goes through here. With the
immediate task backend (tests) the message is sent at once, as before.
"""

import base64
import logging
from email.mime.base import MIMEBase

from django.conf import settings
from django.core.mail import EmailMultiAlternatives, get_connection
from django.core.mail.backends.base import BaseEmailBackend
from django_tasks import task

logger = logging.getLogger(__name__)


def real_connection(fail_silently=False):
    return get_connection(settings.PORTAIL_EMAIL_BACKEND, fail_silently=fail_silently)


def serialise(message):
    """The message as JSON-friendly data, or None when an attachment cannot be carried (then it is sent at once)."""
    attachments = []
    for attachment in message.attachments:
        if isinstance(attachment, MIMEBase):
            return None
        filename, content, mimetype = attachment
        if isinstance(content, str):
            content = content.encode()
        attachments.append([filename, base64.b64encode(content).decode("ascii"), mimetype])
    return {
        "subject": str(message.subject),
        "body": str(message.body),
        "from_email": message.from_email,
        "to": list(message.to),
        "cc": list(message.cc),
        "bcc": list(message.bcc),
        "reply_to": list(message.reply_to),
        "headers": dict(message.extra_headers),
        "alternatives": [[str(content), mimetype] for content, mimetype in getattr(message, "alternatives", [])],
        "attachments": attachments,
        "content_subtype": message.content_subtype,
    }


def deserialise(data):
    message = EmailMultiAlternatives(
        subject=data["subject"],
        body=data["body"],
        from_email=data["from_email"],
        to=data["to"],
        cc=data["cc"],
        bcc=data["bcc"],
        reply_to=data["reply_to"],
        headers=data["headers"],
        alternatives=[tuple(pair) for pair in data["alternatives"]],
    )
    message.content_subtype = data.get("content_subtype", "plain")
    for filename, content, mimetype in data["attachments"]:
        message.attach(filename, base64.b64decode(content), mimetype)
    return message


@task(queue_name="default")
def send_queued_email(data):
    """Send one queued message through the real backend; a failure is recorded by the task backend and retried
    by nobody (the worker logs it; the admin's task list shows it)."""
    return real_connection().send_messages([deserialise(data)])


class QueuedEmailBackend(BaseEmailBackend):
    def send_messages(self, email_messages):
        sent = 0
        direct = []
        for message in email_messages:
            if not message.recipients():
                continue
            data = serialise(message)
            if data is None:
                direct.append(message)
                continue
            send_queued_email.enqueue(data)
            sent += 1
        if direct:
            sent += real_connection(self.fail_silently).send_messages(direct) or 0
        return sent
