"""The SSDA903 column map: every 903 column named, every mapped field real."""

import pytest
from django.apps import apps
from django.core.exceptions import FieldDoesNotExist

from safeguard.looked_after.ssda903 import SSDA903_COLUMNS

# The exact header rows the DfE validator matches on (reference/ssda903/csv_headers.csv).
HEADERS = {
    "Header": "CHILD,SEX,DOB,ETHNIC,UPN,MOTHER,MC_DOB",
    "Episodes": "CHILD,DECOM,RNE,LS,CIN,PLACE,PLACE_PROVIDER,DEC,REC,REASON_PLACE_CHANGE,"
    "HOME_POST,PL_POST,URN",
    "Reviews": "CHILD,DOB,REVIEW,REVIEW_CODE",
    "UASC": "CHILD,SEX,DOB,DUC",
    "OC2": "CHILD,DOB,SDQ_SCORE,SDQ_REASON,CONVICTED,HEALTH_CHECK,IMMUNISATIONS,TEETH_CHECK,"
    "HEALTH_ASSESSMENT,SUBSTANCE_MISUSE,INTERVENTION_RECEIVED,INTERVENTION_OFFERED",
    "OC3": "CHILD,DOB,IN_TOUCH,ACTIV,ACCOM",
    "AD1": "CHILD,DOB,DATE_INT,DATE_MATCH,FOSTER_CARE,NB_ADOPTR,SEX_ADOPTR,LS_ADOPTR",
    "PlacedAdoption": "CHILD,DOB,DATE_PLACED,DATE_PLACED_CEASED,REASON_PLACED_CEASED",
    "Missing": "CHILD,DOB,MISSING,MIS_START,MIS_END",
}


@pytest.mark.parametrize(("table", "header"), HEADERS.items())
def test_each_table_maps_every_column_in_the_validators_order(table, header):
    assert list(SSDA903_COLUMNS[table][1]) == header.split(",")


def _resolve(model, path: str):
    for part in path.split("__"):
        field = model._meta.get_field(part)
        model = field.related_model or model
    return field


@pytest.mark.parametrize("table", [t for t, (m, _) in SSDA903_COLUMNS.items() if m])
def test_every_mapped_field_exists(table):
    label, columns = SSDA903_COLUMNS[table]
    model = apps.get_model(label)
    for column, path in columns.items():
        if path is None:
            continue
        try:
            _resolve(model, path)
        except FieldDoesNotExist:
            pytest.fail(f"{table}.{column}: {label} has no field {path}")
