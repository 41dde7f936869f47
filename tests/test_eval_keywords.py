"""The keyword eval's judging, on made-up labels (no outside data needed)."""

from __future__ import annotations

from evaluation.eval_keywords import judge


def _label(asks):
    return {"label": "made_up", "resume": "made_up.pdf", "asks": asks, "also": []}


def test_a_matched_term_the_label_says_the_resume_lacks_is_wrongly_shown():
    label = _label(
        [
            {"any": ["Kotlin"], "kind": "tool", "shown": False},
            {"any": ["SQL"], "kind": "tool", "shown": True},
        ]
    )
    t = judge(label, matched=["Kotlin", "SQL"], missing=[], other=[])
    assert (t.wrongly_shown, t.shown_judged) == (1, 2)
    assert t.wrongly == ["made_up (made_up.pdf): Kotlin"]  # -v says which resume


def test_an_or_matched_through_a_shown_name_is_not_wrongly_shown():
    label = _label(
        [
            {"any": ["Kotlin"], "kind": "tool", "shown": False},
            {"any": ["Java"], "kind": "tool", "shown": True},
        ]
    )
    t = judge(label, matched=["Kotlin or Java"], missing=[], other=[])
    assert t.wrongly_shown == 0 and t.shown_judged == 1


def test_a_term_worded_differently_is_not_missing_and_its_cost_is_counted():
    label = _label(
        [
            {"any": ["disaster preparedness"], "kind": "skill", "shown": True},
            {"any": ["unit testing"], "kind": "skill", "shown": False},
            {"any": ["Kotlin"], "kind": "tool"},
        ]
    )
    t = judge(
        label,
        matched=[],
        missing=[],
        other=[],
        reworded=["Disaster Preparedness", "Unit testing", "Kotlin"],
    )
    assert (t.wrong_missing, t.missing_judged) == (0, 0)  # neither matched nor missing
    assert (t.wrongly_shown, t.shown_judged) == (0, 0)
    assert (t.reworded, t.reworded_judged, t.reworded_not_shown) == (3, 2, 1)
    assert t.found == 3 and t.junk == 0  # listed: it counts for recall, and is no junk
    assert "made_up (made_up.pdf): Unit testing [NOT shown]" in t.reworded_list


def test_an_or_sharing_its_last_word_is_read_with_it_unless_a_part_is_that_word():
    """ "carpenter or cabinetmaker apprenticeship" names "carpenter apprenticeship";
    "engineering or Data engineering" names "engineering" (no "engineering engineering")."""
    from evaluation.eval_keywords import names_exactly

    assert names_exactly("carpenter or cabinetmaker apprenticeship", ["carpenter apprenticeship"])
    assert not names_exactly("carpenter or cabinetmaker apprenticeship", ["carpenter"])
    assert names_exactly("engineering or Data engineering", ["Engineering"])
    assert names_exactly("engineering or Data engineering", ["data engineering"])


def test_a_term_naming_a_field_of_a_degree_ask_is_not_judged_as_the_degree():
    """The degree's `shown` says the resume meets it (any bachelor's degree), not that it shows
    "engineering": a skill listed as missing is judged against the terms' requirements only."""
    label = _label(
        [
            {
                "any": ["Engineering", "Computer Science", "bachelor's degree"],
                "kind": "degree",
                "shown": True,
            },
            {"any": ["engineering"], "kind": "skill", "shown": True},
        ]
    )
    t = judge(label, matched=[], missing=["engineering"], other=[("degree", "BS")])
    assert (t.wrong_missing, t.missing_judged) == (1, 1)  # the skill's requirement, once
    label["asks"].pop()
    t = judge(label, matched=[], missing=["engineering"], other=[("degree", "BS")])
    assert (t.wrong_missing, t.missing_judged) == (0, 0)
    assert t.junk == 0 and t.other_found == 1  # it still names the degree: no junk
