from django import template

from safeguard.compliance.rules import RULES

register = template.Library()

_TAG_CLASSES = {
    "overdue": "govuk-tag--red",
    "due": "govuk-tag--blue",
    "paused": "govuk-tag--yellow",
    "met": "govuk-tag--green",
    "met_late": "govuk-tag--orange",
    "cancelled": "govuk-tag--grey",
}
_LABELS = {"met_late": "Met late"}


@register.filter
def rule_name(code: str) -> str:
    """Return the rule's plain-English name, or the code if it is not in the catalogue."""
    rule = RULES.get(code)
    return rule.name if rule else code


def status_tag(status: str) -> tuple[str, str]:
    """Return the label and GOV.UK tag class for a clock status."""
    label = _LABELS.get(status, status.replace("_", " ").capitalize())
    return label, _TAG_CLASSES.get(status, "govuk-tag--grey")


@register.inclusion_tag("compliance/_status.html")
def clock_status_tag(status: str) -> dict:
    """Render a clock status as a GOV.UK tag."""
    label, css = status_tag(status)
    return {"label": label, "css": css}
