"""Read an SSDA903 return (a folder of CSV files) into tables, reporting what cannot be read.

Each file is recognised by its exact header row, as the DfE's and Data to Insight's tools do;
its name does not matter. Dates stay text here; rules parse them through `parse_date`.
"""

import csv
from dataclasses import dataclass, field
from datetime import date, datetime
from functools import lru_cache
from pathlib import Path

from safeguard.returns.ssda903.tables import BY_HEADER, tables_for
from safeguard.returns.ssda903.years import Year


@dataclass
class Failure:
    """One failing check: the rule, where (file, line, child) and which fields."""

    code: str
    message: str
    file: str
    line: int | None
    child: str
    fields: list[str]
    level: str = "error"

    def as_dict(self) -> dict:
        return {
            "code": self.code,
            "message": self.message,
            "file": self.file,
            "line": self.line,
            "child": self.child,
            "fields": self.fields,
            "level": self.level,
        }

    def __str__(self) -> str:
        where = f"{self.file}" + (f" line {self.line}" if self.line else "")
        child = f" child {self.child}" if self.child else ""
        return f"{self.code} {where}{child} [{', '.join(self.fields)}]: {self.message}"


@dataclass
class Return:
    """The tables of a return: rows of {column: text}, each row's file line in `lines`."""

    tables: dict[str, list[dict[str, str]]]
    files: dict[str, str] = field(default_factory=dict)
    lines: dict[str, list[int]] = field(default_factory=dict)
    problems: list[Failure] = field(default_factory=list)

    def line(self, table: str, index: int) -> int | None:
        lines = self.lines.get(table)
        return lines[index] if lines else index + 2


@lru_cache(maxsize=65536)
def parse_date(text: str) -> date | None:
    """Return the dd/mm/YYYY date in text, or None when blank or not such a date."""
    if not text or len(text) != 10:
        return None
    try:
        return datetime.strptime(text, "%d/%m/%Y").date()
    except ValueError:
        return None


def ssda903_read(*, folder: Path, year: Year) -> Return:
    """Read every CSV in folder; problems list unknown, duplicate or missing files."""
    ret = Return(tables={t.name: [] for t in tables_for(year.name)})
    if not folder.is_dir():
        ret.problems.append(
            Failure(
                "FILES", f"{folder} is not a folder of SSDA903 CSV files", str(folder), None, "", []
            )
        )
        return ret
    expected = {t.name: t for t in tables_for(year.name)}
    for path in sorted(folder.glob("*.csv")):
        with path.open(newline="", encoding="utf-8-sig") as f:
            reader = csv.reader(f)
            header = next(reader, None)
            if header is None:
                ret.problems.append(Failure("HEADER", "The file is empty", path.name, 1, "", []))
                continue
            header = [h.strip() for h in header]
            table = BY_HEADER.get(frozenset(header))
            if table is None or len(header) != len(set(header)):
                ret.problems.append(_unknown_header(path.name, header))
                continue
            if table.name not in expected:
                ret.problems.append(
                    Failure(
                        "YEAR",
                        f"{table.name} ({table.filename}) is not part of the {year.name} return; "
                        f"it joined in {table.first_year}",
                        path.name,
                        1,
                        "",
                        list(table.columns),
                    )
                )
                continue
            if table.name in ret.files:
                ret.problems.append(
                    Failure(
                        "FILES",
                        f"A second {table.name} file (first: {ret.files[table.name]})",
                        path.name,
                        1,
                        "",
                        [],
                    )
                )
                continue
            ret.files[table.name] = path.name
            rows, lines = [], []
            for row in reader:
                if not any(cell.strip() for cell in row):
                    continue
                if len(row) != len(header):
                    ret.problems.append(
                        Failure(
                            "ROW",
                            f"{len(row)} values where the header has {len(header)}",
                            path.name,
                            reader.line_num,
                            row[0] if row else "",
                            [],
                        )
                    )
                    continue
                rows.append({col: cell.strip() for col, cell in zip(header, row, strict=True)})
                lines.append(reader.line_num)
            ret.tables[table.name] = rows
            ret.lines[table.name] = lines
    for name in ("Header", "Episodes"):
        if name not in ret.files:
            ret.problems.append(
                Failure(
                    "FILES",
                    f"No {name} file ({expected[name].filename}) with the header "
                    f"{','.join(expected[name].columns)}",
                    str(folder),
                    None,
                    "",
                    [],
                )
            )
    return ret


def _unknown_header(filename: str, header: list[str]) -> Failure:
    """Report the closest table's missing and unexpected columns for a header nobody has."""
    columns = set(header)
    best = max(BY_HEADER.values(), key=lambda t: len(columns & set(t.columns)))
    missing = [c for c in best.columns if c not in columns]
    extra = [c for c in header if c not in best.columns]
    detail = f"closest is {best.name} ({best.filename})"
    if missing:
        detail += f"; missing {', '.join(missing)}"
    if extra:
        detail += f"; unexpected {', '.join(extra)}"
    return Failure(
        "HEADER",
        f"Header row is not an SSDA903 table's: {detail}",
        filename,
        1,
        "",
        missing + extra,
    )
