"""Sentence embeddings as a backend capability: the fake backend's deterministic vectors, one clear
error where a backend has none, and the real SmolLM2 in embedding mode (batched = one by one)."""

from __future__ import annotations

import math
from collections.abc import Iterator
from pathlib import Path

import pytest

from assistant.engine.base import Backend, ModelInfo
from assistant.engine.fake import FAKE_EMBEDDING_SIZE, FakeBackend
from assistant.errors import ModelError, NoEmbeddingsError


def _cos(a: list[float], b: list[float]) -> float:
    dot = sum(x * y for x, y in zip(a, b))
    norm = math.sqrt(sum(x * x for x in a)) * math.sqrt(sum(y * y for y in b))
    return dot / norm if norm else 0.0


class _TextOnly(Backend):
    name = "text-only"

    def generate(self, messages, options) -> Iterator[str]:
        yield ""

    def info(self) -> ModelInfo:
        return ModelInfo(backend="text-only", name="x")


def test_a_backend_without_embeddings_says_so_in_one_error():
    with pytest.raises(NoEmbeddingsError, match="gives no embeddings"):
        _TextOnly().embed(["Any update?"])
    assert issubclass(NoEmbeddingsError, ModelError)  # shown as one `rebound: error:` line
    with pytest.raises(NoEmbeddingsError):
        FakeBackend(embeddings=False).embed(["Any update?"])


def test_fake_embeddings_are_deterministic_and_batched():
    backend = FakeBackend()
    texts = ["I really need this job.", "Thank you for the update.", ""]
    first = backend.embed(texts)
    assert first == FakeBackend().embed(texts)  # the same on every run and machine
    assert len(first) == 3 and all(len(v) == FAKE_EMBEDDING_SIZE for v in first)
    assert first[2] == [0.0] * FAKE_EMBEDDING_SIZE
    assert backend.embedded == [texts]  # one call, one batch
    assert backend.embed([]) == []


def test_fake_embeddings_are_closer_for_texts_sharing_words():
    a, b, c = FakeBackend().embed(
        ["I really need this job", "I really need this job now", "The warehouse audit is done"]
    )
    assert _cos(a, b) > _cos(a, c)


def test_a_custom_fake_embedder_is_used():
    backend = FakeBackend(embedder=lambda t: [float(len(t)), 1.0])
    assert backend.embed(["ab", "abcd"]) == [[2.0, 1.0], [4.0, 1.0]]


# --- the real model ----------------------------------------------------------------------------


@pytest.mark.model
def test_smollm2_embeddings_batched_match_one_by_one(embedded_model_path):
    from assistant.engine.llama import LlamaBackend

    backend = LlamaBackend(embedded_model_path)
    texts = [
        "I am begging you, please give me another chance.",
        "Please, I really need this job so badly.",
        "Thank you for letting me know about the timeline.",
        "",
    ]
    batched = backend.embed(texts)
    single = [backend.embed([t])[0] for t in texts]
    assert len(batched) == 4 and len({len(v) for v in batched}) == 1 and len(batched[0]) > 100
    for b, s in zip(batched, single):
        assert _cos(b, s) > 0.999  # the batch's sequences do not see each other
    assert _cos(batched[0], batched[2]) < 0.99  # different sentences, different vectors


@pytest.mark.model
def test_smollm2_embeddings_are_those_of_llama_embed(embedded_model_path):
    """The bindings-only embedder gives the vectors `llama_cpp.Llama.embed` gives with the same
    settings (the shipped tone classifier was trained on those): across batches, cut texts and
    non-ASCII text."""
    import llama_cpp

    from assistant.engine.llama import EMBED_TOKENS, LlamaBackend

    backend = LlamaBackend(embedded_model_path, n_threads=1)
    texts = [
        "I am begging you, please give me another chance.",
        "Thank you for letting me know about the timeline.",
        "Any update?",
        "Ünïcödé — naïve café résumé, 😀.",
        "word " * 200,  # longer than the batch: cut to its first EMBED_TOKENS tokens
    ] * 3  # more tokens than one batch holds: decoded in several
    reference = llama_cpp.Llama(
        model_path=embedded_model_path,
        embedding=True,
        pooling_type=llama_cpp.LLAMA_POOLING_TYPE_MEAN,
        n_ctx=EMBED_TOKENS,
        n_batch=EMBED_TOKENS,
        n_ubatch=EMBED_TOKENS,
        n_threads=1,
        n_threads_batch=1,
        verbose=False,
    )
    try:
        expected = reference.embed(texts)
        single = [reference.embed([t])[0] for t in texts[:5]]
    finally:
        reference.close()
    got = backend.embed(texts)
    assert len(got) == len(expected) == 15
    for g, e in zip(got + [backend.embed([t])[0] for t in texts[:5]], expected + single):
        assert len(g) == len(e) == 576
        assert max(abs(a - b) for a, b in zip(g, e)) <= 1e-6 * max(1.0, max(map(abs, e)))


@pytest.mark.model
def test_embeddings_then_the_full_package_then_generation_in_one_process(embedded_model_path):
    """Embeddings load only llama-cpp-python's bindings (not numpy, not the package's __init__);
    a later generation in the same process imports the whole package and writes."""
    import subprocess
    import sys

    script = f"""
import sys
from assistant.engine.llama import LlamaBackend
from assistant.engine.options import GenerateOptions
backend = LlamaBackend({embedded_model_path!r})
vector = backend.embed(["Any update on my application?"])[0]
assert len(vector) == 576, len(vector)
assert "numpy" not in sys.modules and "llama_cpp.llama" not in sys.modules, "heavy imports"
assert "llama_cpp" not in sys.modules, "the stand-in package was left behind"
import llama_cpp
assert llama_cpp.Llama and llama_cpp.llama_cpp is sys.modules["llama_cpp.llama_cpp"]
options = GenerateOptions(max_tokens=8, temperature=0.0)
text = "".join(backend.generate([{{"role": "user", "content": "Say hello."}}], options))
assert text.strip(), repr(text)
assert backend.embed(["Any update on my application?"])[0] == vector
print("ok")
"""
    done = subprocess.run(
        [sys.executable, "-c", script],
        capture_output=True,
        text=True,
        timeout=120,
        cwd=Path(__file__).resolve().parent.parent,
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "ok" and done.stderr == ""


@pytest.mark.model
def test_a_model_llama_cpp_cannot_load_is_one_error_for_embeddings(
    tmp_path, embedded_model_path, capfd
):
    from assistant.engine.llama import LlamaBackend

    path = tmp_path / "cut.gguf"  # its header reads well; its last tensor is cut short
    path.write_bytes(Path(embedded_model_path).read_bytes()[:-1000])
    with pytest.raises(ModelError, match="could not load this model for embeddings") as error:
        LlamaBackend(str(path)).embed(["Any update?"])
    assert "\n" not in str(error.value)
    assert capfd.readouterr().err == ""  # llama.cpp's own complaints are not shown


# ---- llama.cpp's log ----


def test_llama_log_lines_show_errors_and_their_continuations_only(capfd):
    pytest.importorskip("llama_cpp")
    from assistant.engine import llama_embed

    llama_embed.init_backend()
    log = getattr(llama_embed.init_backend, "log", None)
    if log is None:
        pytest.skip("llama-cpp-python's own logger was loaded first in this process")
    for level, text in [
        (3, b"a warning\n"),
        (5, b"its tail\n"),
        (4, b"an error"),
        (5, b" goes on\n"),
    ]:
        log(level, text, None)
    log(2, b"some info\n", None)
    assert capfd.readouterr().err == "an error goes on\n"


# --- a model cut to its first blocks (the tone judge reads the middle of the embedded model) ----


def _gguf_with_blocks(blocks: int) -> tuple[bytes, dict[str, bytes]]:
    """A GGUF of `blocks` blocks: general.architecture, llama.block_count and one tensor per block
    between an embedding and a final norm, each tensor's bytes telling it apart."""
    import struct

    def string(s: str) -> bytes:
        return struct.pack("<Q", len(s.encode())) + s.encode()

    kv = (
        string("general.architecture")
        + struct.pack("<I", 8)
        + string("llama")
        + string("llama.block_count")
        + struct.pack("<II", 4, blocks)
        + string("general.name")
        + struct.pack("<I", 8)
        + string("tiny")
    )
    names = ["token_embd.weight", *(f"blk.{i}.ffn.weight" for i in range(blocks)), "output.weight"]
    data = {name: bytes([i + 1]) * (40 + 8 * i) for i, name in enumerate(names)}
    infos, offset, offsets = b"", 0, {}
    for name in names:
        offsets[name] = offset
        infos += string(name) + struct.pack("<IQIQ", 1, len(data[name]), 0, offset)
        offset += len(data[name]) + (-len(data[name]) % 32)
    head = b"GGUF" + struct.pack("<IQQ", 3, len(names), 3) + kv + infos
    out = bytearray(head + b"\0" * (-len(head) % 32))
    start = len(out)
    for name in names:
        out += b"\0" * (start + offsets[name] - len(out)) + data[name]
    return bytes(out), data


def _tensors(raw: bytes) -> tuple[int, dict[str, bytes]]:
    """The block count and every tensor's bytes, read back from a GGUF written as above."""
    import struct

    def string(pos: int) -> tuple[str, int]:
        (n,) = struct.unpack_from("<Q", raw, pos)
        return raw[pos + 8 : pos + 8 + n].decode(), pos + 8 + n

    _, n_tensors, n_kv = struct.unpack_from("<IQQ", raw, 4)
    pos, blocks = 24, None
    for _ in range(n_kv):
        key, pos = string(pos)
        (kind,) = struct.unpack_from("<I", raw, pos)
        pos += 4
        if kind == 8:
            _, pos = string(pos)
        else:
            (blocks,) = struct.unpack_from("<I", raw, pos)
            pos += 4
    infos = []
    for _ in range(n_tensors):
        name, pos = string(pos)
        _, size, _, offset = struct.unpack_from("<IQIQ", raw, pos)
        pos += 24
        infos.append((name, size, offset))
    start = pos + (-pos % 32)
    assert all(offset % 32 == 0 for _, _, offset in infos)
    return blocks, {name: raw[start + o : start + o + size] for name, size, o in infos}


def test_a_model_cut_to_its_first_blocks_keeps_every_other_key_and_tensor(tmp_path):
    from assistant.engine.gguf import cut_to_layers

    raw, data = _gguf_with_blocks(4)
    (tmp_path / "m.gguf").write_bytes(raw)
    assert _tensors(raw) == (4, data)  # the reader reads the whole model right
    blocks, tensors = _tensors(cut_to_layers(tmp_path / "m.gguf", 2))
    assert blocks == 2
    assert list(tensors) == ["token_embd.weight", "blk.0.ffn.weight", "blk.1.ffn.weight"] + [
        "output.weight"
    ]
    assert all(tensors[name] == data[name] for name in tensors)  # byte for byte


@pytest.mark.parametrize("layers", [0, 4, 9])
def test_a_cut_must_leave_some_blocks_out_and_keep_some(tmp_path, layers):
    from assistant.engine.gguf import cut_to_layers

    (tmp_path / "m.gguf").write_bytes(_gguf_with_blocks(4)[0])
    with pytest.raises(ModelError, match=f"cannot keep {layers} of its 4 blocks"):
        cut_to_layers(tmp_path / "m.gguf", layers)


def test_the_cut_is_written_once_and_again_when_the_model_changes(tmp_path):
    import os

    from assistant.engine.gguf import first_layers

    model = tmp_path / "m.gguf"
    model.write_bytes(_gguf_with_blocks(4)[0])
    cut = first_layers(model, 2)
    assert cut is not None and _tensors(cut.read_bytes())[0] == 2
    made = cut.stat().st_mtime_ns
    assert first_layers(model, 2) == cut and cut.stat().st_mtime_ns == made  # kept, not rewritten
    model.write_bytes(_gguf_with_blocks(5)[0])
    os.utime(model, ns=(made + 10**9, made + 10**9))
    again = first_layers(model, 2)
    assert again != cut and not cut.exists()  # the old cut is dropped beside the new one
    assert _tensors(again.read_bytes())[0] == 2


def test_a_cut_is_kept_as_its_converter_writes_it_or_as_it_is(tmp_path):
    from assistant.engine.gguf import first_layers

    model = tmp_path / "m.gguf"
    model.write_bytes(_gguf_with_blocks(4)[0])
    seen = []

    def convert(cut, out):
        seen.append(_tensors(cut.read_bytes())[0])
        out.write_bytes(b"converted")

    converted = first_layers(model, 2, convert, "q8_0")
    assert converted.name.endswith(".first2.q8_0.gguf") and converted.read_bytes() == b"converted"
    assert seen == [2] and first_layers(model, 2, convert, "q8_0") == converted  # made once
    assert not list(converted.parent.glob("*.cut"))  # the cut it was made from is not kept

    def refuse(cut, out):
        raise ModelError("llama.cpp cannot requantise this")

    plain = first_layers(model, 3, refuse, "q8_0")
    assert plain.name.endswith(".first3.gguf") and _tensors(plain.read_bytes())[0] == 3


def test_a_cut_of_another_weight_type_is_dropped_beside_the_new_one(tmp_path):
    """A release that converts the cut to other weights leaves one cut of that depth in the
    user's cache, not two (session 43 tried F32: docs/performance.md)."""
    from assistant.engine.gguf import first_layers

    model = tmp_path / "m.gguf"
    model.write_bytes(_gguf_with_blocks(4)[0])

    def convert(cut, out):
        out.write_bytes(b"converted")

    old = first_layers(model, 2, convert, "q8_0")
    new = first_layers(model, 2, convert, "f32")
    assert new.name.endswith(".first2.f32.gguf") and new.is_file() and not old.exists()


def test_no_home_to_keep_a_cut_in_means_no_embeddings_at_that_layer(tmp_path, monkeypatch):
    from assistant.engine.llama import cut_model

    model = tmp_path / "m.gguf"
    model.write_bytes(_gguf_with_blocks(4)[0])
    assert cut_model(str(model), 2).endswith(".first2.gguf")
    monkeypatch.setattr("assistant.engine.gguf.first_layers", lambda path, layers, *convert: None)
    with pytest.raises(NoEmbeddingsError, match="first 2 layers"):
        cut_model(str(model), 2)


@pytest.mark.model
def test_smollm2_middle_layer_embeddings_are_their_own_and_batched(embedded_model_path):
    from assistant.engine.llama import LlamaBackend

    backend = LlamaBackend(embedded_model_path)
    texts = ["I am begging you, please give me another chance.", "Any update?"]
    middle = backend.embed(texts, layers=15)
    assert [len(v) for v in middle] == [576, 576]
    assert [_cos(m, backend.embed([t], layers=15)[0]) > 0.999 for m, t in zip(middle, texts)] == [
        True,
        True,
    ]
    last = backend.embed(texts)
    assert all(_cos(m, e) < 0.99 for m, e in zip(middle, last))  # another layer, other vectors


@pytest.mark.model
def test_the_cut_is_requantised_to_q8_0_with_the_same_vectors(embedded_model_path, tmp_path):
    from assistant.engine.gguf import cut_to_layers, read_gguf
    from assistant.engine.llama import EMBED_TOKENS, cut_model
    from assistant.engine.llama_embed import Embedder

    cut = cut_model(embedded_model_path, 15)
    assert read_gguf(cut).quantization == "Q8_0" != read_gguf(embedded_model_path).quantization
    as_it_was = tmp_path / "first15.gguf"
    as_it_was.write_bytes(cut_to_layers(Path(embedded_model_path), 15))
    texts = ["I am begging you, please give me another chance.", "I can start on 3 March."]
    fast, plain = Embedder(cut, EMBED_TOKENS, 2), Embedder(str(as_it_was), EMBED_TOKENS, 2)
    try:
        assert [_cos(a, b) > 0.999 for a, b in zip(fast.embed(texts), plain.embed(texts))] == [
            True,
            True,
        ]
    finally:
        fast.close()
        plain.close()


@pytest.mark.model
def test_each_decode_stops_at_the_hidden_state_with_the_same_vectors(embedded_model_path):
    """The decode stops where the hidden state is computed (the vocabulary's product, a third
    of the cut model's work, is never run) and each text's mean is taken here: the vectors
    llama.cpp's own pooling gives, over several batches and texts of every length."""
    from assistant.engine.llama import EMBED_TOKENS, cut_model
    from assistant.engine.llama_embed import Embedder

    cut = cut_model(embedded_model_path, 15)
    texts = [
        "Tell me about a time you disagreed with a stakeholder about data.",
        "word " * 200,  # cut to the batch
        "",
        "At my last job the sales director wanted a dashboard of revenue growth only. " * 3,
        "Ünïcödé — naïve café résumé, 😀.",
    ]
    stopped, whole = Embedder(cut, EMBED_TOKENS, 1), Embedder(cut, EMBED_TOKENS, 1)
    whole._stopping = False  # the whole graph, pooled by llama.cpp
    try:
        got = stopped.embed(texts)
        assert stopped._hidden  # it stopped at the hidden state
        expected = whole.embed(texts)
        assert not whole._hidden
    finally:
        stopped.close()
        whole.close()
    assert len(got) == len(expected) == 5
    for g, e in zip(got, expected):
        assert max(abs(a - b) for a, b in zip(g, e)) <= 1e-5 * max(1.0, max(map(abs, e)))
    assert _cos(got[0], got[3]) < 0.99  # each text its own mean


@pytest.mark.model
def test_smollm2_embeddings_apart_are_those_embedded_here(embedded_model_path, monkeypatch):
    """`embed_apart` embeds in a worker process (the embedder is never loaded in this one) and
    gives the vectors `embed` gives, in order, empty text included."""
    from assistant.engine import llama

    backend = llama.LlamaBackend(embedded_model_path, n_threads=1)
    texts = ["Tell me about a time you missed a deadline.", "", "I told my manager early."]
    cut = llama.cut_model(embedded_model_path, 15)
    loaded = llama._EMBEDDERS.pop(cut, None)  # as in a new process: nothing loaded here yet
    if loaded is not None:
        loaded.close()
    apart = backend.embed_apart(texts, layers=15)
    assert cut not in llama._EMBEDDERS  # started without loading it here
    got = apart()
    assert cut not in llama._EMBEDDERS  # the worker's vectors, not a fallback's
    # the next run's head start: the worker loads the model the last one used, at once
    from assistant.engine import embed_worker

    embed_worker.prestart(lambda: list(texts))
    assert embed_worker._EARLY["worker"] in embed_worker._RUNNING
    spawn, spawned = embed_worker._spawn, []
    monkeypatch.setattr(embed_worker, "_spawn", lambda load: spawned.append(load) or spawn(load))
    again = backend.embed_apart(texts, layers=15)()
    assert spawned == [] and not embed_worker._RUNNING  # taken over, not started again
    here = backend.embed(texts, layers=15)
    assert len(got) == 3
    for g, a, h in zip(got, again, here):
        assert _cos(g, h) > 0.9999 and _cos(a, h) > 0.9999


def test_a_failed_embedding_worker_falls_back_to_embedding_here(tmp_path):
    from assistant.engine import embed_worker

    bad = tmp_path / "not-a-model.gguf"
    bad.write_bytes(b"GGUF but not really")
    result = embed_worker.start(str(bad), 128, 1, ["any text"], fallback=lambda: [[7.0, 7.0]])
    assert result() == [[7.0, 7.0]]


def test_a_worker_not_waited_for_is_stopped_when_the_caller_ends(monkeypatch):
    """A caller that fails on its input after starting a worker (practice reads the job after)
    leaves nothing running; the vectors, if asked for after all, come from the fallback."""
    import sys

    from assistant.engine import embed_worker

    monkeypatch.setattr(
        embed_worker, "_command", lambda: [sys.executable, "-c", "import time; time.sleep(60)"]
    )
    result = embed_worker.start("model.gguf", 128, 1, ["a"], fallback=lambda: [[1.0]])
    (worker,) = embed_worker._RUNNING
    assert worker.poll() is None  # still running
    embed_worker._stop_all()  # what happens at the caller's exit
    assert worker.poll() is not None and not embed_worker._RUNNING
    assert result() == [[1.0]]


# A stand-in worker that speaks embed_worker's protocol: the load line, the texts line, then
# one vector per text (its length and the pid, to tell which process embedded it).
_ECHO_WORKER = (
    "import json, os, sys\n"
    "json.loads(sys.stdin.readline())\n"
    "line = sys.stdin.readline()\n"
    "if not line: sys.exit(1)\n"
    "texts = json.loads(line)['texts']\n"
    "json.dump([[float(len(t)), float(os.getpid())] for t in texts], sys.stdout)\n"
)


@pytest.fixture
def echo_worker(monkeypatch, tmp_path):
    import sys

    from assistant.engine import embed_worker

    monkeypatch.setattr(embed_worker, "_command", lambda: [sys.executable, "-c", _ECHO_WORKER])
    model = tmp_path / "cut.gguf"
    model.write_bytes(b"stands for a model file")
    yield embed_worker, str(model)
    embed_worker._stop_all()


def test_a_started_worker_is_remembered_and_the_next_run_starts_it_early(echo_worker):
    embed_worker, model = echo_worker
    first = embed_worker.start(model, 128, 1, ["ab", "c"], fallback=lambda: [])
    assert [v[0] for v in first()] == [2.0, 1.0]
    # the next run: its head start loads the same model and sends its texts at once
    embed_worker.prestart(lambda: ["Why this job?", "I like it."])
    early = embed_worker._EARLY["worker"]
    second = embed_worker.start(model, 128, 1, ["Why this job?", "I like it."], fallback=lambda: [])
    vectors = second()
    assert [v[0] for v in vectors] == [13.0, 10.0]
    assert {v[1] for v in vectors} == {float(early.pid)}  # the early worker's, taken over
    assert not embed_worker._RUNNING


def test_an_early_worker_with_other_texts_or_model_is_stopped_and_a_new_one_started(echo_worker):
    embed_worker, model = echo_worker
    embed_worker.start(model, 128, 1, ["x"], fallback=lambda: [])()
    embed_worker.prestart(lambda: ["an older answer"])
    early = embed_worker._EARLY["worker"]
    vectors = embed_worker.start(model, 128, 1, ["the answer now"], fallback=lambda: [])()
    assert early.poll() is not None  # stopped
    assert vectors == [[14.0, vectors[0][1]]] and vectors[0][1] != float(early.pid)
    # another model (--model, a changed setting): the early worker is not used either
    embed_worker.prestart(lambda: ["x"])
    early = embed_worker._EARLY["worker"]
    other = str(Path(model).with_name("other.gguf"))
    vectors = embed_worker.start(other, 128, 1, ["x"], fallback=lambda: [])()
    assert early.poll() is not None and vectors[0][1] != float(early.pid)


def test_an_early_worker_whose_texts_failed_gets_the_callers_texts(echo_worker):
    """Bad answers are reported by the command, not by the head start; if the command gets
    further after all, the early worker is sent its texts then."""
    embed_worker, model = echo_worker
    embed_worker.start(model, 128, 1, ["x"], fallback=lambda: [])()

    def unreadable() -> list[str]:
        raise ValueError("not answers")

    embed_worker.prestart(unreadable)
    early = embed_worker._EARLY["worker"]
    vectors = embed_worker.start(model, 128, 1, ["four"], fallback=lambda: [])()
    assert vectors == [[4.0, float(early.pid)]]


def test_no_head_start_without_a_remembered_model_or_once_it_is_gone(echo_worker):
    embed_worker, model = echo_worker
    embed_worker.prestart(lambda: ["x"])  # nothing remembered yet
    assert not embed_worker._EARLY and not embed_worker._RUNNING
    embed_worker.start(model, 128, 1, ["x"], fallback=lambda: [])()
    Path(model).unlink()  # the cut model was removed (a new model version, a cleared cache)
    embed_worker.prestart(lambda: ["x"])
    assert not embed_worker._EARLY and not embed_worker._RUNNING


def test_the_entry_point_gives_a_head_start_only_to_practice_with_answers_and_a_model(
    monkeypatch, tmp_path
):
    from assistant import launch
    from assistant.engine import embed_worker

    answers = tmp_path / "answers.md"
    answers.write_text("## Why this job?\nI like the work.\n\n## A hard day?\nWe shipped.\n")
    started: list[list[str]] = []
    monkeypatch.setattr(embed_worker, "prestart", lambda texts: started.append(texts()))
    for args in (
        ["practice", "--job", "jd.md", "--answers", str(answers)],
        ["practice", f"--answers={answers}", "--job", "jd.md"],
    ):
        launch.head_start(args)
    assert started == [["Why this job?", "I like the work.", "A hard day?", "We shipped."]] * 2
    for args in (
        ["practice", "--job", "jd.md", "--answers", str(answers), "--no-model"],
        ["practice", "--job", "jd.md"],  # typed answers: nothing to embed yet
        ["practice", "--answers", "-"],
        ["practice", "--history", "--answers", str(answers)],
        ["critique", "--answers", str(answers)],
        [],
    ):
        launch.head_start(args)
    assert len(started) == 2


def test_the_worker_embeds_the_longest_first_and_takes_the_free_cores_once_the_caller_waits(
    monkeypatch, capsys
):
    """Its output keeps the caller's order; the threads of a "waiting" line without a number
    are the cores free when the next batch starts, asked in the worker (cores.default_threads)."""
    import io
    import json
    import threading

    from assistant.engine import cores, embed_worker, llama_embed

    calls: list = []
    running = set(threading.enumerate())

    class Recording:
        def __init__(self, model, tokens, threads):
            calls.append(("load", model, tokens, threads))

        def set_threads(self, threads):
            calls.append(("threads", threads))

        def embed(self, texts, before_decode):
            for thread in set(threading.enumerate()) - running:  # the worker's listener:
                thread.join(5)  # it has read the "waiting" line
            before_decode()
            calls.append(("embed", list(texts)))
            return [[float(len(t))] for t in texts]

        def close(self):
            calls.append(("close",))

    monkeypatch.setattr(llama_embed, "Embedder", Recording)
    monkeypatch.setattr(cores, "default_threads", lambda: 5)
    lines = [
        {"model": "cut.gguf", "tokens": 128},
        {"texts": ["Why?", "A long answer with many words.", "An answer."], "threads": 1},
        {"threads": None},
    ]
    monkeypatch.setattr("sys.stdin", io.StringIO("".join(json.dumps(x) + "\n" for x in lines)))
    assert embed_worker.main() == 0
    assert json.loads(capsys.readouterr().out) == [[4.0], [30.0], [10.0]]
    assert calls == [
        ("load", "cut.gguf", 128, 1),
        ("threads", 1),
        ("threads", 5),
        ("embed", ["A long answer with many words.", "An answer.", "Why?"]),
        ("close",),
    ]
