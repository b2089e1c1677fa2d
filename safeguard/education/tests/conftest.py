from datetime import date

import pytest

from safeguard.compliance.models import SchoolTerm


@pytest.fixture
def term_dates(db):
    """Term dates for 2025/26, with the February half term (16 to 20 February 2026)."""
    for name, start, end in [
        ("autumn", date(2025, 9, 3), date(2025, 12, 19)),
        ("spring_1", date(2026, 1, 5), date(2026, 2, 13)),
        ("spring_2", date(2026, 2, 23), date(2026, 3, 27)),
        ("summer", date(2026, 4, 13), date(2026, 7, 21)),
    ]:
        SchoolTerm.objects.create(academic_year=2025, name=name, start_date=start, end_date=end)
