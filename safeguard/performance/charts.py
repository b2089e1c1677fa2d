"""Accessible line charts drawn on the server as SVG: no JavaScript."""

from django.utils.html import escape, format_html
from django.utils.safestring import mark_safe

WIDTH, HEIGHT = 640, 240
LEFT, RIGHT, TOP, BOTTOM = 48, 16, 16, 40


def line_chart(*, title: str, points: list[tuple[str, float | None]], references=()) -> str:
    """Return an SVG line chart of (label, value) points with horizontal reference lines.

    The chart carries role="img", a title and a description; the page puts the same data in
    a table beside it, so nothing is only in the picture.
    """
    values = [v for _, v in points if v is not None] + [v for _, v in references]
    top = max(values) if values else 1.0
    top = top * 1.1 if top > 0 else 1.0
    inner_w, inner_h = WIDTH - LEFT - RIGHT, HEIGHT - TOP - BOTTOM
    step = inner_w / max(len(points) - 1, 1)

    def y(value: float) -> float:
        return round(TOP + inner_h - value / top * inner_h, 1)

    parts = [
        f'<line x1="{LEFT}" y1="{TOP + inner_h}" x2="{WIDTH - RIGHT}" y2="{TOP + inner_h}" '
        'stroke="#0b0c0c"/>',
        f'<line x1="{LEFT}" y1="{TOP}" x2="{LEFT}" y2="{TOP + inner_h}" stroke="#0b0c0c"/>',
        f'<text x="{LEFT - 6}" y="{TOP + 4}" text-anchor="end" font-size="12">{top:.0f}</text>',
        f'<text x="{LEFT - 6}" y="{TOP + inner_h}" text-anchor="end" font-size="12">0</text>',
    ]
    path, dots = [], []
    for index, (label, value) in enumerate(points):
        x = round(LEFT + index * step, 1)
        if index in (0, len(points) - 1) or index % 6 == 0:
            parts.append(
                f'<text x="{x}" y="{HEIGHT - 12}" text-anchor="middle" font-size="11">'
                f"{escape(label)}</text>"
            )
        if value is None:
            continue
        path.append(f"{'M' if not path else 'L'}{x},{y(value)}")
        dots.append(f'<circle cx="{x}" cy="{y(value)}" r="3" fill="#1d70b8"/>')
    for label, value in references:
        parts.append(
            f'<line x1="{LEFT}" y1="{y(value)}" x2="{WIDTH - RIGHT}" y2="{y(value)}" '
            'stroke="#d4351c" stroke-dasharray="6 4"/>'
            f'<text x="{WIDTH - RIGHT}" y="{y(value) - 4}" text-anchor="end" font-size="11" '
            f'fill="#d4351c">{escape(label)} {value:g}</text>'
        )
    if path:
        parts.append(f'<path d="{" ".join(path)}" fill="none" stroke="#1d70b8" stroke-width="2"/>')
    parts.extend(dots)
    described = ", ".join(f"{label}: {'none' if v is None else f'{v:g}'}" for label, v in points)
    return format_html(
        '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {} {}" width="100%" role="img" '
        'aria-labelledby="chart-title chart-desc"><title id="chart-title">{}</title>'
        '<desc id="chart-desc">{}</desc>{}</svg>',
        WIDTH,
        HEIGHT,
        title,
        described or "No snapshots yet.",
        mark_safe("".join(parts)),  # noqa: S308 - every label above is escaped
    )
