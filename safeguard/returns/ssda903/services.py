"""What the returns page needs for the SSDA903: its validation from the records, and the file.

The page (returns/views.py, owned with the CIN census) can show the 903 by calling these two:
`ssda903_check` gives the failures grouped by rule, each child with its person id for a link
to the record; `ssda903_export_zip` writes the CSV files into one zip and audits the export.
"""

import io
import tempfile
import zipfile
from collections import defaultdict
from pathlib import Path

from safeguard.audit.choices import AuditAction
from safeguard.audit.services import audit_bulk
from safeguard.people.models import Person
from safeguard.returns.ssda903.exporter import ssda903_return_build, ssda903_write
from safeguard.returns.ssda903.previous import ssda903_previous_build
from safeguard.returns.ssda903.reader import Return
from safeguard.returns.ssda903.validation import rules_for, ssda903_validate_return
from safeguard.returns.ssda903.years import Year

CHILDREN_SHOWN_PER_RULE = 100


def ssda903_check(*, year: Year) -> dict:
    """Return the year's return checked: children, errors, queries and failures by rule."""
    tables = ssda903_return_build(year=year)
    # Last year's return, built from the records, for the rules that compare the two years.
    previous = ssda903_previous_build(year=year)
    failures = ssda903_validate_return(ret=Return(tables=tables), year=year, previous=previous)
    rules = rules_for(year).rules
    ids = {f.child for f in failures if f.child}
    person_ids = dict(Person.objects.filter(la_child_id__in=ids).values_list("la_child_id", "pk"))
    by_code = defaultdict(list)
    for failure in failures:
        by_code[failure.code].append(failure)
    groups = []
    for code, items in sorted(by_code.items(), key=lambda kv: (kv[1][0].level != "error", kv[0])):
        rule = rules.get(code)
        groups.append(
            {
                "code": code,
                "message": items[0].message,
                "fields": rule.fields if rule else tuple(items[0].fields),
                "level": items[0].level,
                "count": len(items),
                "children": [
                    {
                        "la_child_id": f.child,
                        "person_id": person_ids.get(f.child),
                        "file": f.file,
                        "line": f.line,
                    }
                    for f in items[:CHILDREN_SHOWN_PER_RULE]
                ],
            }
        )
    return {
        "year": year,
        "children": len(tables["Header"]),
        "errors": sum(1 for f in failures if f.level == "error"),
        "queries": sum(1 for f in failures if f.level != "error"),
        "groups": groups,
    }


def ssda903_export_zip(*, year: Year, user) -> bytes:
    """Return the year's CSV files in one zip, and audit the export."""
    tables = ssda903_return_build(year=year)
    buffer = io.BytesIO()
    with tempfile.TemporaryDirectory() as folder:
        paths = ssda903_write(tables=tables, year=year, out_dir=Path(folder))
        with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
            for path in paths:
                archive.write(path, arcname=path.name)
    audit_bulk(
        user=user,
        action=AuditAction.EXPORT,
        object_type="returns.ssda903",
        summary=f"SSDA903 {year.name} exported: {len(tables['Header'])} children",
    )
    return buffer.getvalue()
