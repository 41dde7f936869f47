"""`rebound models pull | list | use`, against a stand-in hub on 127.0.0.1 (tests/hub_server.py):
progress, resume after an interruption, checksum mismatch, refusals for disk and memory, and the
config `use` writes. Nothing here leaves the machine."""

from __future__ import annotations

import json

import pytest

from assistant.engine import catalogue as catalogue_mod
from assistant.engine import pull as pull_mod
from assistant.engine.catalogue import CatalogueEntry
from tests.helpers.hub_server import Hub, gguf_like, hub_server

REPO, FILE = "tester/Tiny-GGUF", "tiny-q4_k_m.gguf"
# huggingface_hub writes what it received 10 MB at a time (DOWNLOAD_CHUNK_SIZE): a file a little
# larger than that is cut after its first chunk, so there is something to resume from.
CHUNK = 10 * 1024 * 1024
CONTENT = gguf_like(CHUNK + 700_000)
CUT = CHUNK + 300_000


@pytest.fixture
def tiny(monkeypatch):
    """A catalogue with one small model served by the stand-in hub; HF_ENDPOINT points there."""
    item = CatalogueEntry(
        name="tiny",
        title="Tiny test model",
        repo=REPO,
        file=FILE,
        size_bytes=len(CONTENT),
        licence="Apache-2.0",
        parameters="1M",
        memory_gb=0.001,
    )
    monkeypatch.setattr(catalogue_mod, "catalogue", lambda: {"tiny": item})
    hub = Hub(files={f"{REPO}/{FILE}": CONTENT})
    with hub_server(hub) as url:
        monkeypatch.setenv("HF_ENDPOINT", url)
        monkeypatch.delenv("HF_HUB_OFFLINE", raising=False)
        yield hub, item


def pulled_file(home):
    return home / "models" / FILE


def test_pull_downloads_verifies_and_shows_progress(cli, tiny, rebound_home, monkeypatch):
    hub, _ = tiny
    monkeypatch.setenv(
        "TQDM_POSITION", "-1"
    )  # huggingface_hub's bar, shown in a terminal, here too
    result = cli("models", "pull", "tiny")
    assert result.exit_code == 0, result.output
    assert pulled_file(rebound_home).read_bytes() == CONTENT
    assert not (rebound_home / "models" / f"{FILE}.part").exists()
    assert "SHA-256 checked" in result.stderr
    assert "100%" in result.stderr  # huggingface_hub's progress bar, on stderr
    assert [m for m, _, _ in hub.requests] == ["HEAD", "GET"]
    assert "rebound models use tiny" in result.stdout


def test_a_second_pull_checks_the_file_and_downloads_nothing(cli, tiny, rebound_home):
    hub, _ = tiny
    assert cli("models", "pull", "tiny").exit_code == 0
    hub.requests.clear()
    again = cli("models", "pull", "tiny", "--json")
    assert again.exit_code == 0, again.output
    assert json.loads(again.stdout)["already"] is True
    assert hub.gets == []


def test_a_cut_connection_is_resumed_with_a_range_request(cli, tiny, rebound_home):
    hub, _ = tiny
    hub.cut_after = CUT
    result = cli("models", "pull", "tiny")
    assert result.exit_code == 0, result.output
    assert pulled_file(rebound_home).read_bytes() == CONTENT
    assert hub.gets[0][1] is None and hub.gets[1][1] == f"bytes={CHUNK}-"


def test_an_interrupted_pull_resumes_where_it_stopped(cli, tiny, rebound_home):
    hub, _ = tiny
    hub.cut_after, hub.then_fail = CUT, 1  # cut, then the retry fails: the pull stops
    first = cli("models", "pull", "tiny")
    assert first.exit_code == 2
    last = first.stderr.splitlines()[-1]
    assert last.startswith("rebound: error:") and "again to resume" in last
    assert "Traceback" not in first.stderr
    part = rebound_home / "models" / f"{FILE}.part"
    assert part.read_bytes() == CONTENT[:CHUNK] and not pulled_file(rebound_home).exists()
    hub.requests.clear()
    second = cli("models", "pull", "tiny", "--json")
    assert second.exit_code == 0, second.output
    assert json.loads(second.stdout)["resumed_from"] == CHUNK
    assert hub.gets == [(hub.gets[0][0], f"bytes={CHUNK}-")]  # only the rest was asked for
    assert pulled_file(rebound_home).read_bytes() == CONTENT and not part.exists()


def test_a_checksum_mismatch_deletes_the_file_and_fails(cli, tiny, rebound_home):
    hub, _ = tiny
    hub.wrong_bytes = True
    result = cli("models", "pull", "tiny")
    assert result.exit_code == 2
    assert (
        result.stderr.splitlines()[-1].startswith("rebound: error:") and "SHA-256" in result.stderr
    )
    assert result.stderr.count("rebound: error:") == 1
    assert not list((rebound_home / "models").glob("tiny*"))


def test_the_catalogue_hash_must_match_the_hub(cli, tiny, monkeypatch):
    hub, item = tiny
    other = item.model_copy(update={"sha256": "0" * 64})
    monkeypatch.setattr(catalogue_mod, "catalogue", lambda: {"tiny": other})
    result = cli("models", "pull", "tiny")
    assert result.exit_code == 2 and "changed upstream" in result.stderr
    assert hub.gets == []


def test_a_catalogue_hash_that_matches_the_hub_and_the_file_is_accepted(cli, tiny, monkeypatch):
    import hashlib

    hub, item = tiny
    pinned = item.model_copy(update={"sha256": hashlib.sha256(CONTENT).hexdigest()})
    monkeypatch.setattr(catalogue_mod, "catalogue", lambda: {"tiny": pinned})
    result = cli("models", "pull", "tiny", "--json")
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout)["sha256"] == pinned.sha256


def test_a_file_that_misses_the_catalogue_hash_is_deleted(cli, tiny, monkeypatch, rebound_home):
    import hashlib

    hub, item = tiny
    hub.wrong_bytes = True  # the hub advertises the right hash and serves other bytes
    pinned = item.model_copy(update={"sha256": hashlib.sha256(CONTENT).hexdigest()})
    monkeypatch.setattr(catalogue_mod, "catalogue", lambda: {"tiny": pinned})
    result = cli("models", "pull", "tiny")
    assert result.exit_code == 2 and "SHA-256" in result.stderr
    assert not list((rebound_home / "models").glob("tiny*"))


def test_too_little_disk_is_refused_before_downloading(cli, tiny, monkeypatch, rebound_home):
    hub, _ = tiny
    monkeypatch.setattr(pull_mod, "free_disk_bytes", lambda folder: len(CONTENT))  # no margin
    result = cli("models", "pull", "tiny")
    assert result.exit_code == 2
    assert "free disk space" in result.stderr and result.stderr.count("rebound: error:") == 1
    assert hub.gets == [] and not pulled_file(rebound_home).exists()


def test_too_little_memory_is_refused_before_asking_the_hub(cli, tiny, monkeypatch):
    hub, _ = tiny
    monkeypatch.setattr(pull_mod, "total_memory_bytes", lambda: 512 * 1024)
    result = cli("models", "pull", "tiny")
    assert result.exit_code == 2
    assert "needs about" in result.stderr and "memory" in result.stderr
    assert hub.requests == []


def test_a_file_the_hub_does_not_have_is_one_clear_error(cli, tiny, monkeypatch):
    _, item = tiny
    gone = item.model_copy(update={"file": "missing.gguf"})
    monkeypatch.setattr(catalogue_mod, "catalogue", lambda: {"tiny": gone})
    result = cli("models", "pull", "tiny")
    assert result.exit_code == 2 and "HTTP 404" in result.stderr
    assert result.stderr.count("rebound: error:") == 1 and "Traceback" not in result.stderr


def test_a_gated_repository_says_what_to_do(cli, tiny):
    hub, _ = tiny
    hub.gated = True
    result = cli("models", "pull", "tiny")
    assert result.exit_code == 2 and "HTTP 401" in result.stderr and "licence" in result.stderr
    assert result.stderr.count("rebound: error:") == 1 and "Traceback" not in result.stderr


def test_an_unknown_name_lists_the_catalogue(cli):
    result = cli("models", "pull", "gpt-5")
    assert result.exit_code == 2
    assert "qwen2.5-3b" in result.stderr and "llama-3.2-3b" in result.stderr


def test_the_shipped_catalogue_has_what_the_issue_asks():
    from assistant.engine.catalogue import catalogue

    models = catalogue()
    assert {"qwen2.5-1.5b", "qwen2.5-3b", "llama-3.2-3b", "phi-3.5-mini", "gemma-2-2b"} <= set(
        models
    )
    for item in models.values():
        assert item.file.endswith(".gguf") and "/" in item.repo
        assert item.licence and item.memory_gb > item.size_bytes / 1024**3
        assert item.sha256 is not None  # pinned, as public projects agree (see the yaml)


def test_pulled_models_are_listed_and_used(cli, tiny, rebound_home):
    assert cli("models", "pull", "tiny").exit_code == 0
    listing = json.loads(cli("models", "list", "--json").stdout)
    kinds = {m["name"]: m["kind"] for m in listing["local"]}
    assert kinds.get("tiny") == "pulled" and kinds.get("embedded") == "embedded"
    assert [c["pulled"] for c in listing["catalogue"]] == [True]
    (rebound_home / "config.toml").write_text("# my settings\nn_threads = 1  # keep it\n")
    used = cli("models", "use", "tiny")
    assert used.exit_code == 0, used.output
    text = (rebound_home / "config.toml").read_text()
    assert "# my settings" in text and "# keep it" in text  # the user's comments stay
    assert f'model = "{pulled_file(rebound_home)}"' in text
    assert cli("models", "--json").exit_code in (0, 2)  # the tiny file is not a loadable model
    back = cli("models", "use", "embedded")
    assert back.exit_code == 0 and "model =" not in (rebound_home / "config.toml").read_text()


def test_use_refuses_a_model_not_pulled(cli, tiny):
    result = cli("models", "use", "tiny")
    assert result.exit_code == 2 and "models pull tiny" in result.stderr


def test_a_servers_models_are_listed_and_one_is_used(cli, rebound_home):
    from tests.helpers.loopback_servers import Reply, scripted_server

    models = Reply(
        body=json.dumps({"data": [{"id": "qwen2.5:3b"}, {"id": "llama3.2"}]}).encode(),
        content_type="application/json",
    )
    with scripted_server(Reply(), gets={"/v1/models": models}) as (url, _):
        listing = json.loads(cli("models", "list", "--base-url", url, "--json").stdout)
        assert listing["servers"] == [
            {"url": url, "models": ["qwen2.5:3b", "llama3.2"], "error": ""}
        ]
        used = cli("models", "use", "qwen2.5:3b", "--base-url", url)
        assert used.exit_code == 0, used.output
        unknown = cli("models", "use", "mistral", "--base-url", url)
    text = (rebound_home / "config.toml").read_text()
    assert 'backend = "openai"' in text and 'model_name = "qwen2.5:3b"' in text
    assert f'base_url = "{url}"' in text
    assert unknown.exit_code == 2 and "qwen2.5:3b" in unknown.stderr


def test_listing_asks_no_server_unless_told(cli, monkeypatch):
    import socket

    def refuse(*args, **kwargs):
        raise AssertionError("models list opened a connection")

    monkeypatch.setattr(socket, "create_connection", refuse)
    result = cli("models", "list", "--json")
    assert result.exit_code == 0 and json.loads(result.stdout)["servers"] == []
