"""The generator stages for missing, exploitation and education: realistic rows, and some
that break each rule so the clocks and the off-the-radar report have something to find.

The stages run here after the core and front door stages only, so that this test does not
depend on the other apps' stages."""

from datetime import date, datetime, time

import pytest
from django.db.models import F

from safeguard.compliance.services import clock_context, clock_rows
from safeguard.education.clocks import cme_clocks, ehc_clocks
from safeguard.education.models import CMEEntry, EHCNeedsAssessment
from safeguard.exploitation.clocks import exploitation_clocks
from safeguard.exploitation.models import PanelDiscussion, RiskAssessment, Screening
from safeguard.missing.clocks import return_home_interview_clocks
from safeguard.missing.models import MissingEpisode, RepeatMissingFlag, ReturnHomeInterview
from safeguard.missing.off_the_radar import Reason, off_the_radar_lines
from safeguard.synthetic.context import LONDON, GenerationContext, frozen_now
from safeguard.synthetic.registry import STAGES
from safeguard.synthetic.services import generator_stages

AS_OF = date(2026, 3, 31)


@pytest.mark.django_db
def test_the_stages_generate_realistic_rows_and_some_that_break_each_rule():
    # Given an authority of 2,500 children with three years of front door work
    generator_stages()
    ctx = GenerationContext(seed=11, children=2500, years=3, as_of=AS_OF)
    with frozen_now(ctx.now):
        for name in ("staff", "people", "front_door", "missing", "exploitation", "education"):
            ctx.begin_stage(name)
            STAGES[name].func(ctx)
            ctx.sync_sequences()

    # Then missing episodes come from home and care, with interviews and repeat flags
    episodes = MissingEpisode.objects.count()
    assert episodes > 20
    assert MissingEpisode.objects.filter(missing_from="care", missing_type="A").exists()
    assert not MissingEpisode.objects.filter(
        found_returned_at__lt=F("reported_missing_at")
    ).exists()
    assert episodes * 0.6 < ReturnHomeInterview.objects.count() < episodes
    assert RepeatMissingFlag.objects.exists()
    # and screenings lead to assessments and the panel
    assert Screening.objects.filter(requires_full_assessment=True).exists()
    assert RiskAssessment.objects.filter(completed_on__isnull=False).exists()
    assert PanelDiscussion.objects.exists()
    # and the register closes entries only with an outcome
    assert CMEEntry.objects.filter(closed_on__isnull=False).exclude(outcome="").exists()
    assert not CMEEntry.objects.filter(closed_on__isnull=False, outcome="").exists()
    assert EHCNeedsAssessment.objects.filter(outcome="plan_issued").exists()

    # And every clock the records imply is a valid one for the engine
    specs = [
        *return_home_interview_clocks(None),
        *exploitation_clocks(None),
        *cme_clocks(None),
        *ehc_clocks(None),
    ]
    rows = clock_rows(specs, context=clock_context())
    assert {code for _, code, _ in rows} >= {
        "RHI_OFFER",
        "EXPLOITATION_RISK_ASSESSMENT",
        "CME_FIRST_CHECKS",
        "EHC_NEEDS_ASSESSMENT",
    }
    late_ehc = [
        r
        for (_, code, _), r in rows.items()
        if code == "EHC_NEEDS_ASSESSMENT" and r[4] is not None and r[4] > r[2]
    ]
    assert late_ehc  # some plans issued after 20 weeks

    # And some records break each rule the off-the-radar report watches
    lines = off_the_radar_lines(as_of=datetime.combine(AS_OF, time(18), tzinfo=LONDON))
    assert {Reason.RHI_NOT_OFFERED, Reason.CME_NO_ACTIVITY, Reason.EXPLOITATION_UNASSESSED} <= {
        line.reason for line in lines
    }
