"""A clean generated authority makes statutory returns the DfE would accept.

The CIN census and SSDA903 built-in rules (which agree with the DfE community validators, see
docs/returns.md) find no ERROR in the 2025/26 returns of a generated authority: the generator
keeps child in need and protection plans apart, closes worked episodes with a fitting reason,
gives UPNs a real LA number and looked-after episodes lawful legal statuses and URNs.
QUERY rules may still fire: the generator leaves some work late on purpose.
"""

from datetime import date

import pytest

from safeguard.returns.cin_census.exporter import cin_return_build
from safeguard.returns.cin_census.rules import rules_for_year, rules_run
from safeguard.returns.cin_census.years import collection_year
from safeguard.returns.ssda903.exporter import ssda903_return_build
from safeguard.returns.ssda903.reader import Return
from safeguard.returns.ssda903.validation import errors, ssda903_validate_return
from safeguard.returns.ssda903.years import year_ending
from safeguard.synthetic.services import authority_generate

AS_OF = date(2026, 3, 31)


@pytest.mark.django_db
@pytest.mark.parametrize("seed", [42, 21, 3])
def test_generated_authority_returns_have_no_error_rules(seed):
    # Given a generated authority of 1,500 children with three years of history
    authority_generate(children=1_500, seed=seed, years=3, as_of=AS_OF)

    # When its 2025/26 CIN census is built and the year's rules run over it
    year = collection_year(2026)
    cin_return = cin_return_build(year=year, created_at="2026-04-01T09:00:00")
    failures = rules_run(cin_return, rules_for_year(2026), year=year)

    # Then the return holds plans of both kinds (so the plan rules were exercised)
    assert len(cin_return.children) > 50
    assert len(cin_return.cin_plans) > 10
    assert len(cin_return.protection_plans) > 2
    # and no ERROR rule fails
    cin_errors = [(f.code, f.la_child_id) for f in failures if f.severity == "ERROR"]
    assert cin_errors == []

    # When its 2025/26 SSDA903 is built and checked
    year_903 = year_ending(2026)
    tables = ssda903_return_build(year=year_903)
    failures_903 = ssda903_validate_return(ret=Return(tables=tables), year=year_903)

    # Then it holds looked-after children and no rule reports an error
    assert len(tables["Episodes"]) > 10
    assert [(f.code, f.file, f.child) for f in errors(failures_903)] == []
