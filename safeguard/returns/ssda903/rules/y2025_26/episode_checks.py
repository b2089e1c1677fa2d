# ruff: noqa: E501 - DfE rule messages are kept whole.
"""2025/26 rules on how episodes follow each other and who provides each placement."""

from safeguard.returns.ssda903.rules.y2025_26.registry import RULES

# Temporary placements and "other" placements have no provider (rule 213 refuses one).
NO_PROVIDER = frozenset({"T0", "T1", "T2", "T3", "T4", "Z1", "Z11", "Z12", "Z13", "Z14"})


@RULES.rule(
    "501",
    "Episodes",
    ["DEC", "DECOM"],
    "A new episode has started before the end date of the previous episode.",
)
def starts_after_previous_ended(c):
    for rows in c.episodes_by_child.values():
        for (_, before), (i, row) in zip(rows, rows[1:], strict=False):
            started, previous_ended = c.d(row, "DECOM"), c.d(before, "DEC")
            if started and previous_ended and started < previous_ended:
                yield i


@RULES.rule(
    "504",
    "Episodes",
    ["CIN"],
    "The category of need code differs from that reported at start of current period of being looked after",
)
def need_kept_through_period_of_care(c):
    # A period of care runs on while an episode ends X1 and the next starts the same day; the
    # first episode of it held here stands for its start (earlier ones are in earlier returns).
    for rows in c.episodes_by_child.values():
        period_need = rows[0][1]["CIN"]
        for (_, before), (i, row) in zip(rows, rows[1:], strict=False):
            continues = before["REC"] == "X1" and before["DEC"] and before["DEC"] == row["DECOM"]
            if not continues:
                period_need = row["CIN"]
            elif row["CIN"] != period_need:
                yield i


@RULES.rule(
    "526",
    "Episodes",
    ["PLACE", "PLACE_PROVIDER"],
    "Child is missing a placement provider code for at least one episode.",
)
def provider_given(c):
    for i, row in enumerate(c.table("Episodes")):
        if row["PLACE"] not in NO_PROVIDER and not row["PLACE_PROVIDER"]:
            yield i


def _provider_not_for(code: str, provider: str, places: frozenset, message: str):
    def check(c):
        for i, row in enumerate(c.table("Episodes")):
            if row["PLACE_PROVIDER"] == provider and row["PLACE"] in places:
                yield i

    check.__name__ = f"{provider.lower()}_not_for_these_placements"
    return RULES.rule(code, "Episodes", ["PLACE", "PLACE_PROVIDER"], message)(check)


own_provision_not_with_parents_or_custody = _provider_not_for(
    "527",
    "PR1",
    frozenset({"P1", "R2", "R5"}),
    "A placement provider code of PR1 cannot be associated with placements P1, R2 or R5.",
)
other_la_not_with_parents_or_custody = _provider_not_for(
    "528",
    "PR2",
    frozenset({"P1", "R2", "R5"}),
    "A placement provider code of PR2 cannot be associated with placements P1, R2 or R5.",
)
other_public_not_for_family_placements = _provider_not_for(
    "529",
    "PR3",
    frozenset({"P1", "A3", "A4", "A5", "A6", "K1", "K2", "U1", "U2", "U3", "U4", "U5", "U6"}),
    "Placement provider code of PR3 cannot be associated with placements P1, A3 to A6, K1, K2 and U1 to U6 as these placements cannot be provided by other public organisations.",
)
private_not_with_parents = _provider_not_for(
    "530",
    "PR4",
    frozenset({"P1"}),
    "A placement provider code of PR4 cannot be associated with placement P1.",
)
voluntary_not_with_parents = _provider_not_for(
    "531",
    "PR5",
    frozenset({"P1"}),
    "A placement provider code of PR5 cannot be associated with placements P1.",
)


@RULES.rule(
    "550",
    "Episodes",
    ["PLACE", "PLACE_PROVIDER"],
    "A placement provider code of PR0 can only be associated with placement P1.",
)
def parents_provider_only_with_parents(c):
    for i, row in enumerate(c.table("Episodes")):
        if row["PLACE_PROVIDER"] == "PR0" and row["PLACE"] != "P1":
            yield i
