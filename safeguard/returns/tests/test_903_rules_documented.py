"""docs/returns.md says which SSDA903 rules are built in and which are not; it must be true."""

import csv
import re
from pathlib import Path

from django.conf import settings

from safeguard.returns.ssda903.rules.y2025_26 import RULES

DOCS = Path(__file__).resolve().parents[3] / "docs" / "returns.md"


def _published_codes() -> set[str]:
    path = Path(settings.SAFEGUARD_REFERENCE_DIR) / "ssda903" / "rules" / "903_rules_2025_26.csv"
    with path.open(newline="", encoding="utf-8") as f:
        return {row["rule_code"] for row in csv.DictReader(f)}


def _documented(heading: str) -> tuple[int, set[str]]:
    """Return the count in the heading and the codes listed on the line after it."""
    lines = DOCS.read_text(encoding="utf-8").splitlines()
    for i, line in enumerate(lines):
        if line.startswith(f"**{heading} ("):
            count = int(re.search(r"\((\d+)", line).group(1))
            listed = lines[i + 1].strip()
            codes = set() if listed in {"", "none", "None."} else set(listed.split(", "))
            return count, codes
    raise AssertionError(f"docs/returns.md has no line starting **{heading} (")


def test_docs_list_the_2025_26_rules_built_in_and_not():
    published = _published_codes()
    built = set(RULES.rules) & published
    count, implemented = _documented("Implemented")
    assert (count, implemented) == (len(built), built)
    count, missing = _documented("Not implemented")
    assert (count, missing) == (len(published - built), published - built)
