"""The SSDA903 files: each table's file name and its exact DfE column names.

Taken from /work/shared/reference/ssda903/csv_headers.csv; a validator recognises each file by
its header row, so the order and spelling here are the return's.
"""

from dataclasses import dataclass


@dataclass(frozen=True)
class Table:
    name: str
    filename: str
    columns: tuple[str, ...]
    first_year: str = "2017/18"

    def held_in(self, year: str) -> bool:
        return year >= self.first_year


def _cols(text: str) -> tuple[str, ...]:
    return tuple(text.split(","))


TABLES: tuple[Table, ...] = (
    Table("Header", "header.csv", _cols("CHILD,SEX,DOB,ETHNIC,UPN,MOTHER,MC_DOB")),
    Table(
        "Episodes",
        "episodes.csv",
        _cols(
            "CHILD,DECOM,RNE,LS,CIN,PLACE,PLACE_PROVIDER,DEC,REC,REASON_PLACE_CHANGE,"
            "HOME_POST,PL_POST,URN"
        ),
    ),
    Table("Reviews", "reviews.csv", _cols("CHILD,DOB,REVIEW,REVIEW_CODE")),
    Table("UASC", "uasc.csv", _cols("CHILD,SEX,DOB,DUC")),
    Table(
        "OC2",
        "oc2.csv",
        _cols(
            "CHILD,DOB,SDQ_SCORE,SDQ_REASON,CONVICTED,HEALTH_CHECK,IMMUNISATIONS,TEETH_CHECK,"
            "HEALTH_ASSESSMENT,SUBSTANCE_MISUSE,INTERVENTION_RECEIVED,INTERVENTION_OFFERED"
        ),
    ),
    Table("OC3", "oc3.csv", _cols("CHILD,DOB,IN_TOUCH,ACTIV,ACCOM")),
    Table(
        "AD1",
        "ad1.csv",
        _cols("CHILD,DOB,DATE_INT,DATE_MATCH,FOSTER_CARE,NB_ADOPTR,SEX_ADOPTR,LS_ADOPTR"),
    ),
    Table(
        "PlacedAdoption",
        "placed_for_adoption.csv",
        _cols("CHILD,DOB,DATE_PLACED,DATE_PLACED_CEASED,REASON_PLACED_CEASED"),
    ),
    Table("PrevPerm", "previous_permanence.csv", _cols("CHILD,DOB,PREV_PERM,LA_PERM,DATE_PERM")),
    Table("Missing", "missing.csv", _cols("CHILD,DOB,MISSING,MIS_START,MIS_END")),
    # Social worker episodes joined the return in 2024/25.
    Table(
        "SWEpisodes",
        "sw_episodes.csv",
        _cols("CHILD,DOB,SW_ID,SW_DECOM,SW_DEC,SW_REASON"),
        first_year="2024/25",
    ),
    # Deprivation of liberty orders join the return in 2026/27 (rules 700 to 710).
    Table("DoLo", "DoLo.csv", _cols("CHILD,DOB,DOLO_START,DOLO_END"), first_year="2026/27"),
)

BY_NAME = {t.name: t for t in TABLES}
BY_HEADER = {frozenset(t.columns): t for t in TABLES}

DATE_COLUMNS = frozenset(
    {
        "DOB",
        "MC_DOB",
        "DECOM",
        "DEC",
        "REVIEW",
        "DUC",
        "DATE_INT",
        "DATE_MATCH",
        "DATE_PLACED",
        "DATE_PLACED_CEASED",
        "DATE_PERM",
        "MIS_START",
        "MIS_END",
        "SW_DECOM",
        "SW_DEC",
        "DOLO_START",
        "DOLO_END",
    }
)


def tables_for(year: str) -> tuple[Table, ...]:
    """Return the tables a collection year's return holds."""
    return tuple(t for t in TABLES if t.held_in(year))
