"""DfE Children in Need census code lists (CIN census specification 2025/26).

Values are the DfE codes; labels are the DfE descriptions. Source: the DfE CIN census XML
schema for 2025/26 (`CIN_schema_2026.xsd`).
"""

from django.db import models


class UnknownUPN(models.TextChoices):
    UN1 = "UN1", "UN1"
    UN2 = "UN2", "UN2"
    UN3 = "UN3", "UN3"
    UN4 = "UN4", "UN4"
    UN5 = "UN5", "UN5"
    UN6 = "UN6", "UN6"
    UN7 = "UN7", "UN7"


class Sex(models.TextChoices):
    M = "M", "male"
    F = "F", "female"
    U = "U", "unknown"


class Ethnicity(models.TextChoices):
    WBRI = "WBRI", "White British"
    WIRI = "WIRI", "White Irish"
    WIRT = "WIRT", "Traveller of Irish heritage"
    WOTH = "WOTH", "Any other White background"
    WROM = "WROM", "Gypsy/Roma"
    MWBC = "MWBC", "White and Black Caribbean"
    MWBA = "MWBA", "White and Black African"
    MWAS = "MWAS", "White and Asian"
    MOTH = "MOTH", "Any other mixed background"
    AIND = "AIND", "Indian"
    APKN = "APKN", "Pakistani"
    ABAN = "ABAN", "Bangladeshi"
    AOTH = "AOTH", "Any other Asian background"
    BCRB = "BCRB", "Caribbean"
    BAFR = "BAFR", "African"
    BOTH = "BOTH", "Any other black background"
    CHNE = "CHNE", "Chinese"
    OOTH = "OOTH", "Any other ethnic group"
    REFU = "REFU", "Refused"
    NOBT = "NOBT", "Information not yet obtained"


class Disability(models.TextChoices):
    NONE = "NONE", "No disability"
    MOB = "MOB", "Mobility"
    HAND = "HAND", "Hand function"
    PC = "PC", "Personal care"
    INC = "INC", "Incontinence"
    COMM = "COMM", "Communication"
    LD = "LD", "Learning"
    HEAR = "HEAR", "Hearing"
    VIS = "VIS", "Vision"
    BEH = "BEH", "Behaviour"
    CON = "CON", "Consciousness"
    AUT = "AUT", "Autism"
    DDA = "DDA", "Other"


class ReferralSource(models.TextChoices):
    C_1A = "1A", "INDIVIDUAL – family member, relative or carer"
    C_1B = "1B", "INDIVIDUAL – acquaintance (including neighbours and child minders)"
    C_1C = "1C", "INDIVIDUAL – self"
    C_1D = "1D", "INDIVIDUAL – other (including strangers)"
    C_2A = "2A", "SCHOOLS"
    C_2B = "2B", "EDUCATION SERVICES"
    C_3A = "3A", "HEALTH SERVICES – general practitioner (GP)"
    C_3B = "3B", "HEALTH SERVICES – health visitor"
    C_3C = "3C", "HEALTH SERVICES – school nurse"
    C_3D = "3D", "HEALTH SERVICES – other primary health services"
    C_3E = "3E", "HEALTH SERVICES – A&E (accident and emergency department)"
    C_3F = "3F", "HEALTH SERVICES – other (for example hospice)"
    C_4 = "4", "HOUSING - local authority housing or housing association"
    C_5A = "5A", "LA SERVICES – social care for example adults social care services"
    C_5B = (
        "5B",
        "LA SERVICES – other internal (department other than social care in local authorities, for example, youth offending (excluding housing))",
    )
    C_5C = (
        "5C",
        "LA SERVICES – external, for example, from another local authority’s adults social care services",
    )
    C_5D = "5D", "LA SERVICES – early help"
    C_6 = "6", "POLICE"
    C_7 = (
        "7",
        "OTHER LEGAL AGENCY – including courts, probation, immigration, CAFCASS (Children and Family Court Advisory and Support Service) or prison",
    )
    C_8 = (
        "8",
        "OTHER – including children’s centres, independent agency providers or voluntary organisations",
    )
    C_9 = "9", "ANONYMOUS"
    C_10 = "10", "UNKNOWN"


class CategoryOfAbuse(models.TextChoices):
    NEG = "NEG", "Neglect"
    PHY = "PHY", "Physical abuse"
    SAB = "SAB", "Sexual abuse"
    EMO = "EMO", "Emotional abuse"
    MUL = "MUL", "Multiple/not recommended"


class PrimaryNeed(models.TextChoices):
    N1 = "N1", "Abuse, neglect and exploitation"
    N2 = "N2", "Child's disability"
    N3 = "N3", "Parental disability or illness"
    N4 = "N4", "Family in acute stress"
    N5 = "N5", "Family dysfunction"
    N6 = "N6", "Socially unacceptable behaviour"
    N7 = "N7", "Low income"
    N8 = "N8", "Absent parenting"
    N9 = "N9", "Cases other than children in need"
    N0 = "N0", "Not stated"


class ClosureReason(models.TextChoices):
    RC1 = "RC1", "Adopted"
    RC2 = "RC2", "Died"
    RC3 = "RC3", "Child arrangements order"
    RC4 = "RC4", "Special guardianship order"
    RC5 = "RC5", "Transferred to services of another local authority"
    RC6 = "RC6", "Transferred to adult social care services"
    RC7 = "RC7", "Services ceased for any other reason, including child no longer in need"
    RC8 = "RC8", "Case closed after assessment, no further action"
    RC9 = "RC9", "Case closed after assessment, referred to early help"


class AssessmentFactor(models.TextChoices):
    C_1A = "1A", "Alcohol misuse: concerns about alcohol misuse by the child"
    C_1B = "1B", "Alcohol misuse: concerns about alcohol misuse by the parent(s)/carer(s)"
    C_1C = (
        "1C",
        "Alcohol misuse: concerns about alcohol misuse by another person living in the household",
    )
    C_2A = "2A", "Drug misuse: concerns about drug misuse by the child"
    C_2B = "2B", "Drug misuse: concerns about drug misuse by the parent(s)/carer(s)"
    C_2C = "2C", "Drug misuse: concerns about drug misuse by another person living in the household"
    C_3A = (
        "3A",
        "Domestic violence: concerns about the child being the subject of domestic violence",
    )
    C_3B = (
        "3B",
        "Domestic violence: concerns about the child’s parent(s)/carer(s) being the subject of domestic violence",
    )
    C_3C = (
        "3C",
        "Domestic violence: concerns about another person living in the household being the subject of domestic violence",
    )
    C_4A = "4A", "Mental health: concerns about the mental health of the child"
    C_4B = "4B", "Mental health: concerns about the mental health of the parent(s)/carer(s)"
    C_4C = (
        "4C",
        "Mental health: concerns about the mental health of another person in the family/household",
    )
    C_5A = "5A", "Learning disability: concerns about the child’s learning disability"
    C_5B = "5B", "Learning disability: concerns about the parent(s)/carer(s) learning disability"
    C_5C = (
        "5C",
        "Learning disability: concerns about another person in the family/household’s learning disability",
    )
    C_6A = (
        "6A",
        "Physical disability or illness: concerns about a physical disability or illness of the child",
    )
    C_6B = (
        "6B",
        "Physical disability or illness: concerns about a physical disability or illness of the parent(s)/carer(s)",
    )
    C_6C = (
        "6C",
        "Physical disability or illness: concerns about a physical disability or illness of another person in the family/household",
    )
    C_7A = (
        "7A",
        "Young carer: concerns that services may be required or the child’s health or development may be impaired due to their caring responsibilities",
    )
    C_8B = (
        "8B",
        "Privately fostered: concerns that services may be required or the child may be at risk as a privately fostered child - overseas children who intend to return",
    )
    C_8C = (
        "8C",
        "Privately fostered: concerns that services may be required or the child may be at risk as a privately fostered child - overseas children who intend to stay",
    )
    C_8D = (
        "8D",
        "Privately fostered: concerns that services may be required or the child may be at risk as a privately fostered child - UK children in educational placements",
    )
    C_8E = (
        "8E",
        "Privately fostered: concerns that services may be required or the child may be at risk as a privately fostered child - UK children making alternative family arrangements",
    )
    C_8F = (
        "8F",
        "Privately fostered: concerns that services may be required or the child may be at risk as a privately fostered child - other",
    )
    C_9A = (
        "9A",
        "UASC: concerns that services may be required or the child may be at risk of harm as an unaccompanied asylum-seeking child",
    )
    C_10A = (
        "10A",
        "Missing: concerns that services may be required or the child may be at risk of harm due to going/being missing",
    )
    C_11A = (
        "11A",
        "Child sexual exploitation: concerns that services may be required or the child may be at risk of harm due to child sexual exploitation",
    )
    C_12A = (
        "12A",
        "Trafficking: concerns that services may be required or the child may be at risk of harm due to trafficking",
    )
    C_13A = (
        "13A",
        "Gangs: concerns that services may be required or the child may be at risk of harm because of involvement in/with gangs",
    )
    C_14A = (
        "14A",
        "Socially unacceptable behaviour: concerns that services may be required or the child may be at risk due to their socially unacceptable behaviour",
    )
    C_15A = (
        "15A",
        "Self-harm: concerns that services may be required or due to suspected/actual self-harming child may be at risk of harm",
    )
    C_16A = (
        "16A",
        "Abuse or neglect – ‘NEGLECT’: concerns that services may be required or the child may be suffering or likely to suffer significant harm due to abuse or neglect",
    )
    C_17A = (
        "17A",
        "Abuse or neglect – ‘EMOTIONAL ABUSE’: concerns that services may be required or the child may be suffering or likely to suffer significant harm due to abuse or neglect",
    )
    C_18A = "18A", "Abuse or neglect – physical abuse"
    C_18B = (
        "18B",
        "Abuse or neglect – ‘PHYSICAL ABUSE’ (child on child): concerns that services may be required or the child may be suffering or likely to suffer significant harm due to abuse or neglect by another child",
    )
    C_18C = (
        "18C",
        "Abuse or neglect – ‘PHYSICAL ABUSE’ (adult on child): concerns that services may be required or the child may be suffering or likely to suffer significant harm due to abuse or neglect by an adult",
    )
    C_19A = "19A", "Abuse or neglect – sexual abuse"
    C_19B = (
        "19B",
        "Abuse or neglect – ‘SEXUAL ABUSE’ (child on child): concerns that services may be required or the child may be suffering or likely to suffer significant harm due to abuse or neglect by another child",
    )
    C_19C = (
        "19C",
        "Abuse or neglect – ‘SEXUAL ABUSE’ (adult on child): concerns that services may be required or the child may be suffering or likely to suffer significant harm due to abuse or neglect by an adult",
    )
    C_20 = "20", "Other"
    C_21 = (
        "21",
        "No factors identified - only use this if there is no evidence of any of the factors above and no further action is being taken",
    )
    C_22A = (
        "22A",
        "Female genital mutilation (FGM) - concerns that services may be required or the child may be at risk due to female genital mutilation",
    )
    C_23A = (
        "23A",
        "Abuse linked to faith or belief - concerns that services may be required or the child may be at risk due to abuse linked to faith or belief",
    )
    C_24A = (
        "24A",
        "Child criminal exploitation: concerns that services may be required or the child may be at risk of harm due to child criminal exploitation",
    )
