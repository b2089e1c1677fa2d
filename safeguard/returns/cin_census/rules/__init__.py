"""The CIN census validation rules: a registry of small named functions, one set per year.

A rule is declared with its DfE code, severity (ERROR or QUERY), message and fields, and
yields the row index of each child that fails it (None for the header). rules_run runs a
year's rules over a CinReturn and returns the failures, each naming the child and the fields.
"""

import importlib
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date
from functools import cached_property

import numpy as np

from safeguard.compliance.calendar import working_calendar
from safeguard.returns.cin_census.table import CinReturn

ERROR = "ERROR"
QUERY = "QUERY"


@dataclass(frozen=True)
class Rule:
    code: str
    severity: str
    message: str
    fields: tuple[str, ...]
    check: Callable[["Context"], Iterable[int | None]]

    @property
    def name(self) -> str:
        return self.check.__name__


@dataclass(frozen=True)
class Failure:
    code: str
    severity: str
    message: str
    fields: tuple[str, ...]
    child: int | None
    la_child_id: str | None
    person_id: int | None
    line: int | None


class RuleSet:
    """The rules of one collection year, in code order."""

    def __init__(self, label: str, inherits: "RuleSet | None" = None) -> None:
        self.label = label
        self._rules: dict[str, Rule] = dict(inherits._rules) if inherits else {}

    def rule(self, code: str, severity: str, message: str, fields: Iterable[str]):
        """Register the decorated function as the rule `code` of this year."""

        def register(check):
            self._rules[code] = Rule(code, severity, message, tuple(fields), check)
            return check

        return register

    def drop(self, code: str) -> None:
        """Remove a rule the DfE withdrew this year."""
        del self._rules[code]

    def __iter__(self):
        return iter(sorted(self._rules.values(), key=lambda r: r.code))

    def __len__(self) -> int:
        return len(self._rules)

    def __getitem__(self, code: str) -> Rule:
        return self._rules[code]

    def __contains__(self, code: str) -> bool:
        return code in self._rules


class Context:
    """What a rule reads: the return, its collection year, and groupings computed once."""

    def __init__(self, cin_return: CinReturn, year) -> None:
        self.r = cin_return
        self.year = year
        self.start = year.start
        self.end = year.reference_date

    def working_days_before(self, day, n: int):
        """Return the working day n working days before `day` (England's bank holidays)."""
        # The DfE counts weekdays less bank holidays, not the authority's own closure days.
        calendar = working_calendar(closures=())
        moved = np.busday_offset(
            np.datetime64(day, "D"), -n, roll="forward", busdaycal=calendar.busdaycal
        )
        return moved.astype(date)

    def in_year(self, day) -> bool:
        return day is not None and self.start <= day <= self.end

    @cached_property
    def cin_of_child(self) -> list[list[int]]:
        return self.r.children_of(self.r.cin)

    @cached_property
    def disabilities_of_child(self) -> list[list[int]]:
        return self.r.children_of(self.r.disabilities)

    @cached_property
    def assessments_of_cin(self) -> list[list[int]]:
        return self.r.rows_by(self.r.assessments, "cin", len(self.r.cin))

    @cached_property
    def factors_of_assessment(self) -> list[list[int]]:
        return self.r.rows_by(self.r.factors, "assessment", len(self.r.assessments))

    @cached_property
    def plans_of_cin(self) -> list[list[int]]:
        return self.r.rows_by(self.r.cin_plans, "cin", len(self.r.cin))

    @cached_property
    def plans_of_child(self) -> list[list[int]]:
        return self.r.children_of(self.r.cin_plans)

    @cached_property
    def s47_of_cin(self) -> list[list[int]]:
        return self.r.rows_by(self.r.section_47s, "cin", len(self.r.cin))

    @cached_property
    def s47_of_child(self) -> list[list[int]]:
        return self.r.children_of(self.r.section_47s)

    @cached_property
    def cpp_of_cin(self) -> list[list[int]]:
        return self.r.rows_by(self.r.protection_plans, "cin", len(self.r.cin))

    @cached_property
    def cpp_of_child(self) -> list[list[int]]:
        return self.r.children_of(self.r.protection_plans)

    @cached_property
    def assessments_of_child(self) -> list[list[int]]:
        return self.r.children_of(self.r.assessments)

    @cached_property
    def reviews_of_plan(self) -> list[list[int]]:
        return self.r.rows_by(self.r.reviews, "plan", len(self.r.protection_plans))


_RULE_SETS = {2026: "y2025_26", 2027: "y2026_27"}


def rules_for_year(end_year: int) -> RuleSet:
    """Return the rule set of the collection year ending 31 March end_year."""
    module = importlib.import_module(f"{__name__}.{_RULE_SETS[end_year]}")
    return module.RULES


def rules_run(cin_return: CinReturn, rules: RuleSet, *, year) -> list[Failure]:
    """Run every rule of `rules` over the return; return the failures, one per child and rule."""
    context = Context(cin_return, year)
    children = cin_return.children
    failures = []
    for rule in rules:
        seen = set()
        for child in rule.check(context):
            if child in seen:
                continue
            seen.add(child)
            failures.append(
                Failure(
                    code=rule.code,
                    severity=rule.severity,
                    message=rule.message,
                    fields=rule.fields,
                    child=child,
                    la_child_id=None if child is None else children.la_child_id[child],
                    person_id=None if child is None else children.person_id[child],
                    line=None if child is None else children.line[child],
                )
            )
    return failures
