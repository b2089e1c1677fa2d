"""The returns page's form: which return, which collection year."""

from django import forms

from safeguard.core.forms import GovUKFormMixin
from safeguard.returns.cin_census.years import YEARS

RETURN_CHOICES = [
    ("cin_census", "Children in need census (XML)"),
    ("ssda903", "SSDA903 children looked after (CSV files in a zip)"),
]


class ReturnRunForm(GovUKFormMixin, forms.Form):
    return_code = forms.ChoiceField(label="Return", choices=RETURN_CHOICES)
    year = forms.TypedChoiceField(
        label="Collection year",
        coerce=int,
        choices=[(y.end_year, f"{y.label} (to 31 March {y.end_year})") for y in YEARS.values()],
        help_text="Each return counts the year ending 31 March.",
    )
