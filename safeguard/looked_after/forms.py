from django import forms

from safeguard.accounts.choices import Role
from safeguard.accounts.models import User
from safeguard.core.forms import GovUKDateInput, GovUKFormMixin, not_in_future
from safeguard.looked_after.choices import (
    Accommodation,
    Activity,
    CareLeaverEligibility,
    CategoryOfNeed,
    HealthEventKind,
    InTouch,
    LegalStatus,
    PersonalEducationPlanKind,
    PlacementProvider,
    PlacementType,
    ReasonEpisodeCeased,
    ReasonNewEpisode,
    ReasonPlaceChange,
    ReviewParticipation,
)

UNCHANGED = [("", "No change")]


def _date(label, *, required=True, help_text=""):
    field = forms.DateField(
        label=label, required=required, widget=GovUKDateInput(), help_text=help_text
    )
    field.validators.append(lambda v: not_in_future(v, label=label))
    return field


def _choice(label, choices, *, required=True, blank_label="Select", help_text=""):
    options = choices if required else [("", blank_label), *choices]
    return forms.ChoiceField(label=label, choices=options, required=required, help_text=help_text)


class EpisodeStartForm(GovUKFormMixin, forms.Form):
    start_date = _date("Date the child became looked after (DECOM)")
    legal_status = _choice("Legal status (LS)", LegalStatus.choices)
    category_of_need = _choice("Category of need (CIN)", CategoryOfNeed.choices)
    placement_type = _choice("Placement type (PLACE)", PlacementType.choices)
    placement_provider = _choice(
        "Placement provider (PLACE_PROVIDER)", PlacementProvider.choices, required=False
    )
    home_postcode = forms.CharField(label="Home postcode (HOME_POST)", required=False)
    placement_postcode = forms.CharField(label="Placement postcode (PL_POST)", required=False)
    urn = forms.CharField(label="Provider's Ofsted URN", required=False)
    placement_intended_until_18 = forms.BooleanField(
        label="The placement is intended to last until the child is 18", required=False
    )
    placed_with_parent_before_assessment = forms.BooleanField(
        label="Placed with a parent before the assessment was completed (reg 19)", required=False
    )
    connected_person_temporary_approval = forms.BooleanField(
        label="Placed with a temporarily approved connected person (reg 24)", required=False
    )


class EpisodeChangeForm(GovUKFormMixin, forms.Form):
    change_date = _date("Date of the change")
    reason_new_episode = _choice(
        "What changed (RNE)",
        [c for c in ReasonNewEpisode.choices if c[0] != ReasonNewEpisode.S],
    )
    reason_place_change = _choice(
        "Reason for placement change",
        ReasonPlaceChange.choices,
        required=False,
        blank_label="Not a change of placement",
    )
    legal_status = _choice(
        "New legal status", LegalStatus.choices, required=False, blank_label="No change"
    )
    placement_type = _choice(
        "New placement type", PlacementType.choices, required=False, blank_label="No change"
    )
    placement_provider = _choice(
        "New placement provider",
        PlacementProvider.choices,
        required=False,
        blank_label="No change",
    )
    placement_postcode = forms.CharField(label="New placement postcode", required=False)
    urn = forms.CharField(label="New provider's Ofsted URN", required=False)
    placement_intended_until_18 = forms.TypedChoiceField(
        label="Is the new placement intended to last until 18?",
        choices=[("", "No change"), ("yes", "Yes"), ("no", "No")],
        coerce=lambda v: v == "yes",
        empty_value=None,
        required=False,
    )


class EpisodeCeaseForm(GovUKFormMixin, forms.Form):
    end_date = _date("Date the child ceased to be looked after (DEC)")
    reason_episode_ceased = _choice(
        "Reason (REC)",
        [c for c in ReasonEpisodeCeased.choices if c[0] != ReasonEpisodeCeased.X1],
    )


class ReviewForm(GovUKFormMixin, forms.Form):
    review_date = _date("Date of the review")
    participation = _choice("How the child took part (REVIEW_CODE)", ReviewParticipation.choices)
    decisions = forms.CharField(
        label="Decisions and recommendations", required=False, widget=forms.Textarea
    )


class HealthForm(GovUKFormMixin, forms.Form):
    kind = _choice("What was done", HealthEventKind.choices)
    event_date = _date("Date")
    immunisations_up_to_date = forms.TypedChoiceField(
        label="Are the immunisations up to date?",
        choices=[("", "Not recorded"), ("yes", "Yes"), ("no", "No")],
        coerce=lambda v: v == "yes",
        empty_value=None,
        required=False,
    )
    sdq_score = forms.IntegerField(label="SDQ score (0 to 40)", required=False)
    notes = forms.CharField(required=False, widget=forms.Textarea)


class PersonalEducationPlanForm(GovUKFormMixin, forms.Form):
    kind = _choice("Plan", PersonalEducationPlanKind.choices)
    meeting_date = _date("Date of the PEP meeting")
    school_name = forms.CharField(label="School or setting", required=False)
    notes = forms.CharField(required=False, widget=forms.Textarea)


class IROForm(GovUKFormMixin, forms.Form):
    iro = forms.ModelChoiceField(
        label="Independent reviewing officer",
        queryset=User.objects.filter(role=Role.CONFERENCE_CHAIR, is_active=True),
    )
    start_date = _date("From")


class CareLeaverForm(GovUKFormMixin, forms.Form):
    eligibility = _choice("Care leaver category", CareLeaverEligibility.choices)
    personal_adviser = forms.ModelChoiceField(
        label="Personal adviser", queryset=User.objects.filter(is_active=True), required=False
    )
    needs_assessment_completed_on = _date("Needs assessment completed", required=False)
    services_ended_on = _date("Leaving care services ended", required=False)


class PathwayPlanForm(GovUKFormMixin, forms.Form):
    plan_date = _date("Date of the plan or review")
    is_review = forms.BooleanField(label="This is a review of the pathway plan", required=False)
    notes = forms.CharField(required=False, widget=forms.Textarea)


class CareLeaverBirthdayForm(GovUKFormMixin, forms.Form):
    birthday_age = forms.TypedChoiceField(
        label="Birthday", choices=[(n, f"{n}th birthday") for n in range(17, 22)], coerce=int
    )
    contact_date = _date("Date of contact", required=False)
    in_touch = _choice("In touch (IN_TOUCH)", InTouch.choices)
    activity = _choice("Main activity (ACTIV)", Activity.choices)
    accommodation = _choice("Accommodation (ACCOM)", Accommodation.choices)
