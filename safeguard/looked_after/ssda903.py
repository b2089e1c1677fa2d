"""Where each SSDA903 column comes from: the map a returns exporter reads.

Each table maps its columns to "model.field" (a field path on that model, "__" to follow a
relation), or to None where the column is not held by this app. Dates are exported as
dd/mm/YYYY and datetimes by their date.
"""

SSDA903_COLUMNS: dict[str, tuple[str | None, dict[str, str | None]]] = {
    "Header": (
        "people.Person",
        {
            "CHILD": "la_child_id",
            "SEX": "sex",
            "DOB": "date_of_birth",
            "ETHNIC": "ethnicity",
            "UPN": "upn",
            "MOTHER": None,
            "MC_DOB": None,
        },
    ),
    "Episodes": (
        "looked_after.CareEpisode",
        {
            "CHILD": "person__la_child_id",
            "DECOM": "start_date",
            "RNE": "reason_new_episode",
            "LS": "legal_status",
            "CIN": "category_of_need",
            "PLACE": "placement_type",
            "PLACE_PROVIDER": "placement_provider",
            "DEC": "end_date",
            "REC": "reason_episode_ceased",
            "REASON_PLACE_CHANGE": "reason_place_change",
            "HOME_POST": "home_postcode",
            "PL_POST": "placement_postcode",
            "URN": "urn",
        },
    ),
    "Reviews": (
        "looked_after.LookedAfterReview",
        {
            "CHILD": "person__la_child_id",
            "DOB": "person__date_of_birth",
            "REVIEW": "review_date",
            "REVIEW_CODE": "participation",
        },
    ),
    "UASC": (
        "looked_after.UnaccompaniedAsylumSeekingChild",
        {
            "CHILD": "person__la_child_id",
            "SEX": "person__sex",
            "DOB": "person__date_of_birth",
            "DUC": "date_uasc_ceased",
        },
    ),
    # OC2 is derived per child and year from HealthEvent rows: HEALTH_CHECK = an initial or
    # review health assessment in the year, TEETH_CHECK = a dental_check, IMMUNISATIONS = the
    # latest immunisations row's immunisations_up_to_date, SDQ_SCORE = the latest sdq row.
    "OC2": (
        "looked_after.HealthEvent",
        {
            "CHILD": "person__la_child_id",
            "DOB": "person__date_of_birth",
            "SDQ_SCORE": "sdq_score",
            "SDQ_REASON": None,
            "CONVICTED": None,
            "HEALTH_CHECK": "kind",
            "IMMUNISATIONS": "immunisations_up_to_date",
            "TEETH_CHECK": "kind",
            "HEALTH_ASSESSMENT": "kind",
            "SUBSTANCE_MISUSE": None,
            "INTERVENTION_RECEIVED": None,
            "INTERVENTION_OFFERED": None,
        },
    ),
    "OC3": (
        "looked_after.CareLeaverBirthdayRecord",
        {
            "CHILD": "person__la_child_id",
            "DOB": "person__date_of_birth",
            "IN_TOUCH": "in_touch",
            "ACTIV": "activity",
            "ACCOM": "accommodation",
        },
    ),
    "AD1": (
        "looked_after.Adoption",
        {
            "CHILD": "person__la_child_id",
            "DOB": "person__date_of_birth",
            "DATE_INT": "date_should_be_placed",
            "DATE_MATCH": "date_matched",
            "FOSTER_CARE": "adopted_by_foster_carer",
            "NB_ADOPTR": "number_of_adopters",
            "SEX_ADOPTR": "sex_of_adopters",
            "LS_ADOPTR": "legal_status_of_adopters",
        },
    ),
    "PlacedAdoption": (
        "looked_after.PlacedForAdoption",
        {
            "CHILD": "person__la_child_id",
            "DOB": "person__date_of_birth",
            "DATE_PLACED": "date_placed",
            "DATE_PLACED_CEASED": "date_placed_ceased",
            "REASON_PLACED_CEASED": "reason_placed_ceased",
        },
    ),
    # The missing app's one model; only rows with missing_from = "care" belong in the 903.
    "Missing": (
        "missing.MissingEpisode",
        {
            "CHILD": "person__la_child_id",
            "DOB": "person__date_of_birth",
            "MISSING": "missing_type",
            "MIS_START": "reported_missing_at",
            "MIS_END": "found_returned_at",
        },
    ),
    "PrevPerm": (None, {}),
    "SWEpisodes": (None, {}),
    "DoLo": (None, {}),
}
