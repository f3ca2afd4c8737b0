"""The period of the figures page: two dates (``du``, ``au``) or a preset, never a 500 on bad input."""

from datetime import date, timedelta

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

#: The longest period shown (daily rows are read for it).
MAX_DAYS = 5 * 366

PRESETS = {
    "mois": _("Ce mois-ci"),
    "12-mois": _("Les 12 derniers mois"),
    "annee-scolaire": _("Cette année scolaire"),
    "annee-civile": _("Cette année"),
}


def preset_dates(name, today):
    if name == "mois":
        return today.replace(day=1), today
    if name == "annee-scolaire":  # 1 September to 31 August
        start_year = today.year if today.month >= 9 else today.year - 1
        return date(start_year, 9, 1), date(start_year + 1, 8, 31)
    if name == "annee-civile":
        return date(today.year, 1, 1), date(today.year, 12, 31)
    # last 12 months: from the first day of the month 11 months ago
    month, year = today.month - 11, today.year
    if month <= 0:
        month, year = month + 12, year - 1
    return date(year, month, 1), today


class PeriodForm(forms.Form):
    du = forms.DateField(label=_("Du"), required=False, widget=forms.DateInput(attrs={"type": "date"}))
    au = forms.DateField(label=_("Au"), required=False, widget=forms.DateInput(attrs={"type": "date"}))
    periode = forms.ChoiceField(label=_("Ou une période"), required=False, choices=[("", "—"), *PRESETS.items()])

    def clean(self):
        data = super().clean()
        start, end = data.get("du"), data.get("au")
        if start and end and end < start:
            raise forms.ValidationError(_("La date de fin doit être après la date de début."))
        if start and end and (end - start).days > MAX_DAYS:
            raise forms.ValidationError(_("Choisissez une période de 5 ans au plus."))
        return data


def resolve(query, today=None):
    """``(form, start, end)``: the dates asked for, or the last 12 months when they are missing or wrong."""
    today = today or timezone.localdate()
    form = PeriodForm(query)
    if form.is_valid():
        data = form.cleaned_data
        if data.get("periode"):
            return form, *preset_dates(data["periode"], today)
        if data.get("du") or data.get("au"):
            start = data.get("du") or (data["au"] - timedelta(days=365))
            end = data.get("au") or max(today, start)
            if (end - start).days <= MAX_DAYS:
                return form, start, end
    return form, *preset_dates("12-mois", today)
