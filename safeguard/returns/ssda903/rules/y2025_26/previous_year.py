# ruff: noqa: E501 - DfE rule messages are kept whole.
"""2025/26 rules that compare the return with last year's (`Context.previous`).

They report nothing when last year's return is not given (1000 then reads this year alone).
UASC status follows the CSV return: a child is UASC in a year when that year's UASC file has a
row for them and they are in its Header file.
A rule whose DfE message warns of false positives ([NOTE: ...]) is a QUERY here: the analyst
confirms or explains it, it does not stop an export.
"""

from datetime import date

from safeguard.returns.ssda903.reader import parse_date
from safeguard.returns.ssda903.rules import QUERY, age
from safeguard.returns.ssda903.rules.y2025_26.registry import RULES

UPN_UNKNOWN = frozenset({"UN1", "UN2", "UN3", "UN4", "UN5"})
ADOPTED = frozenset({"E11", "E12"})
SHORT_BREAKS = frozenset({"V3", "V4"})
# Care after the 14th birthday that makes a relevant or former relevant child (13 weeks).
DAYS_IN_CARE_AFTER_14 = 91


def _last(c, table: str) -> list[dict[str, str]]:
    return c.previous.tables.get(table, []) if c.previous else []


def _by_child(rows: list[dict[str, str]]) -> dict[str, dict[str, str]]:
    """Return each child's first row."""
    first = {}
    for row in rows:
        first.setdefault(row["CHILD"], row)
    return first


def _last_year(c) -> tuple[date, date]:
    return c.start.replace(year=c.start.year - 1), c.end.replace(year=c.end.year - 1)


def _birthday(born: date, years: int) -> date:
    try:
        return born.replace(year=born.year + years)
    except ValueError:  # 29 February: the 28th, as the DfE's date arithmetic gives
        return born.replace(year=born.year + years, day=28)


def _uasc(rows_header, rows_uasc) -> set[str]:
    """Return the children UASC in a year's return: in both its UASC and Header files."""
    return {r["CHILD"] for r in rows_uasc} & {r["CHILD"] for r in rows_header}


def _in_both_headers(c):
    """Yield (index, this year's header row, last year's) for children in both returns."""
    last = _by_child(_last(c, "Header"))
    for i, row in enumerate(c.table("Header")):
        if row["CHILD"] in last:
            yield i, row, last[row["CHILD"]]


@RULES.rule(
    "202",
    "Header",
    ["SEX"],
    "The gender code conflicts with the gender already recorded for this child.",
)
def sex_as_last_year(c):
    for i, row, last in _in_both_headers(c):
        if row["SEX"] != last["SEX"]:
            yield i


@RULES.rule(
    "203",
    "Header",
    ["DOB"],
    "Date of birth disagrees with the date of birth already recorded for this child.",
)
def dob_as_last_year(c):
    for i, row, last in _in_both_headers(c):
        if parse_date(row["DOB"]) != parse_date(last["DOB"]):
            yield i


@RULES.rule(
    "204",
    "Header",
    ["ETHNIC"],
    "Ethnic origin code disagrees with the ethnic origin already recorded for this child.",
)
def ethnic_as_last_year(c):
    for i, row, last in _in_both_headers(c):
        if row["ETHNIC"].upper() != last["ETHNIC"].upper():
            yield i


@RULES.rule(
    "207",
    "Header",
    ["MOTHER"],
    "Mother status for the current year disagrees with the mother status already recorded for this child.",
)
def mother_as_last_year(c):
    # Once a mother, always a mother: only a child still looked after this year is checked.
    looked_after = {r["CHILD"] for r in c.table("Episodes")}
    for i, row, last in _in_both_headers(c):
        if row["CHILD"] in looked_after and last["MOTHER"] == "1" and row["MOTHER"] != "1":
            yield i


@RULES.rule(
    "208",
    "Header",
    ["UPN"],
    "Unique Pupil Number (UPN) for the current year disagrees with the Unique Pupil Number (UPN) already recorded for this child.",
)
def upn_as_last_year(c):
    for i, row, last in _in_both_headers(c):
        now, before = row["UPN"].upper(), last["UPN"].upper()
        if now == before:
            continue
        # Allowed: UN1 (or blank) to another unknown reason, and unknown (or blank) to a UPN.
        if before in ("", "UN1") and now in UPN_UNKNOWN - {"UN1"}:
            continue
        if (before in UPN_UNKNOWN or not before) and now and now not in UPN_UNKNOWN:
            continue
        yield i


@RULES.rule(
    "205A",
    "Header",
    ["CHILD", "UASC"],
    "Child identified as UASC last year is no longer UASC this year, but date UASC ceased in both years does not support this.",
)
def uasc_ceased_last_year(c):
    # Read as the DfE writes it: a child UASC last year but not this year must have had UASC
    # status cease within last year (this year's "DUC not provided" holds: no UASC row).
    if c.previous is None:
        return
    last_uasc = _uasc(_last(c, "Header"), _last(c, "UASC"))
    now_uasc = {r["CHILD"] for r in c.table("UASC")}
    last_duc = {r["CHILD"]: parse_date(r["DUC"]) for r in _last(c, "UASC")}
    start, end = _last_year(c)
    for i, row, _ in _in_both_headers(c):
        child = row["CHILD"]
        if child in last_uasc and child not in now_uasc:
            ceased = last_duc.get(child)
            if ceased is None or not start <= ceased <= end:
                yield i


@RULES.rule(
    "205B",
    "UASC",
    ["DUC", "UASC"],
    "Child previously identified as UASC is also UASC this year, but date UASC ceased in both years does not support this.",
)
def uasc_both_years_same_ceased(c):
    if c.previous is None:
        return
    last_uasc = _uasc(_last(c, "Header"), _last(c, "UASC"))
    in_header = {r["CHILD"] for r in c.table("Header")}
    last = _by_child(_last(c, "UASC"))
    for i, row in enumerate(c.table("UASC")):
        child = row["CHILD"]
        if child not in in_header or child not in last_uasc:
            continue
        ceased, ceased_last = c.d(row, "DUC"), parse_date(last[child]["DUC"])
        if ceased is None and ceased_last is None:
            continue  # no date in either year: nothing for the years to disagree on
        born_last = parse_date(last[child]["DOB"])
        eighteenth = _birthday(born_last, 18) if born_last else None
        # Last year's date must be the 18th birthday; this year's the same, or within the year.
        in_year = ceased is not None and c.start <= ceased <= c.end
        if (
            (not in_year and ceased != ceased_last)
            or ceased_last is None
            or ceased_last != eighteenth
        ):
            yield i


@RULES.rule(
    "205C",
    "UASC",
    ["DUC", "UASC"],
    "Child not identified as UASC either this year or last year but date UASC ceased has been provided.",
)
def uasc_ceased_never_uasc(c):
    # With CSV files a UASC row makes the child UASC once they are in the Header file, so
    # only a row for a child in neither year's Header can give a date to a child never UASC.
    if c.previous is None:
        return
    last_uasc = _uasc(_last(c, "Header"), _last(c, "UASC"))
    in_header = {r["CHILD"] for r in c.table("Header")}
    last_duc = {r["CHILD"]: r["DUC"] for r in _last(c, "UASC")}
    for i, row in enumerate(c.table("UASC")):
        child = row["CHILD"]
        if child in in_header or child in last_uasc:
            continue
        if row["DUC"] or last_duc.get(child):
            yield i


@RULES.rule(
    "205D",
    "Header",
    ["UASC", "CHILD"],
    "Child identified as UASC this year but not identified as UASC status provided for the child last year.",
)
def uasc_now_not_last_year(c):
    if c.previous is None:
        return
    now_uasc = {r["CHILD"] for r in c.table("UASC")}
    last_uasc = {r["CHILD"] for r in _last(c, "UASC")}
    for i, row, _ in _in_both_headers(c):
        if row["CHILD"] in now_uasc and row["CHILD"] not in last_uasc:
            yield i


@RULES.rule(
    "576",
    "Missing",
    ["CHILD"],
    "There is an open missing/away from placement without authorisation period in last year’s return and there is no corresponding period recorded at the start of this year.",
)
def missing_open_last_year_continues(c):
    open_last = {}
    for row in _last(c, "Missing"):
        started = parse_date(row["MIS_START"])
        if not row["MIS_END"] and started:
            open_last.setdefault(row["CHILD"], set()).add(started)
    if not open_last:
        return
    first = {}
    for i, row in enumerate(c.table("Missing")):
        started = c.d(row, "MIS_START") or date.max
        if row["CHILD"] not in first or started < first[row["CHILD"]][1]:
            first[row["CHILD"]] = (i, started)
    for child, (i, started) in first.items():
        if any(started != last for last in open_last.get(child, ())):
            yield i


@RULES.rule(
    "1000",
    "OC3",
    ["IN_TOUCH", "ACTIV", "ACCOM"],
    "This child is recorded as having died in care and therefore should not have the care leaver information completed. [NOTE: This only tests the current and previous year data loaded into the tool]",
)
def care_leaver_died_in_care(c):
    died = {
        r["CHILD"]
        for r in [*c.table("Episodes"), *_last(c, "Episodes")]
        if r["REC"].upper() == "E2"
    }
    for i, row in enumerate(c.table("OC3")):
        if row["CHILD"] in died:
            yield i


@RULES.rule(
    "1002",
    "OC3",
    ["IN_TOUCH", "ACTIV", "ACCOM"],
    "This child has no previous episodes of care, therefore should not have care leaver information recorded. [NOTE: This tool can only test the current and previous year data loaded into the tool - this check may generate false positives if a child had episodes prior to last year's collection.]",
    QUERY,
)
def care_leaver_was_looked_after(c):
    if c.previous is None:
        return
    looked_after = {r["CHILD"] for r in [*c.table("Episodes"), *_last(c, "Episodes")]}
    for i, row in enumerate(c.table("OC3")):
        if row["CHILD"] not in looked_after:
            yield i


@RULES.rule(
    "1010",
    "OC3",
    ["IN_TOUCH", "ACTIV", "ACCOM"],
    "This child has no episodes loaded for current year even though there was an open episode of care at the end of the previous year, and care leaver data has been entered.",
)
def care_leaver_open_last_year_has_episodes(c):
    if c.previous is None:
        return
    latest = {}
    for row in _last(c, "Episodes"):
        began = parse_date(row["DECOM"])
        if began and (row["CHILD"] not in latest or began >= latest[row["CHILD"]][0]):
            latest[row["CHILD"]] = (began, row)
    open_at_year_end = {child for child, (_, row) in latest.items() if not row["DEC"]}
    this_year = {r["CHILD"] for r in c.table("Episodes")}
    for i, row in enumerate(c.table("OC3")):
        if row["CHILD"] in open_at_year_end and row["CHILD"] not in this_year:
            yield i


def _care_since(episodes: list[tuple[date, date | None]], since: date) -> int:
    """Return the days of care from `since` over episodes of (start, end)."""
    return sum(max(0, (end - max(start, since)).days) for start, end in episodes if end)


@RULES.rule(
    "1001",
    "OC3",
    ["IN_TOUCH", "ACTIV", "ACCOM"],
    "The episodes recorded for this young person suggest they are not a relevant or a former relevant child and therefore should not have care leaver information completed. [NOTE: This tool can only test the current and previous year data loaded into the tool - this check may generate false positives if a child had episodes prior to last year's collection.]",
    QUERY,
)
def care_leaver_relevant_child(c):
    if c.previous is None or not all(
        (c.table("Episodes"), c.table("OC3"), c.table("Header"), _last(c, "Episodes"))
    ):
        return
    # One row per child and start date across both years, this year's (with its end) first.
    episodes: dict[str, dict[date, dict]] = {}
    for row in [*c.table("Episodes"), *_last(c, "Episodes")]:
        began = parse_date(row["DECOM"])
        if began is None:
            continue
        kept = episodes.setdefault(row["CHILD"], {}).get(began)
        if kept is None or (not kept["DEC"] and row["DEC"]):
            episodes[row["CHILD"]][began] = row
    born = {r["CHILD"]: parse_date(r["DOB"]) for r in c.table("Header")}
    for i, row in enumerate(c.table("OC3")):
        child, dob = row["CHILD"], born.get(row["CHILD"])
        # Two years of episodes cannot show the care of a young person of 20 or more.
        if dob is None or age(dob, c.end) >= 20:
            continue
        rows = sorted(episodes.get(child, {}).items())
        if rows and rows[-1][1]["REC"].upper() in ADOPTED:
            yield i
            continue
        spans = [
            # The latest episode, still open, runs to the end of the year.
            (began, parse_date(r["DEC"]) or (c.end if n == len(rows) - 1 else None))
            for n, (began, r) in enumerate(rows)
            if r["LS"].upper() not in SHORT_BREAKS
        ]
        after_14 = _care_since(spans, _birthday(dob, 14))
        after_16 = _care_since(spans, _birthday(dob, 16))
        if after_14 < DAYS_IN_CARE_AFTER_14 or after_16 < 1:
            yield i
