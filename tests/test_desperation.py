"""soften's sentence-level desperation judge: the lexical engine, the embedding engine (on the fake
backend's vectors and on the real SmolLM2), the draft score, and the shipped weights."""

from __future__ import annotations

import functools
import json

import pytest

from assistant.analysis.desperation import (
    EmbeddingJudge,
    LexicalJudge,
    LinearModel,
    cues_in,
    draft_score,
    feature_defs,
    feature_names,
    judge_draft,
    judge_for,
    lexical_features,
    reason_code,
    tone_model,
)
from assistant.analysis.tone import signal_defs
from assistant.engine.fake import FakeBackend
from assistant.paths import data_path

# Sentences written for these tests, in none of the training files.
DESPERATE = [
    "I'll honestly take whatever you've got, any hours at all.",
    "Please, I am begging you to give me one more chance.",
    "It has been three weeks and still no reply to my emails.",
    "Could you let me know by tonight?",
    "I'm absolutely devastated and can't sleep.",
    "I promise I will never let you down.",
]
CALM = [
    "Thank you for letting me know about the decision.",
    "I would be grateful for any feedback you could share.",
    "You mentioned a decision by the 12th; is that still the plan?",
    "I have just completed my first aid certificate.",
    "I hope the new colleague settles in well.",
    "I would be glad to hear about future openings.",
]


def test_the_shipped_model_matches_the_features():
    model = tone_model()
    assert model.lexical.features == feature_names()
    assert len(model.lexical.lexical_weights) == len(feature_names())
    assert 0 < model.lexical.threshold < 1
    for m in model.embedding:
        assert m.size == len(m.mean) == len(m.scale) == len(m.weights)
        assert m.features == feature_names()


def test_every_feature_signal_is_a_tone_code():
    codes = {d.code for d in signal_defs()}
    assert {d.signal for d in feature_defs() if d.signal} <= codes
    assert len(lexical_features("Any update??")) == len(feature_names())


def test_the_lexical_judge_separates_unseen_sentences():
    judge = judge_for(None)
    assert isinstance(judge, LexicalJudge)
    desperate = judge.probabilities(DESPERATE)
    calm = judge.probabilities(CALM)
    assert min(desperate) > max(calm), (desperate, calm)
    assert sum(p >= judge.threshold for p in desperate) >= 5
    assert not any(p >= judge.threshold for p in calm)


def test_a_draft_is_judged_sentence_by_sentence_and_scored():
    text = (
        "Hi Sam,\n\nThank you for letting me know about the decision. "
        "Please, I am begging you to give me one more chance.\n\nBest,\nAlex"
    )
    judgement = judge_draft(text)
    assert [s.text for s in judgement.flagged] == [
        "Please, I am begging you to give me one more chance."
    ]
    flagged = judgement.flagged[0]
    assert text[flagged.start : flagged.end] == flagged.text
    assert judgement.score >= 50 and judgement.level == "desperate"
    calm = judge_draft("Hi Sam,\n\nThank you for letting me know about the decision.\n\nAlex")
    assert not calm.flagged and calm.score < 50 and calm.level != "desperate"


def test_the_context_threshold_applies_only_inside_a_desperate_draft():
    lexical = tone_model().lexical.model_copy(update={"lone_threshold": None})
    judge = LexicalJudge(lexical.model_copy(update={"threshold": 0.6, "context_threshold": 0.4}))
    assert judge.context_threshold == 0.4
    assert judge.flags([0.5, 0.3]) == [False, False]  # a calm draft is untouched
    assert judge.flags([0.7, 0.5, 0.3]) == [True, True, False]
    assert judge.flags([]) == []
    plain = LexicalJudge(lexical.model_copy(update={"threshold": 0.6, "context_threshold": None}))
    assert plain.context_threshold == 0.6 and plain.flags([0.7, 0.5]) == [True, False]
    # a context threshold over the threshold would flag less in a desperate draft: not taken
    high = LexicalJudge(lexical.model_copy(update={"threshold": 0.6, "context_threshold": 0.8}))
    assert high.flags([0.7, 0.65]) == [True, True]


def test_a_lone_borderline_sentence_among_calm_ones_leaves_the_draft_alone():
    lexical = tone_model().lexical
    judge = LexicalJudge(
        lexical.model_copy(
            update={
                "threshold": 0.6,
                "context_threshold": 0.2,
                "lone_threshold": 0.8,
                "quiet_threshold": 0.3,
            }
        )
    )
    assert judge.reads_calm([0.7, 0.25, 0.1]) and judge.flags([0.7, 0.25, 0.1]) == [False] * 3
    assert judge.flags([0.85, 0.25]) == [True, True]  # over the lone threshold
    assert judge.flags([0.7, 0.35, 0.1]) == [True, True, False]  # another sentence not quiet
    assert judge.flags([0.7, 0.65]) == [True, True]  # two over the threshold
    assert judge.flags([0.7]) == [False]
    off = LexicalJudge(judge.model.model_copy(update={"lone_threshold": None}))
    assert off.flags([0.7, 0.25, 0.1]) == [True, True, False]


def test_a_draft_read_calm_as_a_whole_scores_under_desperate():
    lexical = tone_model().lexical
    line, calm_line = "I have been thinking about the role a lot.", "Thank you for the interview."
    p_line, p_calm = LexicalJudge(lexical).probabilities([line, calm_line])
    assert p_calm < p_line
    text = f"Hi Sam,\n\n{calm_line} {line}\n\nAlex"
    update = {"threshold": p_line - 1e-6, "context_threshold": p_calm / 2}
    flagging = LexicalJudge(lexical.model_copy(update={**update, "lone_threshold": None}))
    assert [s.text for s in judge_draft(text, flagging).flagged] == [calm_line, line]
    lone = {"lone_threshold": p_line + 1e-6, "quiet_threshold": (p_calm + p_line) / 2}
    calm = judge_draft(text, LexicalJudge(lexical.model_copy(update={**update, **lone})))
    assert not calm.flagged and calm.score < 50 and calm.level != "desperate"


def test_the_lone_rule_is_chosen_on_drafts_to_weigh_false_alarms_like_misses():
    import numpy as np

    train = _train_tone()
    # twenty calm drafts whose one borderline sentence (0.75) is alone among quiet ones, and
    # twenty desperate drafts: ten with one clear sentence (0.95), ten with a borderline one
    # (0.75) beside a needy one (0.5)
    probs, y, drafts = [], [], []
    for top, other, label in [(0.75, 0.1, 0)] * 20 + [(0.95, 0.1, 1)] * 10 + [(0.75, 0.5, 1)] * 10:
        drafts.append([len(probs), len(probs) + 1])
        probs += [top, other]
        y += [label, 1 if other == 0.5 else 0]
    probs, y = np.array(probs), np.array(y, dtype=float)
    lone, quiet = train.lone_rule("test", probs, y, drafts, 0.7, 0.09)
    assert lone is not None and 0.75 < lone <= 0.95 and 0.1 < quiet <= 0.5
    assert lone == 0.76 and quiet == 0.15  # the lowest of equals
    # where no calm draft is touched (its sentences all under 0.7), leaving a borderline
    # sentence alone only loses: no rule
    untouched = np.where((probs == 0.75) & (y == 0), 0.6, probs)
    assert train.lone_rule("test", untouched, y, drafts, 0.7, 0.09) == (None, None)


def test_a_sentence_flagged_for_its_context_is_marked_so():
    lexical = tone_model().lexical
    border, calm_line = "I have been thinking about the role a lot.", "Thank you for the interview."
    p_border, p_calm = LexicalJudge(lexical).probabilities([border, calm_line])
    assert p_calm < p_border < lexical.threshold
    judge = LexicalJudge(lexical.model_copy(update={"context_threshold": p_border - 1e-6}))
    text = f"Hi Sam,\n\n{calm_line} {border} Please, I am begging you to reply today.\n\nAlex"
    judged = judge_draft(text, judge)
    assert [(s.text, s.context) for s in judged.flagged] == [
        (border, True),
        ("Please, I am begging you to reply today.", False),
    ]
    calm = judge_draft(f"Hi Sam,\n\n{calm_line} {border}\n\nAlex", judge)
    assert not calm.flagged


def test_the_shipped_judges_have_a_lower_context_threshold():
    model = tone_model()
    for m in [model.lexical, *model.embedding]:
        assert m.context_threshold is not None and 0 < m.context_threshold < m.threshold


def test_the_context_threshold_is_the_lowest_within_the_false_alarm_rate():
    import numpy as np

    train = _train_tone()
    calm = np.linspace(0.0, 0.99, 100)  # one calm sentence at each hundredth
    probs = np.concatenate([calm, [0.9, np.nan], [np.nan]])
    y = np.concatenate([np.zeros(100), [1, 1], [0]])
    rate = train.CONTEXT_FALSE_ALARMS
    t = train.context_threshold(probs, y, 0.95)
    assert (calm >= t).mean() <= rate + 1e-9 < (calm >= t - 0.01).mean()
    assert train.context_threshold(probs, y, 0.5) == 0.5  # never over the threshold given


def test_draft_score_orders_drafts():
    assert draft_score([], 0.5) == 0
    assert draft_score([0.1, 0.2], 0.5) < draft_score([0.45], 0.5) < 50
    assert (
        50 <= draft_score([0.6], 0.5) < draft_score([0.6, 0.7], 0.5) < draft_score([0.99] * 5, 0.5)
    )
    assert draft_score([1.0] * 9, 0.5) == 100


def test_the_reason_is_the_strongest_cue_family():
    judge = judge_for(None)
    assert reason_code("Could you let me know by tonight?", judge) == "pressure"
    assert reason_code("I'm absolutely devastated and can't sleep.", judge) == (
        "emotional-disclosure"
    )


def test_acronyms_are_no_shouting_cue():
    assert cues_in("My students' WAEC results improved every year.") == []
    assert "capitals" in cues_in("I NEED THIS JOB.")


def test_a_cue_family_the_sentence_lacks_is_no_reason():
    # features are standardised: with a negative weight, having fewer capitals than usual adds
    # to the score; that is no reason to show a calm-looking sentence as shouting
    lexical = tone_model().lexical
    weights = [
        -3.0 if name == "capitals" else w
        for name, w in zip(lexical.features, lexical.lexical_weights)
    ]
    judge = LexicalJudge(lexical.model_copy(update={"lexical_weights": weights}))
    plain = "I have an offer on the table from another agency."
    assert judge.contributions(plain)["capitals"] > 0  # the absent cue still weighs towards it
    assert reason_code(plain, judge) == "pleading"
    assert reason_code("PLEASE CALL ME BACK TODAY.", judge) != "pleading"


def _embedding_model(size: int, name: str = "fake") -> LinearModel:
    lexical = tone_model().lexical
    return LinearModel(
        **lexical.model_dump(exclude={"model", "size", "mean", "scale", "weights"}),
        model=name,
        size=size,
        mean=[0.0] * size,
        scale=[1.0] * size,
        weights=[0.0] * size,
    )


def test_the_embedding_judge_asks_for_one_batch_and_adds_its_part():
    backend = FakeBackend(embedder=lambda t: [1.0 if "chance" in t else 0.0, 0.5])
    model = _embedding_model(2)
    plain = EmbeddingJudge(model, backend).probabilities(CALM)
    assert backend.embedded == [CALM]  # one batch for all the sentences
    assert plain == pytest.approx(LexicalJudge(tone_model().lexical).probabilities(CALM))
    pushed = model.model_copy(update={"weights": [5.0, 0.0]})
    text = ["I would welcome the chance to apply again."]
    unpushed = EmbeddingJudge(model, backend).probabilities(text)[0]
    assert EmbeddingJudge(pushed, backend).probabilities(text)[0] > unpushed


def test_the_embedding_judge_asks_for_the_layer_its_classifier_was_trained_on():
    backend = FakeBackend(embedder=lambda t: [0.0, 0.5])
    EmbeddingJudge(_embedding_model(2), backend).probabilities(["Thanks."])
    middle = _embedding_model(2).model_copy(update={"layers": 15})
    EmbeddingJudge(middle, backend).probabilities(["Any news?"])
    assert backend.embedded_layers == [None, 15]


def test_the_shipped_classifier_reads_the_middle_of_the_embedded_model():
    (shipped,) = [m for m in tone_model().embedding if m.backend == "llama"]
    assert shipped.model == "SmolLM2-135M-Instruct.Q4_1.gguf" and shipped.layers == 15


def test_the_embedding_judge_refuses_vectors_of_another_size():
    judge = EmbeddingJudge(_embedding_model(3), FakeBackend())
    with pytest.raises(ValueError, match="size"):
        judge.probabilities(["Thanks."])


def test_a_backend_without_a_classifier_gets_the_lexical_judge():
    assert isinstance(judge_for(FakeBackend()), LexicalJudge)  # no classifier for "fake"


def test_the_model_file_is_valid_json_with_provenance():
    data = json.loads(data_path("tone_model.json").read_text())
    assert data["lexical"]["trained_on"]["desperate"] > 150
    assert data["lexical"]["trained_on"]["calm"] > 150


@pytest.mark.model
def test_the_embedding_judge_on_smollm2(embedded_model_path):
    from assistant.engine.llama import LlamaBackend

    judge = judge_for(LlamaBackend(embedded_model_path))
    assert judge.engine == "embedding"
    desperate = judge.probabilities(DESPERATE)
    calm = judge.probabilities(CALM)
    assert sum(p >= judge.threshold for p in desperate) >= 5
    assert sum(p >= judge.threshold for p in calm) <= 1


def _train_tone():
    import importlib.util

    path = data_path("x").parents[2] / "training" / "train_tone.py"
    spec = importlib.util.spec_from_file_location("train_tone", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@functools.lru_cache(maxsize=1)
def _training_rows() -> tuple[tuple[str, int, str], ...]:
    """train_tone's rows (sentence, 1 if desperate, group), read once (the sets take a second)."""
    return tuple(_train_tone().labelled_rows())


def test_training_never_sees_the_held_out_sentences():
    import yaml

    train = _train_tone()
    rows = _training_rows()
    assert sum(r[1] for r in rows) > 250 and sum(1 - r[1] for r in rows) > 250
    root = data_path("x").parents[2]
    labels = root / "evaluation/labels/soften"
    existing = {p.stem for p in labels.glob("*.yaml")}
    assert set(train.TRAINED_SETS) <= existing and "tune" not in train.TRAINED_SETS
    held_rows = []
    for name in sorted(existing - set(train.TRAINED_SETS) - {"tune"}):  # fresh39.yaml, ...
        held = yaml.safe_load((labels / f"{name}.yaml").read_text())
        held_rows += [row for d in held["drafts"] for row in train.draft_sentences(d)]
    group = {" ".join(t.lower().split()): g for t, _, g in rows}
    shared = {(t, label) for t, label in held_rows if " ".join(t.lower().split()) in group}
    # A sentence is in training only as another independent writer wrote it too, or copied it
    # from the brief's example draft (fresh4's and fresh39's first draft), or as a stock
    # courtesy the project's files also hold; never a desperate sentence of the project's own.
    # The desperate ones are reported with the figures (docs/soften.md).
    for text, label in shared:
        if not group[" ".join(text.lower().split())].endswith("-drafts"):
            assert not label and len(text.split()) <= 12, text


def test_training_reads_each_evaluation_set_as_one_writer_and_drops_what_they_label_both_ways(
    tmp_path, monkeypatch
):
    train = _train_tone()
    for name, label in (("setA", "desperate"), ("setB", "calm")):
        sentence = "Please tell me today whether I got it."
        desperate = f"\n    desperate: [{sentence!r}]" if label == "desperate" else ""
        (tmp_path / f"{name}.yaml").write_text(
            "drafts:\n  - id: x\n    text: |\n      Dear Ann,\n\n"
            f"      {sentence} I applied for the {name} clerk role.\n\n      Best,\n      Bo\n"
            f"{desperate}\n",
            encoding="utf-8",
        )
    monkeypatch.setattr(train, "SOFTEN_LABELS", tmp_path)
    base = {text for text, _, _ in train.labelled_rows(())}
    added = {(t, lab, g) for t, lab, g in train.labelled_rows(("setA", "setB")) if t not in base}
    # the sentence labelled desperate by one writer and calm by the other is left out
    assert added == {
        ("I applied for the setA clerk role.", 0, "setA-drafts"),
        ("I applied for the setB clerk role.", 0, "setB-drafts"),
    }
    assert train.writer_of("setA-drafts") == "setA" and train.writer_of("w3-grad-email") == "w3"
    assert train.writer_of("quiet-kinds") == "project"


def test_the_logistic_fit_separates_what_is_separable():
    import numpy as np

    train = _train_tone()
    x = np.array([[0.0, 1.0], [0.2, 0.9], [1.0, 0.1], [0.9, 0.0]])
    y = np.array([0.0, 0.0, 1.0, 1.0])
    w = train.fit_logistic(x, y, np.full(2, 0.1))
    assert train.auc(train.predict(x, w), y) == 1.0
    assert train.auc(np.array([0.1, 0.9]), np.array([1, 0])) == 0.0


def test_the_cascade_embeds_only_the_sentences_the_lexical_model_is_unsure_about():
    lexical = LexicalJudge(tone_model().lexical)
    sure_calm, sure_desperate = "Thank you for the interview.", "I'm begging you, please, please!"
    low = lexical.probabilities([sure_calm])[0] + 1e-6
    high = lexical.probabilities([sure_desperate])[0] - 1e-6
    unsure = [s for s in CALM if low <= lexical.probabilities([s])[0] <= high]
    assert unsure  # something between the two
    model = _embedding_model(2).model_copy(update={"cascade": [low, high], "threshold": 0.4})
    backend = FakeBackend(embedder=lambda t: [0.0, 0.0])
    judge = EmbeddingJudge(model, backend, tone_model().lexical)
    probs = judge.probabilities([sure_calm, sure_desperate])
    assert backend.embedded == []  # nothing unsure: the model is not asked at all
    # the lexical decision kept, on the embedding judge's scale (its own threshold)
    assert probs[0] < judge.threshold <= probs[1]
    judge.probabilities(unsure)
    assert backend.embedded == [unsure] and judge.embedded == len(unsure)


def _fires(name: str, sentence: str) -> bool:
    return lexical_features(sentence)[feature_names().index(name)] > 0


def _examples() -> list[tuple[str, str, bool]]:
    return [
        (d.name, example, flag)
        for d in feature_defs()
        for flag, examples in ((True, d.flag), (False, d.pass_))
        for example in examples
    ]


@pytest.mark.parametrize("name,example,flag", _examples())
def test_every_cue_family_example_is_read_right(name, example, flag):
    """Each family's should-flag sentences fire it; its should-pass ones (where a word of it
    appears without pressing: "Thank you for today's interview") do not."""
    assert _fires(name, example) == flag


def test_the_cue_families_carry_examples():
    assert len([e for e in _examples() if e[2]]) >= 80
    assert len([e for e in _examples() if not e[2]]) >= 50


def test_each_writer_is_held_out_whole_and_only_its_own_registers():
    import numpy as np

    train = _train_tone()
    rows = _training_rows()
    groups = [g for _, _, g in rows]
    writers = train.writer_folds(groups)
    # writer1.yaml to writer6.yaml, and each evaluation set trained on
    assert set(writers) == {f"w{n}" for n in range(1, 7)} | set(train.TRAINED_SETS)
    labels = np.array([label for _, label, _ in rows])
    for writer, mask in writers.items():
        own = f"{writer}-drafts" if writer in train.TRAINED_SETS else f"{writer}-"
        assert {g for g, m in zip(groups, mask) if m} == {g for g in groups if g.startswith(own)}
        assert 0 < labels[mask].sum() < mask.sum()  # desperate and calm sentences both
    # the project's own sentences (and the tune drafts) are never a writer's
    assert train.writer_of("tune") == train.writer_of("formal-academic") == "project"
    assert train.writer_of("w12-text-message") == "w12"


def test_each_register_is_held_out_whole_with_both_labels():
    import numpy as np

    train = _train_tone()
    rows = _training_rows()
    held = train.register_folds([g for _, _, g in rows])
    labels = np.array([label for _, label, _ in rows])
    assert len(held) >= 12
    assert sum(m.sum() for m in held.values()) == np.any(list(held.values()), axis=0).sum()
    for name, mask in held.items():
        assert 0 < labels[mask].sum() < mask.sum(), name  # desperate and calm sentences both
