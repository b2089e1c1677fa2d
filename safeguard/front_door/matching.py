"""Pure functions for "is this child known?": blocking keys and the scoring of a candidate.

Blocking narrows 300,000 people to a few hundred by exact keys (date of birth, the date with
day and month swapped, NHS number, postcode, a phonetic surname key with the birth year or the
first name); rapidfuzz then scores each candidate, and every point of score has a reason.
"""

import re
import unicodedata
from dataclasses import dataclass, field
from datetime import date

from rapidfuzz.distance import JaroWinkler

# Common English nicknames, each mapped to the name it shortens. Data, not logic: add a row.
NICKNAMES: dict[str, str] = {
    "abby": "abigail",
    "abbie": "abigail",
    "alex": "alexander",
    "alfie": "alfred",
    "andy": "andrew",
    "ben": "benjamin",
    "benji": "benjamin",
    "bill": "william",
    "billy": "william",
    "bob": "robert",
    "bobby": "robert",
    "rob": "robert",
    "robbie": "robert",
    "charlie": "charles",
    "chris": "christopher",
    "dan": "daniel",
    "danny": "daniel",
    "dave": "david",
    "ed": "edward",
    "eddie": "edward",
    "ellie": "eleanor",
    "freddie": "frederick",
    "fred": "frederick",
    "gabe": "gabriel",
    "harry": "henry",
    "izzy": "isabella",
    "bella": "isabella",
    "jack": "john",
    "jake": "jacob",
    "jim": "james",
    "jimmy": "james",
    "jamie": "james",
    "jo": "joanne",
    "joe": "joseph",
    "joey": "joseph",
    "kate": "katherine",
    "katie": "katherine",
    "kathy": "katherine",
    "cathy": "catherine",
    "kat": "katherine",
    "liz": "elizabeth",
    "lizzie": "elizabeth",
    "beth": "elizabeth",
    "libby": "elizabeth",
    "maddie": "madison",
    "matt": "matthew",
    "mick": "michael",
    "mike": "michael",
    "mikey": "michael",
    "millie": "amelia",
    "molly": "mary",
    "nat": "natalie",
    "nick": "nicholas",
    "olly": "oliver",
    "ollie": "oliver",
    "pat": "patrick",
    "peggy": "margaret",
    "maggie": "margaret",
    "rosie": "rose",
    "sam": "samuel",
    "sammy": "samuel",
    "sophie": "sophia",
    "steve": "stephen",
    "tom": "thomas",
    "tommy": "thomas",
    "tony": "anthony",
    "vicky": "victoria",
    "will": "william",
    "zach": "zachary",
    "archie": "archibald",
    "evie": "evelyn",
    "lottie": "charlotte",
    "charlie-rose": "charlotte",
    "teddy": "edward",
    "nate": "nathan",
    "josh": "joshua",
    "becky": "rebecca",
    "jess": "jessica",
    "jessie": "jessica",
    "gracie": "grace",
    "leo": "leonardo",
}

_NON_LETTERS = re.compile(r"[^a-z]")
_SOUNDEX_CODES = {
    **dict.fromkeys("bfpv", "1"),
    **dict.fromkeys("cgjkqsxz", "2"),
    **dict.fromkeys("dt", "3"),
    "l": "4",
    **dict.fromkeys("mn", "5"),
    "r": "6",
}


def normalise_name(name: str) -> str:
    """Return the name lower-cased, without accents, spaces, hyphens or apostrophes."""
    plain = unicodedata.normalize("NFKD", name or "").encode("ascii", "ignore").decode()
    return _NON_LETTERS.sub("", plain.lower())


def canonical_first_name(name: str) -> str:
    """Return the formal name a nickname stands for (Bill -> william), else the name."""
    plain = normalise_name(name)
    return NICKNAMES.get(plain, plain)


def soundex(name: str) -> str:
    """Return the American Soundex code of a name ("Smyth" and "Smith" -> "S530")."""
    plain = normalise_name(name)
    if not plain:
        return ""
    first, digits, previous = plain[0], [], _SOUNDEX_CODES.get(plain[0], "")
    for letter in plain[1:]:
        code = _SOUNDEX_CODES.get(letter, "")
        if code and code != previous:
            digits.append(code)
        if letter not in "hw":
            previous = code
    return (first.upper() + "".join(digits) + "000")[:4]


def normalise_postcode(postcode: str) -> str:
    """Return the postcode upper-cased without spaces, as blocking compares it."""
    return re.sub(r"\s+", "", (postcode or "").upper())[:8]


def day_month_swapped(dob: date | None) -> date | None:
    """Return the date with day and month transposed, if that is a different real date."""
    if dob is None or dob.day > 12 or dob.day == dob.month:
        return None
    try:
        return dob.replace(month=dob.day, day=dob.month)
    except ValueError:
        return None


@dataclass(frozen=True)
class MatchQuery:
    """What the screener has typed so far about a child."""

    first_name: str = ""
    last_name: str = ""
    date_of_birth: date | None = None
    nhs_number: str = ""
    postcode: str = ""

    @property
    def is_searchable(self) -> bool:
        return bool(
            self.nhs_number
            or self.date_of_birth
            or len(normalise_postcode(self.postcode)) >= 5
            or (normalise_name(self.last_name) and normalise_name(self.first_name))
        )


@dataclass(frozen=True)
class CandidateFacts:
    """What is known about an existing person, for scoring."""

    person_id: int
    first_name: str
    last_name: str
    date_of_birth: date | None
    nhs_number: str
    postcodes: frozenset[str] = frozenset()
    other_names: tuple[tuple[str, str], ...] = ()


@dataclass
class Score:
    value: float
    reasons: list[str] = field(default_factory=list)


def _name_similarity(a: str, b: str) -> float:
    return JaroWinkler.normalized_similarity(normalise_name(a), normalise_name(b))


def _first_name_points(typed: str, known: str) -> tuple[float, str | None]:
    if not normalise_name(typed) or not normalise_name(known):
        return 0.0, None
    if normalise_name(typed) == normalise_name(known):
        return 20.0, "same first name"
    if canonical_first_name(typed) == canonical_first_name(known):
        return 16.0, f"first name '{typed}' is a short form of '{known}'"
    similarity = _name_similarity(typed, known)
    if similarity >= 0.85:
        return 20.0 * similarity - 4.0, f"first name '{typed}' ~ '{known}'"
    return -5.0, None


def _last_name_points(typed: str, known: str) -> tuple[float, str | None]:
    if not normalise_name(typed) or not normalise_name(known):
        return 0.0, None
    if normalise_name(typed) == normalise_name(known):
        return 25.0, "same surname"
    similarity = _name_similarity(typed, known)
    if similarity >= 0.85 or soundex(typed) == soundex(known):
        return 25.0 * max(similarity, 0.8) - 4.0, f"surname '{typed}' ~ '{known}'"
    return -5.0, None


def _dob_points(typed: date | None, known: date | None) -> tuple[float, str | None]:
    if typed is None or known is None:
        return 0.0, None
    if typed == known:
        return 35.0, "same date of birth"
    if day_month_swapped(typed) == known:
        return 28.0, "date of birth matches with day and month swapped"
    same_two = (typed.year == known.year) + (typed.month == known.month) + (typed.day == known.day)
    if same_two == 2:
        return 12.0, "date of birth differs in one part (day, month or year)"
    # Different children often share names: a clearly different birth date counts against.
    return -30.0, None


def score_candidate(query: MatchQuery, candidate: CandidateFacts) -> Score:
    """Return a 0-100 score for how likely the candidate is the child typed, with reasons."""
    points, reasons = 0.0, []
    if query.nhs_number and candidate.nhs_number:
        if query.nhs_number == candidate.nhs_number:
            points += 60.0
            reasons.append("same NHS number")
        else:
            points -= 25.0
    names = [(candidate.first_name, candidate.last_name), *candidate.other_names]
    best_name, best_reasons = -99.0, []
    for first, last in names:
        first_points, first_reason = _first_name_points(query.first_name, first)
        last_points, last_reason = _last_name_points(query.last_name, last)
        if first_points + last_points > best_name:
            best_name = first_points + last_points
            best_reasons = [r for r in (first_reason, last_reason) if r]
            if (first, last) != names[0]:
                best_reasons.append(f"known as {first} {last}")
    points += max(best_name, -10.0)
    reasons.extend(best_reasons)
    dob_points, dob_reason = _dob_points(query.date_of_birth, candidate.date_of_birth)
    points += dob_points
    if dob_reason:
        reasons.append(dob_reason)
    postcode = normalise_postcode(query.postcode)
    if postcode and postcode in candidate.postcodes:
        points += 15.0
        reasons.append(f"lives or lived at {query.postcode.upper()}")
    return Score(value=round(max(0.0, min(100.0, points)), 1), reasons=reasons)
