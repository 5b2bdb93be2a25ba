from __future__ import annotations

import itertools
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st
from pydantic import ValidationError

from casereview.errors import CaseReviewError
from casereview.findings import Provenance, Severity, Validation
from casereview.under1roof import Panel, PanelMember, counted_members, validate_panel
from tests.under1roof._builders import chair, member, panel

FACTS = (True, False, None)


def fields(result: Validation) -> dict[str, set[str]]:
    """Field -> codes of the findings on it."""
    out: dict[str, set[str]] = {}
    for finding in result.findings:
        out.setdefault(finding.field or "", set()).add(finding.code)
    return out


def test_the_baseline_panel_is_valid_with_no_findings() -> None:
    assert validate_panel(panel()).findings == ()


def test_an_empty_draft_panel_is_refused_once_per_role() -> None:
    result = validate_panel(Panel())
    assert [(f.field, f.code) for f in result.findings] == [
        ("chair", "under1roof.panel.chair-identified"),
        ("members", "under1roof.panel.two-independent-members"),
        ("scribe", "under1roof.panel.scribe-nominated"),
    ]
    assert all(f.severity is Severity.ERROR for f in result.findings)


# --- the chair -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("change", "field", "code"),
    [
        (
            {"involved_in_care": True},
            "chair.involved_in_care",
            "under1roof.panel.chair-not-involved",
        ),
        ({"independent": False}, "chair.independent", "under1roof.panel.chair-independent"),
        ({"experienced": False}, "chair.experienced", "under1roof.panel.chair-experienced"),
        ({"facilitator": False}, "chair.facilitator", "under1roof.panel.chair-facilitator"),
        ({"involved_in_care": None}, "chair.involved_in_care", "under1roof.panel.chair-unrecorded"),
        ({"experienced": None}, "chair.experienced", "under1roof.panel.chair-unrecorded"),
        ({"facilitator": None}, "chair.facilitator", "under1roof.panel.chair-unrecorded"),
    ],
)
def test_each_chair_requirement(change: dict[str, bool | None], field: str, code: str) -> None:
    result = validate_panel(panel(chair=chair(**change)))
    assert not result.ok
    assert [(f.field, f.code) for f in result.findings] == [(field, code)]


def test_chair_independence_unrecorded_is_not_a_finding() -> None:
    # "independently chair" is defined by the parenthesis: not involved in the person's care.
    assert validate_panel(panel(chair=chair(independent=None))).findings == ()


def test_each_chair_shortfall_is_its_own_finding() -> None:
    bad = chair(involved_in_care=True, experienced=False, facilitator=False)
    result = validate_panel(panel(chair=bad))
    assert [f.field for f in result.findings] == [
        "chair.involved_in_care",
        "chair.experienced",
        "chair.facilitator",
    ]


def test_unrecorded_chair_facts_are_reported_apart_from_failed_ones() -> None:
    failed = validate_panel(panel(chair=chair(facilitator=False))).findings[0]
    unknown = validate_panel(panel(chair=chair(facilitator=None))).findings[0]
    assert failed.field == unknown.field == "chair.facilitator"
    assert failed.code != unknown.code
    assert "not recorded" in unknown.message


@pytest.mark.parametrize(
    ("involved", "independent", "experienced", "facilitator"),
    list(itertools.product(FACTS, repeat=4)),
)
def test_every_combination_of_chair_facts(
    involved: bool | None,
    independent: bool | None,
    experienced: bool | None,
    facilitator: bool | None,
) -> None:
    the_chair = chair(
        involved_in_care=involved,
        independent=independent,
        experienced=experienced,
        facilitator=facilitator,
    )
    result = validate_panel(panel(chair=the_chair))
    eligible = (
        involved is False
        and experienced is True
        and facilitator is True
        and independent is not False
    )
    assert result.ok is eligible
    assert all(f.field and f.field.startswith("chair.") for f in result.findings)


# --- the other members ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("change", "field", "code"),
    [
        (
            {"involved_in_care": True},
            "members[1].involved_in_care",
            "under1roof.panel.member-independent",
        ),
        ({"independent": False}, "members[1].independent", "under1roof.panel.member-independent"),
        ({"experienced": False}, "members[1].experienced", "under1roof.panel.member-experienced"),
        ({"independent": None}, "members[1].independent", "under1roof.panel.member-unrecorded"),
        ({"experienced": None}, "members[1].experienced", "under1roof.panel.member-unrecorded"),
    ],
)
def test_each_member_requirement(change: dict[str, bool | None], field: str, code: str) -> None:
    result = validate_panel(panel(members=(member("Bo Li"), member("Cy Ode", **change))))
    assert fields(result) == {
        field: {code},
        "members": {"under1roof.panel.two-independent-members"},
    }
    # The member's shortfall explains; the count is what fails.
    by_field = {f.field: f for f in result.findings}
    assert by_field[field].severity is Severity.WARNING
    assert by_field["members"].severity is Severity.ERROR
    assert "1 counted (Bo Li)" in by_field["members"].message


def test_involved_in_care_unrecorded_does_not_stop_an_independent_member_counting() -> None:
    members = (member("Bo Li", involved_in_care=None), member("Cy Ode", involved_in_care=None))
    assert validate_panel(panel(members=members)).findings == ()


def test_a_member_involved_in_care_is_not_independent_whatever_the_flag_says() -> None:
    involved = member("Cy Ode", involved_in_care=True, independent=True)
    assert counted_members(panel(members=(member("Bo Li"), involved))) == (member("Bo Li"),)


def test_a_member_involved_in_care_is_not_also_reported_as_unrecorded() -> None:
    involved = member("Cy Ode", involved_in_care=True, independent=None)
    result = validate_panel(panel(members=(member("Bo Li"), involved)))
    assert "members[1].independent" not in fields(result)


@pytest.mark.parametrize(
    ("involved", "independent", "experienced", "facilitator"),
    list(itertools.product(FACTS, repeat=4)),
)
def test_every_combination_of_member_facts(
    involved: bool | None,
    independent: bool | None,
    experienced: bool | None,
    facilitator: bool | None,
) -> None:
    candidate = member(
        "Cy Ode",
        involved_in_care=involved,
        independent=independent,
        experienced=experienced,
        facilitator=facilitator,
    )
    result = validate_panel(panel(members=(member("Bo Li"), candidate)))
    counts = independent is True and experienced is True and involved is not True
    assert result.ok is counts
    assert (candidate in counted_members(panel(members=(member("Bo Li"), candidate)))) is counts


def test_fewer_than_two_members() -> None:
    for members in ((), (member("Bo Li"),)):
        result = validate_panel(panel(members=members))
        assert [(f.field, f.code) for f in result.findings] == [
            ("members", "under1roof.panel.two-independent-members")
        ]


def test_a_member_who_does_not_count_does_not_spoil_a_panel_that_has_two() -> None:
    stakeholder = member("Eve Tan", involved_in_care=True, independent=False)
    result = validate_panel(panel(members=(member("Bo Li"), stakeholder, member("Cy Ode"))))
    assert result.ok
    assert [f.field for f in result.findings] == [
        "members[1].involved_in_care",
        "members[1].independent",
    ]


# --- one person counts once ----------------------------------------------------------------------


def test_the_chair_listed_as_a_member_does_not_count() -> None:
    result = validate_panel(panel(members=(member("Bo Li"), member(" ann  NG "))))
    assert fields(result) == {
        "members[1].name": {"under1roof.panel.distinct-people"},
        "members": {"under1roof.panel.two-independent-members"},
    }


def test_a_person_named_twice_counts_once() -> None:
    result = validate_panel(panel(members=(member("Bo Li"), member("BO   li"))))
    assert fields(result) == {
        "members[1].name": {"under1roof.panel.distinct-people"},
        "members": {"under1roof.panel.two-independent-members"},
    }
    assert "members[0]" in result.findings[0].message


def test_distinct_people_findings_are_warnings_beside_the_count_error() -> None:
    result = validate_panel(panel(members=(member("Bo Li"), member("bo li"), member("Cy Ode"))))
    assert result.ok
    assert [(f.code, f.severity) for f in result.findings] == [
        ("under1roof.panel.distinct-people", Severity.WARNING)
    ]


# --- the scribe ----------------------------------------------------------------------------------


def test_no_scribe() -> None:
    result = validate_panel(panel(scribe=None))
    assert [(f.field, f.code) for f in result.findings] == [
        ("scribe", "under1roof.panel.scribe-nominated")
    ]


# The scribe as a separate person is our reading (inferred): it warns, it never fails a panel.
# (Contract changed in issue 15: the chair as scribe used to be an error, and a member who is the
# scribe used to make the count of two fall short as an error.)


def test_the_chair_as_scribe_is_a_warning() -> None:
    result = validate_panel(panel(scribe="ann ng"))
    assert [(f.field, f.code, f.severity) for f in result.findings] == [
        ("scribe", "under1roof.panel.scribe-separate", Severity.WARNING)
    ]
    assert result.ok
    assert validate_panel(panel(scribe="ann ng"), scribe_may_double=True).findings == ()


def test_a_member_who_is_the_scribe_is_not_counted_but_the_panel_does_not_fail() -> None:
    result = validate_panel(panel(scribe="Cy Ode"))
    assert fields(result) == {
        "members[1].name": {"under1roof.panel.scribe-separate"},
        "members": {"under1roof.panel.scribe-separate"},
    }
    assert all(f.severity is Severity.WARNING for f in result.findings)
    assert result.ok
    assert [m.name for m in counted_members(panel(scribe="Cy Ode"))] == ["Bo Li"]
    assert validate_panel(panel(scribe="Cy Ode"), scribe_may_double=True).findings == ()


def test_a_stated_shortfall_stays_an_error_when_the_scribe_is_also_a_member() -> None:
    # Only one other qualifying person at all: the seed's own words fail the panel.
    short = panel(members=(member("Cy Ode"), member("Eve Tan", independent=False)), scribe="Cy Ode")
    result = validate_panel(short)
    assert "under1roof.panel.two-independent-members" in {f.code for f in result.errors}
    assert not result.ok
    assert not validate_panel(short, scribe_may_double=True).ok


def test_no_error_rests_on_an_inferred_rule() -> None:
    """Every error a panel can get cites a stated rule (checked over every fact combination)."""
    for scribe in ("Ann Ng", "Bo Li", "Cy Ode", "Di Roe", None):
        for facts in itertools.product(FACTS, repeat=3):
            involved, independent, experienced = facts
            cy = member("Cy Ode", involved_in_care=involved, independent=independent)
            cy = cy.model_copy(update={"experienced": experienced})
            result = validate_panel(panel(members=(member("Bo Li"), cy), scribe=scribe))
            for finding in result.errors:
                assert finding.citation is not None
                assert finding.citation.provenance is Provenance.STATED, finding.code


@pytest.mark.parametrize("bad", ["no", "False", 0, 1, None, "yes"])
@pytest.mark.parametrize("function", [validate_panel, counted_members])
def test_scribe_may_double_is_exactly_true_or_false(function: Any, bad: object) -> None:
    with pytest.raises(CaseReviewError) as caught:
        function(panel(), scribe_may_double=bad)
    assert caught.value.field == "scribe_may_double"
    assert str(caught.value).startswith("scribe_may_double: expected True or False")


def test_scribe_may_double_takes_numpy_bools() -> None:
    numpy = pytest.importorskip("numpy")
    assert (
        validate_panel(panel(scribe="Cy Ode"), scribe_may_double=numpy.bool_(True)).findings == ()
    )


# --- properties ----------------------------------------------------------------------------------

NAMES = ("Ann Ng", "Bo Li", "Cy Ode", "Di Roe", "Eve Tan", "Fay Wu", "Gus Hale", "Hui Ma")
facts = st.sampled_from(FACTS)


@st.composite
def spelling_of(draw: st.DrawFn, name: str) -> str:
    """The same name with its case and white space changed."""
    words = [
        "".join(c.upper() if draw(st.booleans()) else c.lower() for c in word)
        for word in name.split()
    ]
    gaps = [" " * draw(st.integers(1, 3)) for _ in words[1:]]
    inner = words[0] + "".join(gap + word for gap, word in zip(gaps, words[1:], strict=True))
    return " " * draw(st.integers(0, 2)) + inner + " " * draw(st.integers(0, 2))


@st.composite
def any_member(draw: st.DrawFn, names: tuple[str, ...] = NAMES) -> PanelMember:
    return PanelMember(
        name=draw(st.sampled_from(names).flatmap(spelling_of)),
        involved_in_care=draw(facts),
        independent=draw(facts),
        experienced=draw(facts),
        facilitator=draw(facts),
    )


@st.composite
def any_panel(draw: st.DrawFn) -> Panel:
    return Panel(
        chair=draw(st.none() | any_member()),
        members=tuple(draw(st.lists(any_member(), max_size=5))),
        scribe=draw(st.none() | st.sampled_from(NAMES).flatmap(spelling_of)),
    )


@st.composite
def valid_panel(draw: st.DrawFn) -> Panel:
    chair_name, scribe, *others = draw(st.permutations(NAMES))
    n = draw(st.integers(2, len(others)))
    members = [
        PanelMember(
            name=draw(spelling_of(name)),
            involved_in_care=draw(st.sampled_from((False, None))),
            independent=True,
            experienced=True,
            facilitator=draw(facts),
        )
        for name in others[:n]
    ]
    # Others who sit in: anyone but the counted members (a counted person listed again with
    # other facts would be a contradiction; the first listing is the one assessed).
    extras = draw(st.lists(any_member((chair_name, scribe, *others[n:])), max_size=3))
    order = draw(st.permutations(members + extras))
    return Panel(
        chair=PanelMember(
            name=draw(spelling_of(chair_name)),
            involved_in_care=False,
            independent=draw(st.sampled_from((True, None))),
            experienced=True,
            facilitator=True,
        ),
        members=tuple(order),
        scribe=draw(spelling_of(scribe)),
    )


def qualifying(name: str) -> PanelMember:
    return PanelMember(name=name, involved_in_care=False, independent=True, experienced=True)


@given(valid_panel())
def test_generated_valid_panels_are_valid(p: Panel) -> None:
    assert validate_panel(p).ok
    assert len(counted_members(p)) >= 2


# The newcomer may be a new name, or a spelling of someone already there (the chair, the scribe,
# a counted member, someone who sits in uncounted), inserted anywhere: the count never drops.
newcomer_name = st.sampled_from((*NAMES, "Zed Newcomer")).flatmap(spelling_of)


@given(valid_panel(), st.integers(0, 10), newcomer_name)
def test_adding_a_qualifying_independent_member_keeps_a_valid_panel_valid(
    p: Panel, at: int, name: str
) -> None:
    members = list(p.members)
    members.insert(min(at, len(members)), qualifying(name))
    assert validate_panel(p.model_copy(update={"members": tuple(members)})).ok


@given(any_panel(), st.integers(0, 10), newcomer_name)
def test_adding_a_qualifying_independent_member_never_adds_an_error(
    p: Panel, at: int, name: str
) -> None:
    before = {(f.code, f.field) for f in validate_panel(p).errors}
    members = list(p.members)
    members.insert(min(at, len(members)), qualifying(name))
    grown = p.model_copy(update={"members": tuple(members)})
    after = {(f.code, f.field) for f in validate_panel(grown).errors}
    assert after <= before
    assert len(counted_members(grown)) >= len(counted_members(p))


@given(any_panel().filter(lambda p: bool(p.members)), st.data())
def test_spelling_variants_of_one_person_never_count_as_two(p: Panel, data: st.DataObject) -> None:
    again = data.draw(st.sampled_from(p.members))
    variant = again.model_copy(update={"name": data.draw(spelling_of(again.name))})
    grown = p.model_copy(update={"members": (*p.members, variant)})
    assert counted_members(grown) == counted_members(p)
    assert validate_panel(grown).ok is validate_panel(p).ok


@given(st.sampled_from(NAMES).flatmap(lambda n: st.lists(spelling_of(n), min_size=1, max_size=6)))
def test_one_person_under_many_spellings_counts_once(spellings: list[str]) -> None:
    p = Panel(members=tuple(qualifying(s) for s in spellings))
    assert len(counted_members(p)) == 1


def test_a_panel_may_be_given_as_a_mapping() -> None:
    assert validate_panel(panel().model_dump()) == validate_panel(panel())
    assert counted_members({"members": [{"name": "Bo", "independent": True, "experienced": True}]})


def test_anything_else_is_refused_naming_the_panel() -> None:
    with pytest.raises(CaseReviewError) as caught:
        validate_panel(["Ann Ng", "Bo Li"])  # type: ignore[arg-type]
    assert caught.value.field == "panel"


@pytest.mark.parametrize(
    ("update", "field"),
    [
        ({"members": [{"name": "Bo", "independent": "perhaps"}]}, "members.0.independent"),
        ({"scribe": 3}, "scribe"),
        ({"chair": chair().model_copy(update={"name": "  "})}, "chair.name"),
    ],
)
def test_a_panel_changed_without_validation_is_validated_again(
    update: dict[str, Any], field: str
) -> None:
    # model_copy(update=...) skips validation: the bad part is refused, naming it, not met as
    # an AttributeError deep inside a rule (or, for an empty scribe, silently taken as nominated).
    unchecked = panel().model_copy(update=update)
    for function in (validate_panel, counted_members):
        with pytest.raises(ValidationError) as caught:
            function(unchecked)
        assert field in str(caught.value)


def test_a_panel_changed_without_validation_but_well_formed_is_checked() -> None:
    grown = panel().model_copy(
        update={"members": [{"name": "Eve Tan", "independent": True, "experienced": True}]}
    )
    assert [m.name for m in counted_members(grown)] == ["Eve Tan"]
    assert validate_panel(grown).codes == {"under1roof.panel.two-independent-members"}


@pytest.mark.parametrize("scribe", ["Ann Ng", "Cy Ode"], ids=["chair", "member"])
def test_a_scribe_doubling_finding_says_it_is_inferred(scribe: str) -> None:
    (finding,) = validate_panel(panel(scribe=scribe)).findings[:1]
    assert finding.code == "under1roof.panel.scribe-separate"
    assert finding.citation is not None
    assert finding.citation.provenance is Provenance.INFERRED
    # The message a person reads must not present the reading as the seed's.
    assert "inferred" in finding.message


@pytest.mark.parametrize("blank", ["", "   ", None, float("nan")])
def test_a_blank_scribe_is_a_missing_scribe_reported_as_a_finding(blank: object) -> None:
    # The input policy: a form's empty box is a draft with that part missing, not a refusal.
    draft = panel(scribe=blank)
    assert draft.scribe is None
    assert "under1roof.panel.scribe-nominated" in validate_panel(draft).codes
