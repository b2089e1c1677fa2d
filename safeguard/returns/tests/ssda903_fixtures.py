"""The SSDA903 rule tests' clean return and the small changes that break it.

`clean_return()` passes every rule. Each group of rules keeps its failing cases, one change per
rule code, in a module `cases_903_<group>.py` beside the tests defining `FAILING = {code: change}`;
`test_903_rules.py` gathers them all and fails if a rule has none.
"""

A, B = "CHILDA", "CHILDB"
A_DOB, B_DOB = "01/06/2012", "01/01/2008"
# C was adopted in the year: the AD1 row is C's.
C, C_DOB = "CHILDC", "01/03/2021"


def _rows(columns: str, *lines: str) -> list[dict[str, str]]:
    names = columns.split(",")
    return [dict(zip(names, line.split(","), strict=True)) for line in lines]


def clean_return() -> dict[str, list[dict[str, str]]]:
    """Return a 2025/26 return that passes every rule held."""
    return {
        "Header": _rows(
            "CHILD,SEX,DOB,ETHNIC,UPN,MOTHER,MC_DOB",
            f"{A},F,{A_DOB},WBRI,A123456789012,0,",
            f"{B},M,{B_DOB},WBRI,UN5,,",
            f"{C},M,{C_DOB},WBRI,UN1,,",
        ),
        "Episodes": _rows(
            "CHILD,DECOM,RNE,LS,CIN,PLACE,PLACE_PROVIDER,DEC,REC,REASON_PLACE_CHANGE,"
            "HOME_POST,PL_POST,URN",
            # A is UASC: no home postcode, so the DfE derives no distance (rule 406).
            f"{A},01/05/2024,S,C2,N1,U4,PR1,01/06/2025,X1,CARPL,,AB3 4EF,SC123456",
            f"{A},01/06/2025,P,C2,N1,U6,PR4,,,,,AB5 6GH,SC654321",
            # R1 (a residential care home) is not registered with Ofsted: no URN (rule 222).
            f"{B},01/02/2020,S,V2,N4,R1,PR4,01/12/2025,E8,,AB1 2CD,AB7 8JK,",
            # C was fostered, then placed for adoption with the same carers (U: legal status
            # and placement changed, carers stayed) after being matched with them.
            f"{C},01/12/2024,S,C2,N1,U4,PR1,01/03/2025,X1,CARPL,AB1 2CD,AB9 1ZZ,SC222222",
            f"{C},01/03/2025,U,E1,N1,A5,PR1,01/02/2026,E11,,AB1 2CD,AB9 1ZZ,SC222222",
        ),
        "Reviews": _rows("CHILD,DOB,REVIEW,REVIEW_CODE", f"{A},{A_DOB},01/07/2025,PN1"),
        "UASC": _rows("CHILD,SEX,DOB,DUC", f"{A},F,{A_DOB},01/05/2030"),
        "OC2": _rows(
            "CHILD,DOB,SDQ_SCORE,SDQ_REASON,CONVICTED,HEALTH_CHECK,IMMUNISATIONS,TEETH_CHECK,"
            "HEALTH_ASSESSMENT,SUBSTANCE_MISUSE,INTERVENTION_RECEIVED,INTERVENTION_OFFERED",
            f"{A},{A_DOB},12,,0,,1,1,1,0,,",
        ),
        "OC3": _rows("CHILD,DOB,IN_TOUCH,ACTIV,ACCOM", f"{B},{B_DOB},YES,F2,D1"),
        "AD1": _rows(
            "CHILD,DOB,DATE_INT,DATE_MATCH,FOSTER_CARE,NB_ADOPTR,SEX_ADOPTR,LS_ADOPTR",
            f"{C},{C_DOB},01/01/2025,01/02/2025,1,2,MF,L11",
        ),
        "PlacedAdoption": _rows(
            "CHILD,DOB,DATE_PLACED,DATE_PLACED_CEASED,REASON_PLACED_CEASED",
            f"{C},{C_DOB},01/01/2025,,",
            f"{A},{A_DOB},01/01/2025,,",
        ),
        "PrevPerm": _rows("CHILD,DOB,PREV_PERM,LA_PERM,DATE_PERM", f"{A},{A_DOB},Z1,,"),
        "Missing": _rows(
            "CHILD,DOB,MISSING,MIS_START,MIS_END", f"{A},{A_DOB},M,01/08/2025,03/08/2025"
        ),
        "SWEpisodes": _rows(
            "CHILD,DOB,SW_ID,SW_DECOM,SW_DEC,SW_REASON", f"{A},{A_DOB},SW00001,01/05/2024,,FCONTA"
        ),
        "DoLo": _rows("CHILD,DOB,DOLO_START,DOLO_END", f"{A},{A_DOB},01/05/2026,"),
    }


def cell(table, index, column, value):
    def change(t):
        t[table][index][column] = value

    return change


def add(table, line):
    def change(t):
        columns = ",".join(t[table][0])
        t[table].extend(_rows(columns, line))

    return change


def both(*changes):
    def change(t):
        for c in changes:
            c(t)

    return change


E = "Episodes"
