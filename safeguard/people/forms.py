from django import forms

from safeguard.core.forms import GovUKDateInput, GovUKFormMixin, not_in_future
from safeguard.people.choices import PersonKind
from safeguard.people.identifiers import (
    normalise_nhs_number,
    validate_la_child_id,
    validate_nhs_number,
    validate_upn,
)
from safeguard.people.models import Person
from safeguard.reference_data.cin_codes import Disability


class PersonIdentityChecksMixin:
    """Check a typed NHS number (spaces allowed, check digit) and a date of birth not to come."""

    def clean_nhs_number(self):
        value = (self.cleaned_data.get("nhs_number") or "").strip()
        if value:
            validate_nhs_number(value)
        return normalise_nhs_number(value)

    def clean_date_of_birth(self):
        value = self.cleaned_data.get("date_of_birth")
        not_in_future(value, label="Date of birth")
        return value


class PersonSearchForm(PersonIdentityChecksMixin, GovUKFormMixin, forms.Form):
    name = forms.CharField(required=False, max_length=200, label="Name")
    date_of_birth = forms.DateField(required=False, widget=GovUKDateInput(), label="Date of birth")
    nhs_number = forms.CharField(required=False, max_length=14, label="NHS number")
    la_child_id = forms.CharField(required=False, max_length=20, label="LA child ID")

    def clean(self):
        data = super().clean()
        if not self.errors and not any(data.get(f) for f in self.fields):
            raise forms.ValidationError("Enter a name, date of birth, NHS number or LA child ID")
        return data


class PersonForm(PersonIdentityChecksMixin, GovUKFormMixin, forms.ModelForm):
    disabilities = forms.MultipleChoiceField(
        choices=Disability.choices, required=False, widget=forms.CheckboxSelectMultiple
    )

    class Meta:
        model = Person
        fields = [
            "kind",
            "first_name",
            "middle_names",
            "last_name",
            "date_of_birth",
            "expected_date_of_birth",
            "sex",
            "ethnicity",
            "nhs_number",
            "upn",
            "la_child_id",
        ]
        widgets = {
            "date_of_birth": GovUKDateInput(),
            "expected_date_of_birth": GovUKDateInput(),
        }

    def clean_upn(self):
        value = self.cleaned_data.get("upn", "").strip().upper()
        if value:
            validate_upn(value)
        return value

    def clean_la_child_id(self):
        value = self.cleaned_data.get("la_child_id", "").strip()
        if value:
            validate_la_child_id(value)
        return value

    def clean_disabilities(self):
        codes = self.cleaned_data.get("disabilities") or []
        if Disability.NONE in codes and len(codes) > 1:
            raise forms.ValidationError("Choose 'No disability' or the disabilities, not both")
        return codes

    def clean(self):
        data = super().clean()
        dob, edd = data.get("date_of_birth"), data.get("expected_date_of_birth")
        if data.get("kind") == PersonKind.CHILD and not dob and not edd and not self.errors:
            self.add_error(
                "date_of_birth", "Enter a date of birth, or an expected date of birth if unborn"
            )
        if dob and edd:
            self.add_error(
                "expected_date_of_birth",
                "Enter a date of birth or an expected date of birth, not both",
            )
        return data
