from datetime import date

from django import forms

from safeguard.core.forms import GovUKDateInput, GovUKFormMixin, today
from safeguard.performance.measures import MEASURES, SCOPE_KINDS, Period, Scope, default_period

EARLIEST = date(2000, 1, 1)


class PeriodForm(GovUKFormMixin, forms.Form):
    """The scope and period of the dashboard, from the query string."""

    scope = forms.CharField(required=False)
    start = forms.DateField(label="From", required=False, widget=GovUKDateInput())
    end = forms.DateField(label="To", required=False, widget=GovUKDateInput())

    def clean_scope(self) -> Scope:
        from safeguard.performance.selectors import scope_is_known

        key = self.cleaned_data.get("scope") or "authority"
        scope = Scope.from_key(key)
        if scope.kind not in SCOPE_KINDS or not scope_is_known(scope):
            raise forms.ValidationError("Choose the authority, a service area, a team or a worker.")
        return scope

    def clean(self):
        data = super().clean()
        if self.errors:
            return data
        default = default_period(today())
        start = data.get("start") or default.start
        end = data.get("end") or default.end
        if end > today():
            self.add_error("end", "The end of the period cannot be in the future.")
        elif start > end:
            self.add_error("start", "The start of the period must be on or before its end.")
        elif start < EARLIEST:
            self.add_error("start", f"The start of the period must be after {EARLIEST:%Y}.")
        else:
            data["period"] = Period(start=start, end=end)
        return data


class StatementForm(GovUKFormMixin, forms.Form):
    heading = forms.CharField(label="Area of practice", max_length=200)
    claim = forms.CharField(label="What we say about our practice", widget=forms.Textarea)
    measure_codes = forms.MultipleChoiceField(
        label="Measures that evidence it",
        choices=[(m.code, m.title) for m in MEASURES.values()],
        widget=forms.CheckboxSelectMultiple,
    )
    target = forms.DecimalField(
        label="Target (per cent), if the claim sets one",
        required=False,
        min_value=0,
        max_value=100,
        decimal_places=1,
    )
