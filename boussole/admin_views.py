"""Admin screens of the boussole: import with a dry run that lists every rejected row, and exports."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import FormView
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin

from boussole.forms import ImportForm
from boussole.io.exporter import export_csv, export_json
from boussole.io.formats import FileFormatError
from boussole.io.importer import import_file


def can_import(user):
    return user.has_perms(["boussole.add_structure", "boussole.change_structure", "boussole.add_service"])


class ImportView(WagtailAdminTemplateMixin, FormView):
    form_class = ImportForm
    template_name = "boussole/admin/import.html"
    page_title = gettext_lazy("Importer des structures et services")
    header_icon = "upload"

    def dispatch(self, request, *args, **kwargs):
        if not can_import(request.user):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get_breadcrumbs_items(self):
        return [*self.breadcrumbs_items, {"url": "", "label": self.page_title}]

    def form_valid(self, form):
        upload = form.cleaned_data["file"]
        dry_run = form.cleaned_data["dry_run"]
        try:
            report = import_file(upload.name, upload.read(), dry_run=dry_run)
        except FileFormatError as exc:
            form.add_error("file", str(exc))
            return self.form_invalid(form)
        if report.applied:
            messages.success(self.request, _("Import terminé : %(summary)s") % {"summary": report.summary()})
        return self.render_to_response(self.get_context_data(form=ImportForm(), report=report))

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["export_json_url"] = reverse("boussole_admin_export", args=["json"])
        context["export_structures_url"] = reverse("boussole_admin_export", args=["structures.csv"])
        context["export_services_url"] = reverse("boussole_admin_export", args=["services.csv"])
        return context


def export_view(request, kind):
    if not request.user.has_perm("boussole.view_structure") and not can_import(request.user):
        raise PermissionDenied
    if kind == "json":
        return HttpResponse(
            export_json(),
            content_type="application/json; charset=utf-8",
            headers={"Content-Disposition": 'attachment; filename="boussole-data-inclusion.json"'},
        )
    csv_kind = {"structures.csv": "structure", "services.csv": "service"}.get(kind)
    if csv_kind is None:
        raise PermissionDenied
    return HttpResponse(
        export_csv(csv_kind),
        content_type="text/csv; charset=utf-8",
        headers={"Content-Disposition": f'attachment; filename="boussole-{kind}"'},
    )
