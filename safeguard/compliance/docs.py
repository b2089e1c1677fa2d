"""Render docs/statutory-timescales.md from the rule catalogue."""

from pathlib import Path

from django.conf import settings

from safeguard.compliance.rules import EVENTS, PAUSE_CONDITIONS, RULES

DOCS_PATH = Path(settings.BASE_DIR) / "docs" / "statutory-timescales.md"

_HEADER = """\
# Statutory and local timescales

Generated from `safeguard/compliance/rules.py` by `python manage.py clocks docs`; do not edit by
hand (a test fails if this file and the catalogue differ).

Every clock starts on an event and is due a period later. **Working days** are Monday to Friday
less England and Wales bank holidays (England subdivision of the `holidays` package, including
one-off and substitute days) and the authority's local closure days; day 1 is the first working
day *after* the start, so 1 working day from Fri 19 Dec 2025 is Mon 22 Dec 2025. **School
days** are weekdays in the term dates entered, less bank holidays. **Months** are calendar
months, clamped to the month's end (31 Aug + 3 months = 30 Nov). **Hours** are elapsed hours.

*Statutory* values come from law or statutory guidance; an authority may only set a stricter
one, and only where "local value" says yes. *Local* values have no national rule: the default
shown is what most authorities use, and each authority sets its own (admin: Local rule
settings).
"""


def _cell(text: str) -> str:
    return text.replace("|", "\\|")


def render_timescales() -> str:
    """Return the Markdown text of the timescales document."""
    out = [_HEADER]
    areas: dict[str, list] = {}
    for rule in RULES.values():
        areas.setdefault(rule.area, []).append(rule)
    for area, rules in areas.items():
        out.append(f"\n## {area}\n")
        out.append(
            "| code | duty | period | starts | met by | statutory or local | local value | source |"
        )
        out.append("|---|---|---|---|---|---|---|---|")
        for rule in rules:
            met_by = " or ".join(EVENTS[e] for e in rule.satisfied_by)
            kind = "statutory" if rule.statutory else "local (default shown)"
            local = "yes" if rule.local_override_allowed else "no"
            if rule.local_override_allowed and rule.statutory:
                local = "stricter only"
            name = rule.name + (f" — {rule.notes}" if rule.notes else "")
            if rule.paused_while:
                name += f" Pauses while {PAUSE_CONDITIONS[rule.paused_while].words} (see Pauses)."
            cells = [
                f"`{rule.code}`",
                name,
                rule.describe_period(),
                EVENTS[rule.start_event],
                met_by,
                kind,
                local,
                str(rule.source),
            ]
            out.append("| " + " | ".join(_cell(c) for c in cells) + " |")
    out.extend(_pauses())
    out.append("\n## Escalation\n")
    out.append(
        "A clock that passes its due date unmet, or has no owner, is a breach. It shows at once "
        "on the owner's *My work* list and on their team manager's *Team work* list (with a "
        "count on the manager's *My work*). Rule-specific escalation:\n"
    )
    for rule in RULES.values():
        out.append(f"- `{rule.code}`: {rule.escalation}")
    return "\n".join(out) + "\n"


def _pauses() -> list[str]:
    out = [
        "\n## Pauses\n",
        "A clock of a rule that names a pause condition stands still while the condition "
        "holds. The time paused is counted in the rule's own unit over (pause start, pause "
        "end], as periods are: working days for a working-day rule (a pause from Tue 3 to Sat "
        "7 Mar 2026 adds Wed, Thu and Fri: 3 working days), school days for a school-day "
        "rule, elapsed hours for an hours rule, calendar days otherwise (a paused week adds 7 "
        "days). The due date moves on by that much. A pause counts only while the clock runs: "
        "one that starts after the due date (the clock was already overdue) or once the duty "
        "is met or cancelled does not count. While a pause is open the clock's status is "
        "*paused*, not overdue, and its due date moves on when the pause ends. A local "
        "condition is the authority's choice (admin: Local pause settings) and cannot pause a "
        "statutory timescale.\n",
        "| condition | paused while | rules | local setting | default | source |",
        "|---|---|---|---|---|---|",
    ]
    for code, condition in PAUSE_CONDITIONS.items():
        rules = ", ".join(f"`{r.code}`" for r in RULES.values() if r.paused_while == code)
        cells = [
            f"`{code}`",
            condition.words,
            rules or "none",
            "yes" if condition.local else "no",
            "on" if condition.on_by_default else "off",
            str(condition.source),
        ]
        out.append("| " + " | ".join(_cell(c) for c in cells) + " |")
    return out
