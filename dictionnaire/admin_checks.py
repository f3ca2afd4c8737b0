"""What moderators see beside each definition in the admin's listing: personal data to remove, and how easy the
text is to read (issue 17)."""

from django.utils.translation import gettext_lazy as _
from wagtail.admin.ui.tables import Column

from dictionnaire import privacy


def latest_version(term):
    """The version a moderator reviews: the latest revision, or the row itself."""
    revision = term.latest_revision
    return term.with_content_json(revision.content) if revision is not None else term


class ChecksColumn(Column):
    """« Vérifications »: a warning when the latest version holds personal data, and its readability."""

    cell_template_name = "dictionnaire/admin/checks_cell.html"

    def __init__(self, name="checks", **kwargs):
        kwargs.setdefault("label", _("Vérifications"))
        super().__init__(name, **kwargs)

    def get_cell_context_data(self, instance, parent_context):
        from dictionnaire import readability

        context = super().get_cell_context_data(instance, parent_context)
        version = latest_version(instance)
        # Pattern checks only here: the pupils' nicknames are checked when the adult sends (one query per row spared).
        context["findings"] = privacy.scan_term(version)
        context["readability"] = readability.score_of(version)
        return context
