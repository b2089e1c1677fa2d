"""SSDA903 validation rules: one small named function per DfE rule, one folder per year.

A rule is declared with its DfE code, the table its failures point at, the fields and the
DfE message; it yields the indexes of the failing rows of that table. A later year's rule set
starts from the year before's by reference and replaces or drops what the DfE changed.
"""

from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date
from functools import cached_property

from safeguard.returns.ssda903.lookups import Postcodes, Providers, la_code
from safeguard.returns.ssda903.reader import Failure, Return, parse_date
from safeguard.returns.ssda903.tables import BY_NAME
from safeguard.returns.ssda903.years import Year

ERROR = "error"
QUERY = "query"


@dataclass(frozen=True)
class Rule:
    code: str
    table: str
    fields: tuple[str, ...]
    message: str
    check: Callable[["Context"], Iterable[int]]
    level: str = ERROR


class RuleSet:
    """The rules of one collection year, by code."""

    def __init__(self, year: str, based_on: "RuleSet | None" = None):
        self.year = year
        self.rules: dict[str, Rule] = dict(based_on.rules) if based_on else {}

    def rule(self, code: str, table: str, fields: list[str], message: str, level: str = ERROR):
        def register(check):
            if code in self.rules and self.rules[code].check is not check:
                raise ValueError(f"SSDA903 rule {code} registered twice for {self.year}")
            self.rules[code] = Rule(code, table, tuple(fields), message, check, level)
            return check

        return register

    def __iter__(self):
        return iter(sorted(self.rules.values(), key=lambda r: r.code))

    def __len__(self) -> int:
        return len(self.rules)


class Context:
    """What a rule reads: the return's tables, the year and a few shared lookups.

    Some rules also read what the return alone does not hold: last year's return
    (`previous`), Ofsted's provider list (`providers`), a postcode look-up (`postcodes`) and
    the authority's own LA code as those look-ups write it (`la`). Each is None when not
    given, and a rule that needs one that is missing reports nothing.
    """

    INPUTS = ("previous", "providers", "postcodes", "la")

    def __init__(
        self,
        ret: Return,
        year: Year,
        *,
        previous: Return | None = None,
        providers: Providers | None = None,
        postcodes: Postcodes | None = None,
        la: str | None = None,
    ):
        self.ret = ret
        self.year = year
        self.start = year.start
        self.end = year.end
        self.previous = previous
        self.providers = providers
        self.postcodes = postcodes
        self.la = la_code(la) if la else None

    def table(self, name: str) -> list[dict[str, str]]:
        return self.ret.tables.get(name, [])

    @staticmethod
    def d(row: dict[str, str], column: str) -> date | None:
        return parse_date(row.get(column, ""))

    def codes(self, table: str, column: str) -> frozenset:
        return self.year.codes(table, column)

    @cached_property
    def dob(self) -> dict[str, date | None]:
        return {r["CHILD"]: parse_date(r["DOB"]) for r in self.table("Header")}

    @cached_property
    def episodes_by_child(self) -> dict[str, list[tuple[int, dict]]]:
        """Return {child: [(row index, row)]} in start date order (undated rows last)."""
        grouped = defaultdict(list)
        for i, row in enumerate(self.table("Episodes")):
            grouped[row["CHILD"]].append((i, row))
        for rows in grouped.values():
            rows.sort(key=lambda ir: (parse_date(ir[1]["DECOM"]) or date.max, ir[0]))
        return grouped


def age(born: date | None, on: date | None) -> int | None:
    """Return whole years from born to on, None if either is missing."""
    if born is None or on is None:
        return None
    return on.year - born.year - ((on.month, on.day) < (born.month, born.day))


def run(rules: RuleSet, ret: Return, year: Year, **inputs) -> list[Failure]:
    """Return every failure of every rule against the return (inputs: see Context).

    A rule yields row indexes of its table, or (table, index) for a row of another table
    (a rule such as 1012 points at rows across several files).
    """
    context = Context(ret, year, **inputs)
    failures = []
    for rule in rules:
        for found in rule.check(context):
            table, index = found if isinstance(found, tuple) else (rule.table, found)
            failures.append(
                Failure(
                    code=rule.code,
                    message=rule.message,
                    file=ret.files.get(table, BY_NAME[table].filename),
                    line=ret.line(table, index),
                    child=ret.tables[table][index].get("CHILD", ""),
                    fields=list(rule.fields),
                    level=rule.level,
                )
            )
    return failures
