"""Write a CinReturn as the DfE XML, streamed with lxml.etree.xmlfile (never all in memory)."""

from datetime import date
from pathlib import Path

from lxml import etree

from safeguard.returns.cin_census.table import CinReturn


def _text(value) -> str:
    if isinstance(value, bool):
        return "1" if value else "0"
    if isinstance(value, date):
        return value.isoformat()
    return str(value)


def _leaf(xf, name: str, value, *, required: bool = False) -> None:
    if value is None or value == "":
        if not required:
            return
        value = ""
    with xf.element(name):
        xf.write(_text(value))


def cin_return_write(cin_return: CinReturn, out) -> None:
    """Write the return to `out` (a path or a binary file object)."""
    target = str(out) if isinstance(out, Path) else out
    r = cin_return
    children, cin, assessments = r.children, r.cin, r.assessments
    cin_of_child = r.children_of(cin)
    disabilities_of_child = r.children_of(r.disabilities)
    assessments_of = r.rows_by(assessments, "cin", len(cin))
    factors_of = r.rows_by(r.factors, "assessment", len(assessments))
    plans_of = r.rows_by(r.cin_plans, "cin", len(cin))
    s47_of = r.rows_by(r.section_47s, "cin", len(cin))
    cpp_of = r.rows_by(r.protection_plans, "cin", len(cin))
    reviews_of = r.rows_by(r.reviews, "plan", len(r.protection_plans))
    h = r.header
    with etree.xmlfile(target, encoding="utf-8") as xf:
        xf.write_declaration()
        with xf.element("Message"):
            with xf.element("Header"):
                with xf.element("CollectionDetails"):
                    _leaf(xf, "Collection", h.collection)
                    _leaf(xf, "Year", h.year)
                    _leaf(xf, "ReferenceDate", h.reference_date)
                with xf.element("Source"):
                    _leaf(xf, "SourceLevel", "L")
                    _leaf(xf, "LEA", h.lea, required=True)
                    _leaf(xf, "SoftwareCode", h.software_code)
                    _leaf(xf, "Release", h.release)
                    _leaf(xf, "SerialNo", h.serial_no)
                    _leaf(xf, "DateTime", h.datetime)
            with xf.element("Children"):
                for c in range(len(children)):
                    with xf.element("Child"):
                        with xf.element("ChildIdentifiers"):
                            _leaf(xf, "LAchildID", children.la_child_id[c], required=True)
                            _leaf(xf, "UPN", children.upn[c])
                            _leaf(xf, "FormerUPN", children.former_upn[c])
                            _leaf(xf, "UPNunknown", children.upn_unknown[c])
                            _leaf(xf, "PersonBirthDate", children.birth_date[c])
                            _leaf(xf, "ExpectedPersonBirthDate", children.expected_birth_date[c])
                            _leaf(xf, "Sex", children.sex[c], required=True)
                            _leaf(xf, "PersonDeathDate", children.death_date[c])
                        with xf.element("ChildCharacteristics"):
                            _leaf(xf, "Ethnicity", children.ethnicity[c], required=True)
                            codes = disabilities_of_child[c]
                            if codes:
                                with xf.element("Disabilities"):
                                    for d in codes:
                                        _leaf(xf, "Disability", r.disabilities.code[d])
                        for e in cin_of_child[c]:
                            _write_cin(
                                xf,
                                r,
                                e,
                                assessments_of,
                                factors_of,
                                plans_of,
                                s47_of,
                                cpp_of,
                                reviews_of,
                            )
                    xf.flush()


def _write_cin(xf, r, e, assessments_of, factors_of, plans_of, s47_of, cpp_of, reviews_of):
    cin = r.cin
    with xf.element("CINdetails"):
        _leaf(xf, "CINreferralDate", cin.referral_date[e], required=True)
        _leaf(xf, "ReferralSource", cin.referral_source[e], required=True)
        _leaf(xf, "PrimaryNeedCode", cin.primary_need[e])
        _leaf(xf, "CINclosureDate", cin.closure_date[e])
        _leaf(xf, "ReasonForClosure", cin.closure_reason[e])
        _leaf(xf, "DateOfInitialCPC", cin.date_of_initial_cpc[e])
        a = r.assessments
        for i in assessments_of[e]:
            with xf.element("Assessments"):
                _leaf(xf, "AssessmentActualStartDate", a.start_date[i], required=True)
                _leaf(xf, "AssessmentInternalReviewDate", a.internal_review_date[i])
                _leaf(xf, "AssessmentAuthorisationDate", a.authorisation_date[i])
                if factors_of[i]:
                    with xf.element("FactorsIdentifiedAtAssessment"):
                        for f in factors_of[i]:
                            _leaf(xf, "AssessmentFactors", r.factors.code[f])
        p = r.cin_plans
        for i in plans_of[e]:
            with xf.element("CINPlanDates"):
                _leaf(xf, "CINPlanStartDate", p.start_date[i], required=True)
                _leaf(xf, "CINPlanEndDate", p.end_date[i])
        s = r.section_47s
        for i in s47_of[e]:
            with xf.element("Section47"):
                _leaf(xf, "S47ActualStartDate", s.start_date[i], required=True)
                _leaf(xf, "InitialCPCtarget", s.icpc_target[i])
                _leaf(xf, "DateOfInitialCPC", s.icpc_date[i])
                _leaf(xf, "ICPCnotRequired", bool(s.icpc_not_required[i]), required=True)
        _leaf(xf, "ReferralNFA", bool(cin.referral_nfa[e]), required=True)
        cp = r.protection_plans
        for i in cpp_of[e]:
            with xf.element("ChildProtectionPlans"):
                _leaf(xf, "CPPstartDate", cp.start_date[i], required=True)
                _leaf(xf, "CPPendDate", cp.end_date[i])
                _leaf(xf, "InitialCategoryOfAbuse", cp.initial_category[i], required=True)
                _leaf(xf, "LatestCategoryOfAbuse", cp.latest_category[i], required=True)
                _leaf(xf, "NumberOfPreviousCPP", cp.previous_plans[i], required=True)
                if reviews_of[i]:
                    with xf.element("Reviews"):
                        for v in reviews_of[i]:
                            _leaf(xf, "CPPreviewDate", r.reviews.review_date[v])
