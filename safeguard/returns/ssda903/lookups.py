"""What some SSDA903 rules read beyond this year's return: Ofsted's providers and postcodes.

Both are CSV files the analyst gives the validator (Safeguard holds neither: an episode
records its provider's URN and the placement postcode, not the provider's registration or
where a postcode lies).

Providers (Ofsted's children's homes and social care providers lists, one row per URN):
    URN,PLACE_CODES,PROVIDER_CODES,REG_END,POSTCODE[,LA]
PLACE_CODES and PROVIDER_CODES hold the placement (PLACE) and provider (PLACE_PROVIDER) codes
the registration allows, separated by "/", "," or ";"; REG_END the date the registration ended
(dd/mm/YYYY, blank while open); LA the local authority code(s) of the provider's premises
(optional; otherwise found from POSTCODE in the postcode look-up).

Postcodes (e.g. an extract of the ONS Postcode Directory):
    POSTCODE,LA,EASTING,NORTHING
LA is the local authority code of the same kind as the authority's own (the `--la` option),
or SCO, WAL, NIR for the other nations; an ONS code starting S, W or N is read as that nation.
EASTING and NORTHING are OS grid references in metres. The ONSPD column names pcds (or pcd),
oslaua, oseast1m and osnrth1m are read as these four.
"""

import csv
import math
import re
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from safeguard.returns.ssda903.reader import parse_date

OTHER_NATIONS = {"S": "SCO", "W": "WAL", "N": "NIR"}
_ONS_CODE = re.compile(r"^[ENSW]\d{8}$")
_SEPARATORS = re.compile(r"[/,;\s]+")
METRES_PER_MILE = 1609.3


class LookupFileError(ValueError):
    """A providers or postcodes file that cannot be used; the message says why and where."""


@dataclass(frozen=True)
class Provider:
    """One Ofsted registration: what it may provide, until when, and where."""

    urn: str
    place_codes: frozenset[str]
    provider_codes: frozenset[str]
    registration_ended: date | None
    postcode: str
    las: frozenset[str]


@dataclass(frozen=True)
class Place:
    """Where a postcode lies: its local authority (or nation) and OS grid reference."""

    la: str
    easting: float | None
    northing: float | None


def postcode_key(text: str) -> str:
    """Return a postcode as looked up: upper case, no spaces."""
    return text.replace(" ", "").upper()


def la_code(text: str) -> str:
    """Return an LA code as the rules compare it; ONS codes of other nations as the nation."""
    code = text.strip().upper()
    if _ONS_CODE.match(code) and code[0] in OTHER_NATIONS:
        return OTHER_NATIONS[code[0]]
    return code


class Postcodes:
    """A postcode look-up: postcode to its place."""

    def __init__(self, places: dict[str, Place]):
        self.places = {postcode_key(pc): place for pc, place in places.items()}

    def __len__(self) -> int:
        return len(self.places)

    def place(self, postcode: str) -> Place | None:
        return self.places.get(postcode_key(postcode)) if postcode else None

    def la(self, postcode: str) -> str | None:
        place = self.place(postcode)
        return place.la if place else None

    def location(self, postcode: str, la: str) -> str | None:
        """Return IN where the postcode lies in the authority `la`, else OUT; None if unknown."""
        found = self.la(postcode)
        if found is None:
            return None
        return "IN" if found == la_code(la) else "OUT"

    def miles(self, home: str, placement: str) -> float | None:
        """Return the straight-line distance in miles (one decimal), None if either is unknown."""
        a, b = self.place(home), self.place(placement)
        if a is None or b is None or None in (a.easting, a.northing, b.easting, b.northing):
            return None
        metres = math.hypot(a.easting - b.easting, a.northing - b.northing)
        return round(metres / METRES_PER_MILE, 1)


class Providers:
    """Ofsted's provider list: URN to its registration."""

    def __init__(self, providers: list[Provider]):
        self.by_urn = {p.urn: p for p in providers}

    def __len__(self) -> int:
        return len(self.by_urn)

    def get(self, urn: str) -> Provider | None:
        return self.by_urn.get(urn.strip().upper())

    def las(self, provider: Provider, postcodes: Postcodes | None) -> frozenset[str]:
        """Return the LA codes of a provider's premises: as listed, else from its postcode."""
        if provider.las:
            return provider.las
        found = postcodes.la(provider.postcode) if postcodes else None
        return frozenset({found}) if found else frozenset()


PROVIDER_COLUMNS = ("URN", "PLACE_CODES", "PROVIDER_CODES", "REG_END", "POSTCODE")
POSTCODE_COLUMNS = ("POSTCODE", "LA", "EASTING", "NORTHING")
ONSPD_NAMES = {
    "PCDS": "POSTCODE",
    "PCD": "POSTCODE",
    "OSLAUA": "LA",
    "LAUA": "LA",
    "OSEAST1M": "EASTING",
    "OSNRTH1M": "NORTHING",
}


def _codes(text: str) -> frozenset[str]:
    return frozenset(c.upper() for c in _SEPARATORS.split(text.strip()) if c)


def _rows(path: Path, kind: str, required: tuple[str, ...], aliases: dict[str, str]):
    """Yield (line, {column: text}) from a CSV with the required columns (any order, any case)."""
    try:
        with path.open(newline="", encoding="utf-8-sig") as f:
            reader = csv.reader(f)
            header = next(reader, None)
            if header is None:
                raise LookupFileError(f"{kind} file {path} is empty")
            names = [h.strip().upper() for h in header]
            names = [aliases.get(n, n) for n in names]
            missing = [c for c in required if c not in names]
            if missing:
                raise LookupFileError(
                    f"{kind} file {path} has no {', '.join(missing)} column"
                    f"{'s' if len(missing) > 1 else ''}: its header must include "
                    f"{','.join(required)}"
                )
            for row in reader:
                if not any(cell.strip() for cell in row):
                    continue
                values = dict(zip(names, (cell.strip() for cell in row), strict=False))
                yield reader.line_num, values
    except OSError as error:
        raise LookupFileError(f"Cannot read {kind} file {path}: {error.strerror}") from error
    except (UnicodeDecodeError, csv.Error) as error:
        raise LookupFileError(f"{kind} file {path} is not a UTF-8 CSV file: {error}") from error


def providers_read(path: Path) -> Providers:
    """Read an Ofsted provider list CSV; LookupFileError names the first thing wrong."""
    providers = []
    for line, row in _rows(path, "Providers", PROVIDER_COLUMNS, {}):
        urn = row.get("URN", "").upper()
        if not urn:
            raise LookupFileError(f"Providers file {path} line {line}: no URN")
        ended_text = row.get("REG_END", "")
        ended = parse_date(ended_text)
        if ended_text and ended is None:
            raise LookupFileError(
                f"Providers file {path} line {line}: REG_END {ended_text!r} is not dd/mm/YYYY"
            )
        providers.append(
            Provider(
                urn=urn,
                place_codes=_codes(row.get("PLACE_CODES", "")),
                provider_codes=_codes(row.get("PROVIDER_CODES", "")),
                registration_ended=ended,
                postcode=postcode_key(row.get("POSTCODE", "")),
                las=frozenset(la_code(c) for c in _codes(row.get("LA", ""))),
            )
        )
    return Providers(providers)


def postcodes_read(path: Path) -> Postcodes:
    """Read a postcode look-up CSV; LookupFileError names the first thing wrong."""
    places = {}
    for line, row in _rows(path, "Postcodes", POSTCODE_COLUMNS, ONSPD_NAMES):
        postcode, la = row.get("POSTCODE", ""), row.get("LA", "")
        if not postcode:
            raise LookupFileError(f"Postcodes file {path} line {line}: no POSTCODE")
        if not la:
            continue  # a postcode with no authority (e.g. a large user's) places nothing
        places[postcode] = Place(
            la_code(la), _metres(row, "EASTING", path, line), _metres(row, "NORTHING", path, line)
        )
    return Postcodes(places)


def _metres(row: dict, column: str, path: Path, line: int) -> float | None:
    text = row.get(column, "")
    if not text:
        return None
    try:
        return float(text)
    except ValueError:
        raise LookupFileError(
            f"Postcodes file {path} line {line}: {column} {text!r} is not a number of metres"
        ) from None
