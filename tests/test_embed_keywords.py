"""The session 39 measurement's own parts, on made-up text (no model, no outside data)."""

from __future__ import annotations

from evaluation.embed_keywords import Case, _pooled_without_first, auc, threshold, units


def test_a_resume_is_cut_into_lines_and_clauses():
    cut = units("Skills\n• Forklift, OSHA 10; First Aid\nLed a team of 5. Trained staff.\n")
    assert cut["line"] == [
        "Skills",
        "• Forklift, OSHA 10; First Aid",
        "Led a team of 5. Trained staff.",
    ]
    assert "Forklift" in cut["clause"] and "First Aid" in cut["clause"]
    assert "Led a team of 5" in cut["clause"] and "Trained staff" in cut["clause"]
    assert "• Forklift, OSHA 10; First Aid" not in cut["clause"]


def test_auc_counts_pairs_and_ties():
    assert auc([3.0, 2.0], [1.0, 0.0]) == 1.0
    assert auc([1.0], [1.0]) == 0.5
    assert auc([0.0], [1.0, 2.0]) == 0.0


def _case(split, kind, shown, value):
    return Case("ad", split, "r.pdf", ["x"], shown, kind, scores={"k": (value, "")})


def test_thresholds_are_read_from_the_tune_split_only():
    cases = [
        _case("tune", "missing", True, 0.9),
        _case("tune", "other words", True, 0.8),
        _case("tune", "missing", False, 0.7),
        _case("tune", "missing", False, 0.5),
        _case("heldout", "missing", False, 0.99),  # not read
    ]
    two_to_one, over_every = threshold(cases, "k")
    assert two_to_one == 0.8  # 2 shown to 0 not shown at 0.8; at lower, no shown value is left
    assert 0.7 < over_every < 0.8


class _Made:
    width = 2

    def __init__(self, rows):
        self._hidden = [rows]


def test_pooling_without_the_first_token_leaves_a_one_token_text_whole():
    made = _Made([9.0, 9.0, 1.0, 3.0, 5.0, 7.0])  # text 1: two tokens; text 2: one token
    assert _pooled_without_first(made, [2, 1]) == [[1.0, 3.0], [5.0, 7.0]]


class _Vocab:
    @staticmethod
    def llama_vocab_bos(vocab):
        return 1


class _Tokens:
    llama, vocab = _Vocab(), None

    def tokenize(self, text):
        return [5, 6]

    def _pooled(self, lengths):
        return "mean"


def test_sink_pooling_puts_a_bos_first_and_mean_pooling_is_left_alone():
    from evaluation.embed_keywords import pooled

    sink = pooled(_Tokens(), "sink")
    assert sink.tokenize("any text") == [1, 5, 6]
    assert sink._pooled.__func__ is _pooled_without_first
    nobos = pooled(_Tokens(), "nobos")
    assert nobos.tokenize("any text") == [5, 6]
    assert nobos._pooled.__func__ is _pooled_without_first
    mean = pooled(_Tokens(), "mean")
    assert mean.tokenize("any text") == [5, 6] and mean._pooled([2]) == "mean"


def test_the_pooling_measurement_never_writes_the_shipped_models(monkeypatch, tmp_path):
    from assistant.engine.llama import LlamaBackend
    from evaluation.embed_pooling import use_pool
    from training import train_relevance, train_tone

    for module, names in (
        (train_tone, ("embeddings", "LEXICAL_OOF", "data_path", "ROOT")),
        (train_relevance, ("CACHE", "data_path")),
        (LlamaBackend, ("_load_embedder",)),
    ):
        for name in names:  # put back after the test
            monkeypatch.setattr(module, name, getattr(module, name))
    use_pool("sink", tmp_path, "tone")
    for module in (train_tone, train_relevance):
        assert module.data_path("tone_model.json").parent == tmp_path
    assert train_relevance.CACHE.parent == tmp_path and train_tone.LEXICAL_OOF.parent == tmp_path
