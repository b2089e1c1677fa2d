from django import forms

from safeguard.core.forms import GovUKDateInput, GovUKFormMixin
from safeguard.people.forms import PersonIdentityChecksMixin
from safeguard.reference_data.cin_codes import ReferralSource, Sex


class PartnerContactForm(PersonIdentityChecksMixin, GovUKFormMixin, forms.Form):
    """A partner agency's concern about a child, in the words a referrer would use."""

    first_name = forms.CharField(max_length=100, label="Child's first name")
    last_name = forms.CharField(max_length=100, label="Child's last name")
    date_of_birth = forms.DateField(
        required=False, widget=GovUKDateInput(), label="Child's date of birth (if known)"
    )
    sex = forms.ChoiceField(choices=Sex.choices, initial=Sex.U, label="Child's sex")
    nhs_number = forms.CharField(
        required=False,
        max_length=14,
        label="Child's NHS number (if known)",
        help_text="It lets us find the child's record without asking you again",
    )
    where_the_child_lives = forms.CharField(
        required=False, max_length=300, label="Where the child lives (address, if known)"
    )
    referral_source = forms.ChoiceField(
        choices=[("", "Choose your agency type")] + ReferralSource.choices,
        label="Your agency type",
    )
    referrer_contact_details = forms.CharField(
        max_length=200, label="A telephone number or email we can reach you on"
    )
    concern = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 8}),
        label="What is your concern",
        help_text="What you have seen or heard, when, and what the child has said",
    )
    consent_obtained = forms.TypedChoiceField(
        choices=[("yes", "Yes"), ("no", "No, or not asked")],
        coerce=lambda value: value == "yes",
        widget=forms.RadioSelect,
        label="Have the parents agreed to this being shared?",
    )

    def child_fields(self) -> dict:
        data = self.cleaned_data
        return {
            "first_name": data["first_name"].strip(),
            "last_name": data["last_name"].strip(),
            "date_of_birth": data.get("date_of_birth"),
            "sex": data.get("sex") or Sex.U,
            "nhs_number": data.get("nhs_number", ""),
        }

    def contact_fields(self) -> dict:
        data = self.cleaned_data
        return {
            "referral_source": data["referral_source"],
            "referrer_contact_details": data["referrer_contact_details"],
            "concern": data["concern"],
            "consent_obtained": data["consent_obtained"],
            "where_the_child_lives": data.get("where_the_child_lives", ""),
        }
