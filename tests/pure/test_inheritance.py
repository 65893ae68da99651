import pytest
from hypothesis import given
from hypothesis import strategies as st

from rules import inheritance

values = st.sampled_from([1, 2, 3, False])


def test_only_differing_fields_are_offered():
    diff = inheritance.rolldown_diff(
        {"term": 2, "cycle": 5, "print": True},
        {"term": 1, "cycle": 5, "print": False},
        {"term": 1, "print": True},
    )
    # The member still had the group's old terms: not overridden. It had
    # switched statements off itself: overridden.
    assert diff == {"term": (1, 2, False), "print": (False, True, True)}


def test_a_difference_in_a_field_the_group_did_not_change_is_an_override():
    assert inheritance.rolldown_diff({"term": 2}, {"term": 7}) == {"term": (7, 2, True)}


@given(values, values, values)
def test_diff_never_offers_what_the_member_already_has(group, member, previous):
    diff = inheritance.rolldown_diff({"f": group}, {"f": member}, {"f": previous})
    assert ("f" in diff) == (group != member)


def test_inheritance_status():
    assert inheritance.inheritance_status("locked", 1, 2) == "locked"
    assert inheritance.inheritance_status("follow", 1, 1) == "inherited"
    assert inheritance.inheritance_status("copy", 1, 2) == "overridden"


@pytest.mark.parametrize("empty_member", [False, None, 0])
@pytest.mark.parametrize("empty_group", [False, None, 0])
def test_inheritance_status_of_a_field_both_leave_empty(empty_member, empty_group):
    # The group hands down nothing for an empty field; the customer reads False.
    assert inheritance.inheritance_status("copy", empty_member, empty_group) == (
        "inherited"
    )
    assert inheritance.inheritance_status("follow", 7, empty_group) == "overridden"


@given(st.sampled_from(["copy", "follow", "locked"]), values, values)
def test_followers(mode, member, previous):
    follows = inheritance.followers_to_update(mode, member, previous)
    if mode == "locked":
        assert follows
    elif mode == "copy":
        assert not follows
    else:
        assert follows == (member == previous)


def test_average_days_late():
    # 100 paid 10 days late, 300 paid 2 days early: (1000 - 600) / 400 = 1 day.
    assert inheritance.average_days_late(400.0, 400.0) == 1.0
    assert inheritance.average_days_late(0.0, 0.0) == 0.0
