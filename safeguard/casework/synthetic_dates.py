"""Date helpers the casework and assessment generator stages share."""

from datetime import date, timedelta


def add_working_days(day: date, days: int) -> date:
    """Return the date `days` working days (Monday to Friday) after day.

    The generator's own arithmetic only: bank holidays are ignored here, and the clock engine,
    not the generator, decides what is late.
    """
    current = day
    while days > 0:
        current += timedelta(days=1)
        if current.weekday() < 5:
            days -= 1
    return current
