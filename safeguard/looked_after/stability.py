"""Placement stability for every child at once, counted in the database.

The same rules as `periods.py` (which reads one child's history for the child record), written
as one SQL statement so the DfE measures over a whole authority do not load every episode of
care into Python. Window functions over each child's episodes, oldest first, rebuild:

- periods of care: an episode continues the one before unless it starts a new episode of care
  (RNE S), or the one before did not end with X1 on the day this one starts;
- placements: a new one at the start of a period and at each RNE of S, P, T, B or U;
- the placements the DfE counts: not short breaks (V3, V4), not temporary moves (T0-T4), and a
  return to the same carer (type, postcode and URN as the placement before) is the same one.

The statement runs unchanged on PostgreSQL and SQLite (3.25 or later: window functions). A
test holds it equal to `periods.py`, child by child, on generated authorities.
"""

from dataclasses import dataclass
from datetime import date, timedelta

from django.db import connection

from safeguard.looked_after.choices import (
    ADOPTION_PLACEMENTS,
    PLACEMENT_STARTS,
    SHORT_BREAK_STATUSES,
    TEMPORARY_PLACEMENTS,
    ReasonEpisodeCeased,
)
from safeguard.looked_after.models import CareEpisode
from safeguard.looked_after.periods import minus_months, plus_months
from safeguard.people.models import Person


@dataclass(frozen=True)
class Stability:
    """The ids of the children in each part of the DfE stability measures on a day."""

    looked_after: list[int]
    three_or_more_placements: list[int]
    long_term_cohort: list[int]
    long_term_stable: list[int]


def _codes(values) -> str:
    # Fixed DfE code lists from choices.py, not user input: safe to write into the statement.
    return ", ".join(f"'{v}'" for v in sorted(values))


def latest_birth_reaching(age_months: int, *, as_of: date) -> date:
    """Return the latest date of birth of a child who has reached the age on `as_of`.

    A child born on or before it is `age_months` old or more (plus_months(born, age) <= as_of);
    a child born after it is younger. A 29 February birthday falls on 28 February.
    """
    born = minus_months(as_of, age_months) + timedelta(days=3)
    while plus_months(born, age_months) > as_of:
        born -= timedelta(days=1)
    return born


_ORDER = "PARTITION BY person_id ORDER BY start_date, id"


def _statement() -> str:
    episode = connection.ops.quote_name(CareEpisode._meta.db_table)
    person = connection.ops.quote_name(Person._meta.db_table)
    short, temporary = _codes(SHORT_BREAK_STATUSES), _codes(TEMPORARY_PLACEMENTS)
    return f"""
WITH episode AS (
    SELECT id, person_id, start_date, end_date, legal_status, placement_type,
           placement_postcode, urn,
           CASE WHEN reason_new_episode <> 'S'
                 AND LAG(reason_episode_ceased) OVER ({_ORDER}) = '{ReasonEpisodeCeased.X1}'
                 AND LAG(end_date) OVER ({_ORDER}) = start_date
                THEN 1 ELSE 0 END AS continues,
           CASE WHEN reason_new_episode IN ({_codes(PLACEMENT_STARTS)}) THEN 1 ELSE 0 END
               AS starts_placement
    FROM {episode}
    WHERE archived_at IS NULL AND start_date <= %(as_of)s
),
numbered AS (
    SELECT episode.*,
           SUM(1 - continues) OVER ({_ORDER} ROWS UNBOUNDED PRECEDING) AS period_no,
           SUM(CASE WHEN continues = 0 OR starts_placement = 1 THEN 1 ELSE 0 END)
               OVER ({_ORDER} ROWS UNBOUNDED PRECEDING) AS placement_no
    FROM episode
),
ranked AS (
    -- Where a period or placement begins or ends, read in the same order (no second sort).
    SELECT numbered.*,
           CASE WHEN COALESCE(LEAD(period_no) OVER ({_ORDER}), 0) <> period_no
                THEN 1 ELSE 0 END AS last_in_period,
           CASE WHEN COALESCE(LEAD(placement_no) OVER ({_ORDER}), 0) <> placement_no
                THEN 1 ELSE 0 END AS last_in_placement,
           CASE WHEN COALESCE(LAG(placement_no) OVER ({_ORDER}), 0) <> placement_no
                THEN 1 ELSE 0 END AS first_in_placement
    FROM numbered
),
period AS (
    SELECT person_id, period_no, MIN(start_date) AS start_date,
           MAX(CASE WHEN last_in_period = 1 AND end_date IS NULL THEN 1 ELSE 0 END) AS is_open,
           MAX(CASE WHEN last_in_period = 1 THEN end_date END) AS end_date,
           MIN(CASE WHEN legal_status IN ({short}) THEN 1 ELSE 0 END) AS is_short_breaks
    FROM ranked
    GROUP BY person_id, period_no
),
placement AS (
    SELECT person_id, period_no, placement_no, MIN(start_date) AS start_date,
           MAX(CASE WHEN last_in_placement = 1 AND end_date IS NULL THEN 1 ELSE 0 END)
               AS is_open,
           MAX(CASE WHEN last_in_placement = 1 THEN end_date END) AS end_date,
           MAX(CASE WHEN first_in_placement = 1 THEN placement_type END) AS placement_type,
           MAX(CASE WHEN first_in_placement = 1 THEN placement_postcode END)
               AS placement_postcode,
           MAX(CASE WHEN first_in_placement = 1 THEN urn END) AS urn,
           MIN(CASE WHEN legal_status IN ({short}) THEN 1 ELSE 0 END) AS is_short_break
    FROM ranked
    GROUP BY person_id, period_no, placement_no
),
real_placement AS (
    SELECT placement.*,
           CASE WHEN LAG(placement_type) OVER same_period = placement_type
                 AND LAG(placement_postcode) OVER same_period = placement_postcode
                 AND LAG(urn) OVER same_period = urn
                THEN 0 ELSE 1 END AS is_new_carer
    FROM placement
    WHERE is_short_break = 0 AND placement_type NOT IN ({temporary})
    WINDOW same_period AS (PARTITION BY person_id, period_no ORDER BY placement_no)
),
carer_numbered AS (
    SELECT real_placement.*,
           SUM(is_new_carer) OVER (PARTITION BY person_id, period_no ORDER BY placement_no
                                   ROWS UNBOUNDED PRECEDING) AS carer_no
    FROM real_placement
),
counted AS (
    SELECT person_id, period_no, carer_no, MIN(start_date) AS start_date,
           MAX(CASE WHEN from_last_of_carer = 1 AND is_open = 1 THEN 1 ELSE 0 END) AS is_open,
           MAX(CASE WHEN from_last_of_carer = 1 THEN end_date END) AS end_date,
           MAX(CASE WHEN is_new_carer = 1 THEN placement_type END) AS placement_type
    FROM (
        SELECT carer_numbered.*,
               ROW_NUMBER() OVER (PARTITION BY person_id, period_no, carer_no
                                  ORDER BY placement_no DESC) AS from_last_of_carer
        FROM carer_numbered
    ) AS by_carer
    GROUP BY person_id, period_no, carer_no
),
-- Periods and counted placements as rows of one relation, so each child's figures are
-- aggregates over its own rows (no joins between the steps).
piece AS (
    SELECT person_id, period_no, 0 AS carer_no, 1 AS is_period, start_date, end_date,
           is_open, is_short_breaks, NULL AS placement_type
    FROM period
    UNION ALL
    SELECT person_id, period_no, carer_no, 0, start_date, end_date, is_open, 0, placement_type
    FROM counted
),
current_piece AS (
    SELECT piece.*,
           MIN(CASE WHEN is_period = 1 AND (is_open = 1 OR end_date > %(as_of)s)
                    THEN period_no END) OVER (PARTITION BY person_id) AS current_period_no,
           ROW_NUMBER() OVER (PARTITION BY person_id, is_period, period_no
                              ORDER BY carer_no DESC) AS from_last
    FROM piece
),
child_stability AS (
    SELECT person_id,
           MAX(CASE WHEN is_period = 1 AND period_no = current_period_no
                    THEN 1 - is_short_breaks ELSE 0 END) AS is_looked_after,
           MAX(CASE WHEN is_period = 1 AND period_no = current_period_no
                    THEN start_date END) AS in_care_from,
           SUM(CASE WHEN is_period = 0 AND (is_open = 1 OR end_date > %(year_start)s)
                    THEN 1 ELSE 0 END) AS placements,
           MAX(CASE WHEN is_period = 0 AND period_no = current_period_no AND from_last = 1
                    THEN start_date END) AS latest_start,
           MAX(CASE WHEN is_period = 0 AND period_no = current_period_no AND from_last = 1
                    THEN placement_type END) AS latest_type,
           MAX(CASE WHEN is_period = 0 AND period_no = current_period_no AND from_last = 2
                    THEN start_date END) AS before_latest_start
    FROM current_piece
    GROUP BY person_id
)
SELECT child_stability.person_id, placements,
       CASE WHEN child.date_of_birth > %(born_after)s
             AND in_care_from <= %(in_care_since)s THEN 1 ELSE 0 END AS in_cohort,
       CASE WHEN latest_type IN ({_codes(ADOPTION_PLACEMENTS)})
             AND before_latest_start IS NOT NULL
            THEN before_latest_start ELSE latest_start END AS stable_since
FROM child_stability
JOIN {person} AS child ON child.id = child_stability.person_id
WHERE is_looked_after = 1
ORDER BY child_stability.person_id
"""  # noqa: S608 (table names and DfE code lists from the code, values as parameters)


def stability_on(*, as_of: date) -> Stability:
    """Return the children in each part of the DfE stability measures on `as_of`.

    Looked after: a period of care open on the day, not only short breaks. Three or more
    placements: of them, those with three or more counted placements in the 12 months to the
    day. Long-term cohort: of them, under 16 and looked after for 2.5 years; stable: of the
    cohort, in the same placement for 2 years (or placed for adoption, counting the placement
    before it).
    """
    params = {
        "as_of": as_of,
        "year_start": minus_months(as_of, 12),
        "born_after": latest_birth_reaching(16 * 12, as_of=as_of),
        "in_care_since": minus_months(as_of, 30),
    }
    stable_before = minus_months(as_of, 24)
    looked_after, three, cohort, stable = [], [], [], []
    with connection.cursor() as cursor:
        cursor.execute(_statement(), params)
        for person_id, placements, in_cohort, since in cursor.fetchall():
            looked_after.append(person_id)
            if placements >= 3:
                three.append(person_id)
            if in_cohort:
                cohort.append(person_id)
                if since is not None and _as_date(since) <= stable_before:
                    stable.append(person_id)
    return Stability(looked_after, three, cohort, stable)


def _as_date(value) -> date:
    # SQLite hands back dates computed in a statement as text.
    return value if isinstance(value, date) else date.fromisoformat(value)
