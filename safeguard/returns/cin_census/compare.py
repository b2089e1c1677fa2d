"""Compare two CIN census returns child by child (what an equivalent return must keep)."""

from safeguard.returns.cin_census.table import CinReturn


def canonical(r: CinReturn, *, keep_expected_when_born: bool = True) -> dict:
    """Return {LAchildID: identifiers, characteristics and every episode's items}, sorted.

    Items the records do not hold (FormerUPN, InitialCPCtarget, AssessmentInternalReviewDate,
    a DateOfInitialCPC on CINdetails) are left out; see docs/returns.md.
    """
    ch, cin = r.children, r.cin
    out = {}
    cin_of = r.children_of(cin)
    dis_of = r.children_of(r.disabilities)
    a_of = r.rows_by(r.assessments, "cin", len(cin))
    f_of = r.rows_by(r.factors, "assessment", len(r.assessments))
    p_of = r.rows_by(r.cin_plans, "cin", len(cin))
    s_of = r.rows_by(r.section_47s, "cin", len(cin))
    cp_of = r.rows_by(r.protection_plans, "cin", len(cin))
    v_of = r.rows_by(r.reviews, "plan", len(r.protection_plans))
    for c in range(len(ch)):
        expected = ch.expected_birth_date[c]
        if ch.birth_date[c] and not keep_expected_when_born:
            expected = None
        episodes = []
        for e in cin_of[c]:
            a, s, p, cp = r.assessments, r.section_47s, r.cin_plans, r.protection_plans
            episodes.append(
                (
                    cin.referral_date[e],
                    cin.referral_source[e],
                    cin.primary_need[e],
                    cin.closure_date[e],
                    cin.closure_reason[e],
                    bool(cin.referral_nfa[e]),
                    sorted(
                        (
                            a.start_date[i],
                            a.authorisation_date[i],
                            tuple(sorted(r.factors.code[f] for f in f_of[i])),
                        )
                        for i in a_of[e]
                    ),
                    sorted((p.start_date[i], p.end_date[i]) for i in p_of[e]),
                    sorted(
                        (s.start_date[i], s.icpc_date[i], bool(s.icpc_not_required[i]))
                        for i in s_of[e]
                    ),
                    sorted(
                        (
                            cp.start_date[i],
                            cp.end_date[i],
                            cp.initial_category[i],
                            cp.latest_category[i],
                            cp.previous_plans[i],
                            tuple(sorted(r.reviews.review_date[v] for v in v_of[i])),
                        )
                        for i in cp_of[e]
                    ),
                )
            )
        out[ch.la_child_id[c]] = (
            ch.upn[c],
            ch.upn_unknown[c],
            ch.birth_date[c],
            expected,
            ch.sex[c],
            ch.death_date[c],
            ch.ethnicity[c],
            tuple(sorted(r.disabilities.code[d] for d in dis_of[c])),
            sorted(episodes),
        )
    return out
