"""Sections of the child record that other apps contribute.

An app adds a section to the child record page by registering a panel in its `panels.py`
(imported from its AppConfig.ready()):

    @record_panel(order=30, title="Assessments", template="assessments/panel.html")
    def assessments_panel(*, person, user) -> dict | None:
        return {"assessments": assessments_for_person(person=person)}

The function returns the template's context, or None to leave the section out (for a user who
may not see it, or a person it does not apply to). Keep each panel to a few bulk queries.
"""

from collections.abc import Callable
from dataclasses import dataclass

PanelFunc = Callable[..., dict | None]


@dataclass(frozen=True)
class Panel:
    order: int
    title: str
    template: str
    func: PanelFunc


PANELS: list[Panel] = []


def record_panel(*, order: int, title: str, template: str) -> Callable[[PanelFunc], PanelFunc]:
    """Register func(*, person, user) -> context | None as a section of the child record."""

    def register(func: PanelFunc) -> PanelFunc:
        PANELS.append(Panel(order=order, title=title, template=template, func=func))
        PANELS.sort(key=lambda p: p.order)
        return func

    return register


def panels_for(*, person, user) -> list[dict]:
    """Return the sections to show, in order, each with its title, template and context."""
    sections = []
    for panel in PANELS:
        context = panel.func(person=person, user=user)
        if context is not None:
            sections.append({"title": panel.title, "template": panel.template, "context": context})
    return sections
