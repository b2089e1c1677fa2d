# ruff: noqa: E501 - DfE code descriptions are kept whole.
"""Codes for looked-after children and care leavers.

Where the DfE sets the code, the value is the SSDA903 code and the label its description.
Which codes a collection year accepts is data (codes/ssda903_<year>.json); the TextChoices
here carry every code of every year held, and tests keep the two in step.
"""

from django.db import models


class LegalStatus(models.TextChoices):
    """SSDA903 LS."""

    C1 = "C1", "Interim care order"
    C2 = "C2", "Full care order"
    D1 = "D1", "Freeing order granted"
    E1 = "E1", "Placement order granted"
    V2 = "V2", "Single period of accommodation under section 20 (Children Act 1989)"
    V3 = (
        "V3",
        "Accommodated under an agreed series of short-term breaks, when individual episodes of care are recorded",
    )
    V4 = (
        "V4",
        "Accommodated under an agreed series of short-term breaks, when agreements are recorded (not individual episodes of care)",
    )
    L1 = "L1", "Under police protection and in local authority accommodation"
    L2 = "L2", "Emergency protection order (EPO)"
    L3 = "L3", "Under child assessment order and in local authority accommodation"
    J1 = "J1", "Remanded to local authority accommodation or to youth detention accommodation"
    J2 = (
        "J2",
        "Placed in local authority accommodation under the Police and Criminal Evidence Act 1984, including secure accommodation",
    )
    J3 = (
        "J3",
        "Sentenced to Youth Rehabilitation Order with residence or intensive fostering requirement",
    )


class ReasonNewEpisode(models.TextChoices):
    """SSDA903 RNE."""

    S = "S", "Started to be looked after"
    L = "L", "Change of legal status only"
    P = "P", "Change of placement and carer(s) only"
    T = "T", "Change of placement (but same carer(s)) only"
    B = "B", "Change of legal status and placement and carer(s) at the same time"
    U = "U", "Change of legal status and change of placement (but same carer(s)) at the same time"


# Every reason for a new episode except a change of legal status alone begins a placement.
PLACEMENT_STARTS = frozenset({"S", "P", "T", "B", "U"})
# Short-break legal statuses: the DfE leaves these out of stability measures.
SHORT_BREAK_STATUSES = frozenset({"V3", "V4"})


class CategoryOfNeed(models.TextChoices):
    """SSDA903 CIN."""

    N1 = "N1", "Abuse or neglect"
    N2 = "N2", "Child's disability"
    N3 = "N3", "Parental illness or disability"
    N4 = "N4", "Family in acute stress"
    N5 = "N5", "Family dysfunction"
    N6 = "N6", "Socially unacceptable behaviour"
    N7 = "N7", "Low income"
    N8 = "N8", "Absent parenting"


class PlacementType(models.TextChoices):
    """SSDA903 PLACE: every code of the years held; codes/ says which year accepts which."""

    A3 = "A3", "Placed for adoption with parental/guardian consent with current foster carer(s)"
    A4 = "A4", "Placed for adoption with parental/guardian consent not with current foster carer(s)"
    A5 = "A5", "Placed for adoption with placement order with current foster carer(s)"
    A6 = "A6", "Placed for adoption with placement order not with current foster carer(s)"
    K1 = "K1", "Secure children's home"
    K2 = "K2", "Children's home subject to Children's Homes Regulations"
    K3 = "K3", "Supported accommodation"
    P1 = "P1", "Placed with own parent(s) or other person(s) with parental responsibility"
    P3 = "P3", "Residential employment"
    R1 = "R1", "Residential care home"
    R2 = "R2", "NHS/health trust or other establishment providing medical or nursing care"
    R3 = "R3", "Family centre or mother and baby unit"
    R5 = "R5", "Young offender institution (YOI)"
    S1 = "S1", "Residential school, except where dual-registered as a school and children's home"
    T0 = "T0", "All types of temporary move"
    T1 = "T1", "Temporary periods in hospital"
    T2 = "T2", "Temporary absences of the child on holiday"
    T3 = "T3", "Temporary accommodation whilst normal foster carer(s) is/are on holiday"
    T4 = (
        "T4",
        "Temporary accommodation of seven days or less, for any reason, not covered by T1 to T3",
    )
    U1 = "U1", "Foster placement with relative(s) or friend(s): long-term fostering"
    U2 = (
        "U2",
        "Foster placement with relative(s) or friend(s) who is/are also approved adopter(s): fostering for adoption or concurrent planning",
    )
    U3 = (
        "U3",
        "Foster placement with relative(s) or friend(s): not long-term or fostering for adoption",
    )
    U4 = "U4", "Foster placement with other foster carer(s): long-term fostering"
    U5 = (
        "U5",
        "Foster placement with other foster carer(s) who is/are also approved adopter(s): fostering for adoption or concurrent planning",
    )
    U6 = (
        "U6",
        "Foster placement with other foster carer(s): not long-term or fostering for adoption",
    )
    Z1 = "Z1", "Other placement"
    # The reference spec lists these 2025/26 sub-codes of "other placement" without their
    # descriptions; the label says so rather than guess the DfE wording.
    Z11 = "Z11", "Other placement (Z11: see the DfE SSDA903 guidance)"
    Z12 = "Z12", "Other placement (Z12: see the DfE SSDA903 guidance)"
    Z13 = "Z13", "Other placement (Z13: see the DfE SSDA903 guidance)"
    Z14 = "Z14", "Other placement (Z14: see the DfE SSDA903 guidance)"


TEMPORARY_PLACEMENTS = frozenset({"T0", "T1", "T2", "T3", "T4"})
FOSTER_PLACEMENTS = frozenset({"U1", "U2", "U3", "U4", "U5", "U6"})
ADOPTION_PLACEMENTS = frozenset({"A3", "A4", "A5", "A6"})


class PlacementProvider(models.TextChoices):
    """SSDA903 PLACE_PROVIDER."""

    PR0 = "PR0", "Parent(s) or other person(s) with parental responsibility"
    PR1 = "PR1", "Own provision (by the local authority)"
    PR2 = "PR2", "Other local authority provision"
    PR3 = "PR3", "Other public provision (for example by the NHS)"
    PR4 = "PR4", "Private provision"
    PR5 = "PR5", "Voluntary or third sector provision"


class ReasonEpisodeCeased(models.TextChoices):
    """SSDA903 REC."""

    X1 = "X1", "Episode ceases, and new episode begins on same day, for any reason"
    E11 = "E11", "Adopted: application for an adoption order unopposed"
    E12 = "E12", "Adopted: consent dispensed with by the court"
    E2 = "E2", "Died"
    E3 = "E3", "Care taken over by another local authority in the UK"
    E4A = (
        "E4A",
        "Returned home to live with parent(s), relative(s), or other person(s) with parental responsibility as part of the care planning process",
    )
    E4B = (
        "E4B",
        "Returned home to live with parent(s), relative(s), or other person(s) with parental responsibility not as part of the care planning process",
    )
    E13 = (
        "E13",
        "Left care to live with parent(s), relative(s), or other person(s) with no parental responsibility",
    )
    E41 = "E41", "Residence order or child arrangements order granted"
    E45 = (
        "E45",
        "Special guardianship order made to former foster carer(s) who was/are a relative(s) or friend(s)",
    )
    E46 = (
        "E46",
        "Special guardianship order made to former foster carer(s) other than relative(s) or friend(s)",
    )
    E47 = (
        "E47",
        "Special guardianship order made to carer(s), other than former foster carer(s), who was/are a relative(s) or friend(s)",
    )
    E48 = (
        "E48",
        "Special guardianship order made to carer(s), other than former foster carer(s), other than relative(s) or friend(s)",
    )
    E5 = "E5", "Moved into independent living arrangement with formalised advice or support"
    E6 = "E6", "Moved into independent living arrangement without formalised advice or support"
    E7 = "E7", "Transferred to residential care funded by adult social care services"
    E9 = "E9", "Sentenced to custody"
    E14 = "E14", "Accommodation on remand ended"
    E15 = "E15", "Age assessment determined child is aged 18 or over and E5, E6 and E7 do not apply"
    E16 = "E16", "Child moved abroad"
    E17 = "E17", "Aged 18 (or over) and remained with current carers (including staying put)"
    E8 = "E8", "Period of being looked after ceased for any other reason"


class ReasonPlaceChange(models.TextChoices):
    """SSDA903 REASON_PLACE_CHANGE."""

    CARPL = "CARPL", "Change to or implementation of care plan"
    CLOSE = "CLOSE", "Resignation or closure of provision"
    ALLEG = "ALLEG", "Allegation (section 47)"
    STAND = "STAND", "Standards of care concern"
    APPRR = "APPRR", "Approval removed"
    CREQB = "CREQB", "Carer(s) requested placement end due to child's behaviour"
    CREQO = "CREQO", "Carer(s) requested placement end, other than due to child's behaviour"
    CHILD = "CHILD", "Child requested placement end"
    LAREQ = "LAREQ", "Responsible or area authority requested placement end"
    PLACE = "PLACE", "Change in the status of placement only"
    CUSTOD = "CUSTOD", "Child moved to custody"
    OTHER = "OTHER", "Other"


class ReviewParticipation(models.TextChoices):
    """SSDA903 REVIEW_CODE: how the child took part in the review."""

    PN0 = "PN0", "Child aged under 4 at the time of the review"
    PN1 = "PN1", "Child physically attends and speaks for themselves"
    PN2 = "PN2", "Child physically attends and an advocate speaks on their behalf"
    PN3 = "PN3", "Child attends and conveys their view symbolically (non-verbally)"
    PN4 = "PN4", "Child physically attends but does not speak, convey a view or ask an advocate to"
    PN5 = "PN5", "Child does not attend physically but briefs an advocate to speak for them"
    PN6 = "PN6", "Child does not attend but conveys their feelings by a facilitative medium"
    PN7 = "PN7", "Child does not attend nor are their views conveyed to the review"


class HealthEventKind(models.TextChoices):
    INITIAL_HEALTH_ASSESSMENT = "initial_health_assessment", "Initial health assessment"
    REVIEW_HEALTH_ASSESSMENT = "review_health_assessment", "Review health assessment"
    DENTAL_CHECK = "dental_check", "Dental check"
    IMMUNISATIONS = "immunisations", "Immunisations checked"
    SDQ = "sdq", "Strengths and difficulties questionnaire"


class PersonalEducationPlanKind(models.TextChoices):
    INITIAL = "initial", "Initial personal education plan"
    REVIEW = "review", "Personal education plan review"


class CareLeaverEligibility(models.TextChoices):
    """Care leaver categories: Children Act 1989 s19B, s23A, s23C and s24 (qualifying)."""

    ELIGIBLE = "eligible", "Eligible (aged 16 or 17 and still looked after)"
    RELEVANT = "relevant", "Relevant (aged 16 or 17, left care after 16)"
    FORMER_RELEVANT = "former_relevant", "Former relevant (aged 18 to 25)"
    QUALIFYING = "qualifying", "Qualifying (for example on a special guardianship order)"


class InTouch(models.TextChoices):
    """SSDA903 OC3 IN_TOUCH."""

    YES = "YES", "In touch"
    NO = "NO", "Not in touch"
    DIED = "DIED", "Young person has died"
    REFU = "REFU", "Young person refuses contact"
    NREQ = "NREQ", "Young person no longer requires services"
    RHOM = "RHOM", "Returned home to parents or family for more than six months"


class Activity(models.TextChoices):
    """SSDA903 OC3 ACTIV: education, employment or training."""

    F1 = "F1", "Full-time in higher education"
    P1 = "P1", "Part-time in higher education"
    F2 = "F2", "Full-time in education other than higher education"
    P2 = "P2", "Part-time in education other than higher education"
    F4 = "F4", "Full-time in employment"
    P4 = "P4", "Part-time in employment"
    F5 = "F5", "Full-time in training or apprenticeship"
    P5 = "P5", "Part-time in training or apprenticeship"
    G4 = "G4", "Not in education, employment or training: illness or disability"
    G5 = "G5", "Not in education, employment or training: other reasons"
    G6 = "G6", "Not in education, employment or training: pregnancy or parenting"
    NONE = "0", "No activity recorded (not in touch, refused or died)"


NEET_ACTIVITIES = frozenset({"G4", "G5", "G6"})


class Accommodation(models.TextChoices):
    """SSDA903 OC3 ACCOM: the letter is the type; 1 = suitable, 2 = not suitable."""

    B1 = "B1", "With parents or relatives: suitable"
    B2 = "B2", "With parents or relatives: not suitable"
    C1 = "C1", "Community home or other form of residential care: suitable"
    C2 = "C2", "Community home or other form of residential care: not suitable"
    D1 = "D1", "Semi-independent, transitional accommodation: suitable"
    D2 = "D2", "Semi-independent, transitional accommodation: not suitable"
    E1 = "E1", "Supported lodgings: suitable"
    E2 = "E2", "Supported lodgings: not suitable"
    G1 = "G1", "Gone abroad: suitable"
    G2 = "G2", "Gone abroad: not suitable"
    H1 = "H1", "Deported: suitable"
    H2 = "H2", "Deported: not suitable"
    K1 = "K1", "Ordinary lodgings, without formal support: suitable"
    K2 = "K2", "Ordinary lodgings, without formal support: not suitable"
    R1 = "R1", "Residence not known: suitable"
    R2 = "R2", "Residence not known: not suitable"
    S1 = "S1", "No fixed abode or homeless: suitable"
    S2 = "S2", "No fixed abode or homeless: not suitable"
    T1 = "T1", "Foyers and similar supported accommodation: suitable"
    T2 = "T2", "Foyers and similar supported accommodation: not suitable"
    U1 = "U1", "Independent living: suitable"
    U2 = "U2", "Independent living: not suitable"
    V1 = "V1", "Emergency accommodation: suitable"
    V2 = "V2", "Emergency accommodation: not suitable"
    W1 = "W1", "Bed and breakfast: suitable"
    W2 = "W2", "Bed and breakfast: not suitable"
    X1 = "X1", "In custody: suitable"
    X2 = "X2", "In custody: not suitable"
    Y1 = "Y1", "Other accommodation: suitable"
    Y2 = "Y2", "Other accommodation: not suitable"
    Z1 = "Z1", "With former foster carers: suitable"
    Z2 = "Z2", "With former foster carers: not suitable"
    NONE = "0", "No accommodation recorded (not in touch, refused or died)"


class ReasonPlacedCeased(models.TextChoices):
    """SSDA903 REASON_PLACED_CEASED: why the decision to place for adoption was reversed."""

    RD1 = "RD1", "The child's needs changed subsequent to the decision"
    RD2 = "RD2", "The court did not make a placement order"
    RD3 = "RD3", "Prospective adopters could not be found"
    RD4 = "RD4", "Any other reason"
