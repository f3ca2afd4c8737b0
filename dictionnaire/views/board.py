"""« Projeter au tableau »: the open workshop's code and short address in very large type, a QR code, and the
pupils who joined (nicknames only). Works without JavaScript (a refresh link); with it, reloads itself."""

import segno
from django.contrib.auth.decorators import login_required
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import timezone

from dictionnaire import workshops
from dictionnaire.views.classes import _own_classroom

#: Seconds between two reloads of the board (with JavaScript).
REFRESH_SECONDS = 10


@login_required(login_url="dictionnaire:login")
def workshop_board(request, pk):
    classroom = _own_classroom(request, pk)
    opened = classroom.workshops.filter(closed=False, expires_at__gt=timezone.now()).first()
    context = {"classroom": classroom, "open_workshop": opened, "refresh_seconds": REFRESH_SECONDS}
    if opened is not None:
        address = request.build_absolute_uri(reverse("dictionnaire:workshop"))
        context.update(
            {
                "short_address": address.split("://", 1)[-1],
                "qr_code": segno.make(f"{address}?code={opened.code}", error="m").svg_data_uri(scale=10),
                "pupils": workshops.pupils_at_work(opened),
            }
        )
    return TemplateResponse(request, "dictionnaire/workshop_board.html", context)
