"""Read a CIN census XML file (ours or another system's) into a CinReturn, with its problems.

The file is streamed (lxml iterparse, each <Child> cleared once read) and checked against the
XSD of its collection year, taken from the header's ReferenceDate (or Year). Problems are
collected, never raised: malformed XML, a schema error (line, element, what is wrong), an
unknown year. Older files are read too (GenderCurrent 1/2/0/9 becomes Sex M/F/U; booleans
true/false become 1/0) so a migrating authority can bring its history in.
"""

from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from lxml import etree

from safeguard.returns.cin_census.table import CinReturn
from safeguard.returns.cin_census.years import schema_path_for

MAX_SCHEMA_PROBLEMS = 200
GENDER_TO_SEX = {"1": "M", "2": "F", "0": "U", "9": "U"}
TRUE = {"1", "true"}
BOOLEAN_WORDS = {"true": "1", "false": "0"}
FIRST_ZERO_ONE_YEAR = 2025


@dataclass(frozen=True)
class Problem:
    line: int | None
    element: str
    message: str

    def __str__(self) -> str:
        where = f"line {self.line}" if self.line else "file"
        return (
            f"{where}, <{self.element}>: {self.message}"
            if self.element
            else f"{where}: {self.message}"
        )


@dataclass
class ReadResult:
    cin_return: CinReturn
    problems: list[Problem] = field(default_factory=list)
    schema_year: int | None = None

    @property
    def ok(self) -> bool:
        return not self.problems


def _date(value: str | None) -> date | None:
    if not value:
        return None
    try:
        return date.fromisoformat(value.strip()[:10])
    except ValueError:
        return None


def _text(element, name: str) -> str | None:
    child = element.find(name)
    if child is None or child.text is None:
        return None
    return child.text.strip() or None


def _flag(value: str | None) -> bool | None:
    if value is None:
        return None
    return value.lower() in TRUE


def cin_return_read(path: Path | str, *, check_schema: bool = True) -> ReadResult:
    """Read the file at `path`; return the return and every problem found."""
    result = ReadResult(CinReturn())
    try:
        _parse(Path(path), result.cin_return)
    except etree.XMLSyntaxError as error:
        result.problems.append(
            Problem(error.lineno, "", f"the file is not well-formed XML: {error.msg}")
        )
        return result
    except OSError as error:
        result.problems.append(Problem(None, "", f"cannot read the file: {error}"))
        return result
    header = result.cin_return.header
    year = header.reference_date.year if header.reference_date else header.year
    if year is None:
        result.problems.append(
            Problem(None, "ReferenceDate", "the header gives no ReferenceDate or Year")
        )
        return result
    schema = schema_path_for(year)
    if schema is None:
        result.problems.append(
            Problem(None, "ReferenceDate", f"no CIN census schema is known for the year {year}")
        )
        return result
    result.schema_year = year
    if check_schema:
        result.problems.extend(schema_problems(Path(path), schema))
    return result


def schema_problems(path: Path, schema_path: Path) -> list[Problem]:
    """Return the file's schema errors (line, element, message), at most MAX_SCHEMA_PROBLEMS."""
    schema = _schema(schema_path)
    problems = []
    tree = etree.parse(str(path), etree.XMLParser(huge_tree=True))
    if schema_path.stem < f"CIN_schema_{FIRST_ZERO_ONE_YEAR}":
        # Returns before 2024/25 wrote the yes/no items as xs:boolean (true/false); the older
        # XSDs here say 0/1 only, so read the words as the digits they stand for.
        for element in tree.iter("ReferralNFA", "ICPCnotRequired"):
            if element.text and element.text.strip().lower() in BOOLEAN_WORDS:
                element.text = BOOLEAN_WORDS[element.text.strip().lower()]
    if not schema.validate(tree):
        for entry in schema.error_log:
            element = entry.path.rsplit("/", 1)[-1].split("[")[0] if entry.path else ""
            problems.append(Problem(entry.line, element, entry.message))
            if len(problems) >= MAX_SCHEMA_PROBLEMS:
                break
    return problems


_SCHEMAS: dict[Path, etree.XMLSchema] = {}


def _schema(path: Path) -> etree.XMLSchema:
    if path not in _SCHEMAS:
        _SCHEMAS[path] = etree.XMLSchema(etree.parse(str(path)))
    return _SCHEMAS[path]


def _parse(path: Path, r: CinReturn) -> None:
    for _, element in etree.iterparse(
        str(path), events=("end",), tag=("Header", "Child"), huge_tree=True
    ):
        if element.tag == "Header":
            _header(element, r)
        else:
            _child(element, r)
            element.clear(keep_tail=False)
            parent = element.getparent()
            while parent is not None and element.getprevious() is not None:
                del parent[0]


def _header(element, r: CinReturn) -> None:
    h = r.header
    details = element.find("CollectionDetails")
    if details is not None:
        h.collection = _text(details, "Collection") or ""
        year = _text(details, "Year")
        h.year = int(year) if year and year.isdigit() else None
        h.reference_date = _date(_text(details, "ReferenceDate"))
    source = element.find("Source")
    if source is not None:
        h.lea = _text(source, "LEA") or ""
        h.software_code = _text(source, "SoftwareCode") or ""
        h.release = _text(source, "Release") or ""
        h.serial_no = _text(source, "SerialNo") or ""
        h.datetime = _text(source, "DateTime") or ""


def _child(element, r: CinReturn) -> None:
    ids = element.find("ChildIdentifiers")
    chars = element.find("ChildCharacteristics")
    ids = ids if ids is not None else etree.Element("ChildIdentifiers")
    sex = _text(ids, "Sex")
    if sex is None and _text(ids, "GenderCurrent") is not None:
        sex = GENDER_TO_SEX.get(_text(ids, "GenderCurrent"), _text(ids, "GenderCurrent"))
    child = r.children.add(
        la_child_id=_text(ids, "LAchildID"),
        upn=_text(ids, "UPN"),
        former_upn=_text(ids, "FormerUPN"),
        upn_unknown=_text(ids, "UPNunknown"),
        birth_date=_date(_text(ids, "PersonBirthDate")),
        expected_birth_date=_date(_text(ids, "ExpectedPersonBirthDate")),
        sex=sex,
        death_date=_date(_text(ids, "PersonDeathDate")),
        ethnicity=_text(chars, "Ethnicity") if chars is not None else None,
        line=element.sourceline,
    )
    if chars is not None:
        for d in chars.iterfind("Disabilities/Disability"):
            r.disabilities.add(child=child, code=(d.text or "").strip() or None)
    for details in element.iterfind("CINdetails"):
        cin = r.cin.add(
            child=child,
            referral_date=_date(_text(details, "CINreferralDate")),
            referral_source=_text(details, "ReferralSource"),
            primary_need=_text(details, "PrimaryNeedCode"),
            closure_date=_date(_text(details, "CINclosureDate")),
            closure_reason=_text(details, "ReasonForClosure"),
            date_of_initial_cpc=_date(_text(details, "DateOfInitialCPC")),
            referral_nfa=_flag(_text(details, "ReferralNFA")),
            line=details.sourceline,
        )
        for a in details.iterfind("Assessments"):
            row = r.assessments.add(
                cin=cin,
                child=child,
                start_date=_date(_text(a, "AssessmentActualStartDate")),
                internal_review_date=_date(_text(a, "AssessmentInternalReviewDate")),
                authorisation_date=_date(_text(a, "AssessmentAuthorisationDate")),
                line=a.sourceline,
            )
            for f in a.iterfind("FactorsIdentifiedAtAssessment/AssessmentFactors"):
                r.factors.add(assessment=row, child=child, code=(f.text or "").strip() or None)
        for p in details.iterfind("CINPlanDates"):
            r.cin_plans.add(
                cin=cin,
                child=child,
                start_date=_date(_text(p, "CINPlanStartDate")),
                end_date=_date(_text(p, "CINPlanEndDate")),
                line=p.sourceline,
            )
        for s in details.iterfind("Section47"):
            r.section_47s.add(
                cin=cin,
                child=child,
                start_date=_date(_text(s, "S47ActualStartDate")),
                icpc_target=_date(_text(s, "InitialCPCtarget")),
                icpc_date=_date(_text(s, "DateOfInitialCPC")),
                icpc_not_required=_flag(_text(s, "ICPCnotRequired")),
                line=s.sourceline,
            )
        for p in details.iterfind("ChildProtectionPlans"):
            previous = _text(p, "NumberOfPreviousCPP")
            plan = r.protection_plans.add(
                cin=cin,
                child=child,
                start_date=_date(_text(p, "CPPstartDate")),
                end_date=_date(_text(p, "CPPendDate")),
                initial_category=_text(p, "InitialCategoryOfAbuse"),
                latest_category=_text(p, "LatestCategoryOfAbuse"),
                previous_plans=int(previous) if previous and previous.isdigit() else previous,
                line=p.sourceline,
            )
            for v in p.iterfind("Reviews/CPPreviewDate"):
                r.reviews.add(plan=plan, child=child, review_date=_date(v.text))
