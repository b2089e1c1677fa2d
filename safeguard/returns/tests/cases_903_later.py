"""Failing cases for the SSDA903 cross-table rules (missing against placements, adoption,
motherhood, previous permanence) and the stage 2 social worker episode rules."""

from safeguard.returns.tests.ssda903_fixtures import A_DOB, B_DOB, A, B, E, add, both, cell

H, PA, SW = "Header", "PlacedAdoption", "SWEpisodes"
D = "CHILDD"

FAILING = {
    # A went missing from the placement that ended on 1 June 2025 and was never found.
    "575": both(cell("Missing", 0, "MIS_START", "15/05/2025"), cell("Missing", 0, "MIS_END", "")),
    # B, missing on the 18th birthday, left care that day "returned home".
    "580": both(
        cell(E, 2, "DEC", "01/01/2026"),
        cell(E, 2, "REC", "E4A"),
        add("Missing", f"{B},{B_DOB},M,20/12/2025,01/01/2026"),
    ),
    "579": add(PA, f"{A},{A_DOB},01/02/2025,,"),
    "583": add(PA, f"{A},{A_DOB},01/06/2025,,"),
    "582": cell("AD1", 0, "DATE_MATCH", "01/02/2026"),
    "601": cell("AD1", 0, "NB_ADOPTR", ""),
    "602": cell("AD1", 0, "CHILD", A),
    "607": both(cell(H, 0, "MOTHER", ""), cell(E, 1, "DEC", "01/03/2026"), cell(E, 1, "REC", "E8")),
    "611": cell(H, 0, "MOTHER", "1"),
    "612": cell(H, 0, "MC_DOB", "01/01/2025"),
    "620": both(
        cell(H, 0, "MOTHER", "1"),
        cell(H, 0, "MC_DOB", "01/01/2025"),
        cell(H, 0, "DOB", "01/06/2015"),
    ),
    "621": both(cell(H, 0, "MOTHER", "1"), cell(H, 0, "MC_DOB", "01/01/2012")),
    "625": both(cell(H, 0, "MOTHER", "1"), cell(H, 0, "MC_DOB", "02/04/2026")),
    # D is a care leaver with no episode this year, and a mother.
    "628": both(
        add(H, f"{D},F,01/01/2006,WBRI,UN5,1,01/01/2024"), add("OC3", f"{D},01/01/2006,YES,F2,D1")
    ),
    "633": cell("PrevPerm", 0, "LA_PERM", "123"),
    "634": both(cell("PrevPerm", 0, "CHILD", B), cell(E, 2, "DECOM", "01/02/2015")),
    "EPI": add(H, f"{D},M,01/01/2010,WBRI,UN5,,"),
    "SW06STG2": cell(SW, 0, "SW_DECOM", "01/04/2026"),
    "SW07STG2": cell(SW, 0, "SW_DEC", "31/03/2024"),
    "SW08STG2": add(SW, f"{A},{A_DOB},SW00002,01/06/2025,,OTHERS"),
    "SW09STG2": cell(SW, 0, "SW_DEC", "02/05/2024"),
    # A new worker from 1 June while the first stayed until September.
    "SW10STG2": both(
        cell(SW, 0, "SW_DEC", "01/09/2025"), add(SW, f"{A},{A_DOB},SW00002,01/06/2025,,OTHERS")
    ),
    "SW10aSTG2": both(
        cell(SW, 0, "SW_DEC", "01/06/2025"), add(SW, f"{A},{A_DOB},SW00002,20/06/2025,,OTHERS")
    ),
    "SW10bSTG2": both(
        cell(SW, 0, "SW_DEC", "01/09/2025"), add(SW, f"{A},{A_DOB},SW00002,01/06/2025,,FCONTA")
    ),
    "SW11bSTG2": cell(SW, 0, "SW_DEC", "28/03/2026"),
    # A's social worker episodes begin in June with a change of worker: earlier ones are missing.
    "SW12STG2": both(cell(SW, 0, "SW_DECOM", "01/06/2025"), cell(SW, 0, "SW_REASON", "OTHERS")),
    "SW17STG2": cell(SW, 0, "SW_DEC", "01/03/2026"),
}
