"""Failing cases for the SSDA903 adoption, placement provider, episode sequence and OC2 health
rules: one change to the clean return per rule code."""

from safeguard.returns.tests.ssda903_fixtures import B_DOB, B, E, add, both, cell

PA = "PlacedAdoption"

FAILING = {
    "501": cell(E, 1, "DECOM", "01/05/2025"),
    "504": cell(E, 1, "CIN", "N2"),
    "526": cell(E, 1, "PLACE_PROVIDER", ""),
    "527": both(cell(E, 2, "PLACE", "R2"), cell(E, 2, "PLACE_PROVIDER", "PR1")),
    "528": both(cell(E, 2, "PLACE", "R5"), cell(E, 2, "PLACE_PROVIDER", "PR2")),
    "529": cell(E, 1, "PLACE_PROVIDER", "PR3"),
    "530": cell(E, 1, "PLACE", "P1"),
    "531": both(cell(E, 1, "PLACE", "P1"), cell(E, 1, "PLACE_PROVIDER", "PR5")),
    "550": cell(E, 1, "PLACE_PROVIDER", "PR0"),
    "543": cell("OC2", 0, "CONVICTED", ""),
    "544": both(cell("OC2", 0, "CONVICTED", "1"), cell("OC2", 0, "TEETH_CHECK", "")),
    "545": cell("OC2", 0, "DOB", "01/06/2022"),
    "546": cell("OC2", 0, "HEALTH_CHECK", "1"),
    "547": both(cell("OC2", 0, "HEALTH_CHECK", "1"), cell("OC2", 0, "IMMUNISATIONS", "")),
    "511": cell("AD1", 0, "SEX_ADOPTR", "M1"),
    "514": cell("AD1", 0, "LS_ADOPTR", "L0"),
    "517": both(cell("AD1", 0, "LS_ADOPTR", "L3"), cell("AD1", 0, "SEX_ADOPTR", "FF")),
    "518": cell("AD1", 0, "LS_ADOPTR", "L4"),
    "519": both(cell("AD1", 0, "LS_ADOPTR", "L2"), cell("AD1", 0, "SEX_ADOPTR", "F1")),
    "520": cell("AD1", 0, "SEX_ADOPTR", "MM"),
    "524": cell("AD1", 0, "LS_ADOPTR", "L12"),
    "521": both(cell(E, 1, "PLACE", "A3"), cell("AD1", 0, "DATE_INT", "02/06/2025")),
    "522": cell(PA, 0, "DATE_PLACED_CEASED", "31/12/2024"),
    "523": cell(PA, 0, "DATE_PLACED", "02/01/2025"),
    "525": cell(PA, 0, "DATE_PLACED_CEASED", "01/03/2025"),
    "551": both(cell(E, 1, "PLACE", "A4"), cell(PA, 0, "CHILD", B)),
    "552": both(cell(E, 1, "PLACE", "A3"), cell(PA, 0, "DATE_PLACED", "02/06/2025")),
    "554": both(cell(E, 1, "LS", "E1"), cell(PA, 0, "DATE_PLACED", "02/06/2025")),
    "557": cell(E, 2, "PLACE", "A3"),
    "558": both(
        cell(E, 2, "REC", "E11"),
        add(PA, f"{B},{B_DOB},01/04/2025,01/05/2025,RD1"),
        add(PA, f"{B},{B_DOB},01/06/2025,01/07/2025,RD1"),
    ),
    "563": both(
        cell(PA, 0, "DATE_PLACED", ""),
        cell(PA, 0, "DATE_PLACED_CEASED", "01/03/2025"),
        cell(PA, 0, "REASON_PLACED_CEASED", "RD1"),
    ),
}
