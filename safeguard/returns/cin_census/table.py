"""A CIN census return held in memory as columns, built once and read by every rule.

Each module of the return (children, disabilities, CIN details, assessments, factors, CIN plans,
section 47s, child protection plans, reviews) is a Table: one Python list per column, rows
linked by index (`child` is the row of the child, `cin` the row of its CINdetails, ...). The
same structure comes from a file (reader.py) and from the records (exporter.py), so the rules
run unchanged on either, and a whole-column loop is fast enough for 300,000 children.
"""

from dataclasses import dataclass, field
from datetime import date


class Table:
    """Columns of equal length; `add` appends one row and returns its index."""

    columns: tuple[str, ...] = ()

    def __init__(self) -> None:
        for name in self.columns:
            setattr(self, name, [])
        self._first = getattr(self, self.columns[0])

    def __len__(self) -> int:
        return len(self._first)

    def add(self, **values) -> int:
        index = len(self._first)
        for name in self.columns:
            getattr(self, name).append(values.get(name))
        return index

    def row(self, index: int) -> dict:
        return {name: getattr(self, name)[index] for name in self.columns}


class Children(Table):
    columns = (
        "la_child_id",
        "upn",
        "former_upn",
        "upn_unknown",
        "birth_date",
        "expected_birth_date",
        "sex",
        "death_date",
        "ethnicity",
        "line",
        "person_id",
    )


class Disabilities(Table):
    columns = ("child", "code")


class CinDetails(Table):
    columns = (
        "child",
        "referral_date",
        "referral_source",
        "primary_need",
        "closure_date",
        "closure_reason",
        "date_of_initial_cpc",
        "referral_nfa",
        "line",
        "episode_id",
    )


class Assessments(Table):
    columns = ("cin", "child", "start_date", "internal_review_date", "authorisation_date", "line")


class Factors(Table):
    columns = ("assessment", "child", "code")


class CinPlans(Table):
    columns = ("cin", "child", "start_date", "end_date", "line")


class Section47s(Table):
    columns = (
        "cin",
        "child",
        "start_date",
        "icpc_target",
        "icpc_date",
        "icpc_not_required",
        "line",
    )


class ProtectionPlans(Table):
    columns = (
        "cin",
        "child",
        "start_date",
        "end_date",
        "initial_category",
        "latest_category",
        "previous_plans",
        "line",
    )


class Reviews(Table):
    columns = ("plan", "child", "review_date")


@dataclass
class Header:
    collection: str = "CIN"
    year: int | None = None
    reference_date: date | None = None
    lea: str = ""
    software_code: str = ""
    release: str = ""
    serial_no: str = ""
    datetime: str = ""


@dataclass
class CinReturn:
    header: Header = field(default_factory=Header)
    children: Children = field(default_factory=Children)
    disabilities: Disabilities = field(default_factory=Disabilities)
    cin: CinDetails = field(default_factory=CinDetails)
    assessments: Assessments = field(default_factory=Assessments)
    factors: Factors = field(default_factory=Factors)
    cin_plans: CinPlans = field(default_factory=CinPlans)
    section_47s: Section47s = field(default_factory=Section47s)
    protection_plans: ProtectionPlans = field(default_factory=ProtectionPlans)
    reviews: Reviews = field(default_factory=Reviews)

    def children_of(self, table: Table, key: str = "child") -> list[list[int]]:
        """Return, per child, the row indexes of `table` that belong to it."""
        groups: list[list[int]] = [[] for _ in range(len(self.children))]
        for index, owner in enumerate(getattr(table, key)):
            groups[owner].append(index)
        return groups

    def rows_by(self, table: Table, key: str, owners: int) -> list[list[int]]:
        """Return, per owner row (e.g. per CINdetails), the row indexes of `table` in it."""
        groups: list[list[int]] = [[] for _ in range(owners)]
        for index, owner in enumerate(getattr(table, key)):
            groups[owner].append(index)
        return groups
