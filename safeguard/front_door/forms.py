from datetime import timedelta

from django import forms
from django.utils import timezone

from safeguard.accounts.choices import Role
from safeguard.accounts.models import Team, User
from safeguard.casework.choices import RiskLevel
from safeguard.core.forms import GovUKDateInput, GovUKFormMixin, not_in_future
from safeguard.front_door.choices import ContactChannel, Involvement, ScreeningOutcome
from safeguard.front_door.matching import MatchQuery
from safeguard.front_door.selectors import GROUPINGS, current_threshold_levels
from safeguard.people.forms import PersonIdentityChecksMixin
from safeguard.reference_data.cin_codes import PrimaryNeed, ReferralSource, Sex


class DateTimeLocalInput(forms.DateTimeInput):
    input_type = "datetime-local"

    def __init__(self, attrs=None):
        super().__init__(attrs=attrs, format="%Y-%m-%dT%H:%M")


class PersonEntryForm(PersonIdentityChecksMixin, GovUKFormMixin, forms.Form):
    """A person as the screener types them: matched to an existing record, or added."""

    existing_person = forms.IntegerField(required=False, widget=forms.HiddenInput)
    first_name = forms.CharField(required=False, max_length=100, label="First name")
    last_name = forms.CharField(required=False, max_length=100, label="Last name")
    date_of_birth = forms.DateField(required=False, widget=GovUKDateInput(), label="Date of birth")
    sex = forms.ChoiceField(choices=Sex.choices, initial=Sex.U, required=False, label="Sex")
    nhs_number = forms.CharField(required=False, max_length=14, label="NHS number")
    postcode = forms.CharField(
        required=False, max_length=8, label="Postcode", help_text="Used to find the child"
    )

    def clean(self):
        data = super().clean()
        if self.errors or data.get("existing_person"):
            return data
        if not data.get("first_name") or not data.get("last_name"):
            raise forms.ValidationError(
                "Choose a matching person, or enter the first and last name to add a new one"
            )
        return data

    def match_query(self) -> MatchQuery:
        data = self.cleaned_data
        return MatchQuery(
            first_name=data.get("first_name", ""),
            last_name=data.get("last_name", ""),
            date_of_birth=data.get("date_of_birth"),
            nhs_number=data.get("nhs_number", ""),
            postcode=data.get("postcode", ""),
        )

    def new_person_fields(self) -> dict:
        data = self.cleaned_data
        return {
            "first_name": data["first_name"].strip(),
            "last_name": data["last_name"].strip(),
            "date_of_birth": data.get("date_of_birth"),
            "sex": data.get("sex") or Sex.U,
            "nhs_number": data.get("nhs_number", ""),
        }


class MatchQueryForm(PersonEntryForm):
    """The same fields, read leniently while the screener is still typing."""

    def clean(self):
        return self.cleaned_data


class ContactForm(GovUKFormMixin, forms.Form):
    received_at = forms.DateTimeField(label="Date and time received", widget=DateTimeLocalInput())
    referral_source = forms.ChoiceField(
        choices=[("", "Choose the source")] + ReferralSource.choices, label="Source (DfE code)"
    )
    channel = forms.ChoiceField(choices=ContactChannel.choices, label="How it arrived")
    referrer_name = forms.CharField(max_length=200, label="Name of the person making contact")
    referrer_contact_details = forms.CharField(
        max_length=200, required=False, label="Their telephone or email"
    )
    submitted_by_organisation = forms.CharField(
        max_length=200, required=False, label="Their organisation"
    )
    concern = forms.CharField(widget=forms.Textarea(attrs={"rows": 6}), label="What is the concern")
    consent_obtained = forms.BooleanField(
        required=False, label="Parents' consent to share was obtained"
    )

    def clean_received_at(self):
        value = self.cleaned_data["received_at"]
        if value > timezone.now() + timedelta(minutes=1):
            raise forms.ValidationError("The date and time received must be now or in the past")
        return value


class AddPersonForm(PersonEntryForm):
    involvement = forms.ChoiceField(
        choices=Involvement.choices, widget=forms.RadioSelect, label="Their part in the contact"
    )


class ScreeningDecisionForm(GovUKFormMixin, forms.Form):
    level = forms.ModelChoiceField(
        queryset=None, widget=forms.RadioSelect, empty_label=None, label="Level of need"
    )
    outcome = forms.ChoiceField(
        choices=ScreeningOutcome.choices, widget=forms.RadioSelect, label="Outcome"
    )
    rationale = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 6}),
        label="Rationale",
        error_messages={"required": "Enter the rationale for the decision"},
    )
    evidence = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 4}),
        required=False,
        label="Evidence the decision rests on",
        help_text="Checks made and information shared (police, health, school, records)",
    )
    version = forms.IntegerField(widget=forms.HiddenInput)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["level"].queryset = current_threshold_levels()


class AuthoriseForm(GovUKFormMixin, forms.Form):
    comment = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 3}), required=False, label="Manager's comment"
    )


class ReferralForm(GovUKFormMixin, forms.Form):
    person = forms.TypedChoiceField(coerce=int, label="Child", widget=forms.RadioSelect)
    referral_date = forms.DateField(widget=GovUKDateInput(), label="Referral date")
    primary_need = forms.ChoiceField(
        choices=[("", "Choose the primary need")] + PrimaryNeed.choices, label="Primary need code"
    )
    risk_level = forms.ChoiceField(choices=RiskLevel.choices, initial=RiskLevel.MEDIUM)
    team = forms.ModelChoiceField(
        queryset=Team.objects.all(), required=False, label="Team to hold the case"
    )

    def __init__(self, *args, children=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["person"].choices = [(p.pk, p.full_name) for p in children]

    def clean_referral_date(self):
        value = self.cleaned_data["referral_date"]
        not_in_future(value, label="The referral date")
        return value


class AllocateForm(GovUKFormMixin, forms.Form):
    worker = forms.ModelChoiceField(
        queryset=User.objects.exclude(role=Role.PARTNER).select_related("team"),
        label="Allocate to",
        empty_label="Choose a worker",
    )
    reason = forms.CharField(max_length=300, required=False, label="Reason (optional)")


class ConsistencyForm(GovUKFormMixin, forms.Form):
    date_from = forms.DateField(widget=GovUKDateInput(), label="From")
    date_to = forms.DateField(widget=GovUKDateInput(), label="To")
    by = forms.ChoiceField(
        choices=[(k, k.capitalize()) for k in GROUPINGS], initial="screener", label="Group by"
    )
    gap_points = forms.FloatField(
        min_value=1, max_value=100, initial=15, label="Flag a difference of more than (points)"
    )
    min_count = forms.IntegerField(
        min_value=1, initial=10, label="Only for decision-makers with at least (decisions)"
    )

    def clean(self):
        data = super().clean()
        if data.get("date_from") and data.get("date_to") and data["date_from"] > data["date_to"]:
            self.add_error("date_to", "The end of the period must be after its start")
        return data
