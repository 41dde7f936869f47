"""The server backend's API key (REBOUND_API_KEY or `api_key` in the config file, never a flag,
never shown), its context size (asked of the server once, else REBOUND_CONTEXT_LENGTH or
`context_length`, else the budget's default) and how many requests it sends at once (the setting in
the environment wins over the config file's, as for the context), against scripted servers on 127.0.0.1."""

from __future__ import annotations

import json
from typing import Optional

import pytest

from assistant.config import Config
from assistant.engine import openai as oa
from assistant.engine.base import ModelInfo
from assistant.engine.budget import DEFAULT_CONTEXT, estimate_tokens, prompt_budget
from assistant.engine.openai import OpenAIBackend, open_openai_backend
from assistant.engine.options import GenerateOptions
from assistant.engine.settings import EngineSettings
from assistant.errors import InputError
from tests.helpers.loopback_servers import (
    KEY,
    VLLM,
    Reply,
    free_port,
    json_reply,
    models,
    scripted_server,
    silent_server,
    sse,
    stream_of,
    write_config,
)
from tests.helpers.samples import HARROW, LONG_NOTES, large_email

MESSAGES = [{"role": "user", "content": "Say hello."}]
OPTS = GenerateOptions(max_tokens=16)


LLAMA_CPP_MODELS = models(
    {
        "id": "qwen.gguf",
        "object": "model",
        "owned_by": "llamacpp",
        "meta": {"n_ctx_train": 32768, "n_params": 3_000_000_000},
    }
)
LLAMA_CPP = {
    "/v1/models": LLAMA_CPP_MODELS,
    "/props": json_reply({"default_generation_settings": {"n_ctx": 4096}}),
}
OLLAMA = {"/v1/models": models({"id": "qwen2.5:3b", "object": "model", "owned_by": "library"})}
TWO_MODELS = {
    "/v1/models": models(
        {"id": "small", "max_model_len": 4096}, {"id": "big", "max_model_len": 65536}
    )
}


def run_feedback(cli, url: str, *args: str):
    return cli("feedback", HARROW, "--backend", "openai", "--base-url", url, "--json", *args)


# -- the API key --------------------------------------------------------------------------------


def test_the_key_from_the_environment_goes_to_every_request_and_nowhere_else(cli, monkeypatch):
    monkeypatch.setenv("REBOUND_API_KEY", KEY)
    with scripted_server(stream_of(large_email()), gets=VLLM) as (url, script):
        result = run_feedback(cli, url)
    assert result.exit_code == 0, result.stderr
    assert "/v1/models" in script.paths and "/v1/chat/completions" in script.paths
    assert all(h["authorization"] == f"Bearer {KEY}" for h in script.headers)
    assert KEY not in result.stdout + result.stderr
    assert all(
        KEY not in json.dumps(body) for body in script.requests
    )  # the key is a header, not a field


def test_the_key_from_the_config_file_is_sent_and_the_environment_wins(
    cli, monkeypatch, rebound_home
):
    with scripted_server(stream_of(large_email())) as (url, script):
        write_config(rebound_home, backend="openai", base_url=url, api_key="sk-from-config")
        assert cli("feedback", HARROW).exit_code == 0
        assert {h["authorization"] for h in script.headers} == {"Bearer sk-from-config"}
        monkeypatch.setenv("REBOUND_API_KEY", KEY)
        script.headers.clear()
        assert cli("feedback", HARROW).exit_code == 0
        assert {h["authorization"] for h in script.headers} == {f"Bearer {KEY}"}


def test_without_a_key_no_authorization_header_is_sent():
    with scripted_server(stream_of("Hi."), gets=VLLM) as (url, script):
        backend = OpenAIBackend(url, backoff=0)
        assert backend.complete(MESSAGES, OPTS) == "Hi." and backend.info().context_length == 32768
    assert len(script.headers) == 2 and all("authorization" not in h for h in script.headers)


def test_no_command_takes_the_key_as_a_flag(cli):
    assert "api-key" not in cli("feedback", "--help").stdout
    result = cli("feedback", HARROW, "--api-key", KEY)
    assert result.exit_code == 2 and KEY not in result.stdout + result.stderr


def test_a_server_that_needs_a_key_says_to_set_it_in_one_line(cli):
    for status in (401, 403):
        with scripted_server(json_reply({"error": "Unauthorized"}, status=status)) as (url, _):
            result = run_feedback(cli, url)
        assert result.exit_code == 2 and result.stderr.count("\n") == 1
        assert "needs an API key" in result.stderr and "set REBOUND_API_KEY" in result.stderr


@pytest.mark.parametrize(
    "reply, expected",
    [
        (
            json_reply({"error": {"message": f"invalid api key {KEY}"}}, status=401),
            "refused the API key",
        ),
        (
            json_reply({"detail": f"key {KEY} has no access to this model"}, status=403),
            "refused the API key",
        ),
        (json_reply({"error": f"quota exceeded for {KEY}"}, status=429), "HTTP 429"),
        (Reply(body=sse(f"{{bad {KEY}")), "malformed reply"),
        (Reply(body=sse({"error": f"key {KEY} expired"})), "failed"),
    ],
)
def test_the_key_stays_out_of_errors_even_when_the_server_quotes_it(
    cli, monkeypatch, reply, expected
):
    monkeypatch.setenv("REBOUND_API_KEY", KEY)
    with scripted_server(reply) as (url, _):
        result = run_feedback(cli, url)
    assert result.exit_code == 2 and result.stderr.count("\n") == 1 and expected in result.stderr
    assert KEY not in result.stdout + result.stderr


@pytest.mark.parametrize("key", ["sk-secret value", "sk-secret\nX-Other: 1", "sk-sécret"])
def test_a_key_an_http_header_cannot_carry_is_refused_without_showing_it(cli, monkeypatch, key):
    monkeypatch.setenv("REBOUND_API_KEY", key)
    with scripted_server(stream_of("Hi.")) as (url, script):
        result = run_feedback(cli, url)
    assert result.exit_code == 2 and result.stderr.count("\n") == 1 and "API key" in result.stderr
    assert (
        "secret" not in result.stderr.lower() and "sécret" not in result.stderr and not script.paths
    )


def test_the_key_is_kept_out_of_reprs_and_dumps(rebound_home):
    write_config(rebound_home, api_key=KEY)
    from assistant.config import load_config

    config = load_config()
    backend = open_openai_backend(EngineSettings(), config)
    assert KEY not in repr(config) + config.model_dump_json() + repr(vars(backend))
    assert backend.api_key.get_secret_value() == KEY


# -- the context size ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    "gets, model_name, setting, expected",
    [
        (VLLM, None, None, 32768),  # vLLM: max_model_len, what it serves
        (VLLM, None, 8192, 32768),  # what the server says wins over the setting
        (LLAMA_CPP, None, None, 4096),  # llama.cpp: n_ctx in /props, not the larger trained context
        ({"/v1/models": LLAMA_CPP_MODELS}, None, 8192, 8192),  # no /props: the setting...
        ({"/v1/models": LLAMA_CPP_MODELS}, None, None, 32768),  # ...else the trained context
        (OLLAMA, None, 8192, 8192),  # servers that do not say: the setting...
        (OLLAMA, None, None, None),  # ...else the budget's default
        (
            {"/v1/models": models({"id": "m", "context_length": 131072})},
            None,
            8192,
            131072,
        ),  # gateways' name
        (TWO_MODELS, "big", None, 65536),  # the entry of the model named
        (TWO_MODELS, None, None, None),  # several and none named: not a guess
        ({"/v1/models": models({"id": "m", "max_model_len": "big"})}, None, 8192, 8192),
        ({"/v1/models": models({"id": "m", "max_model_len": True})}, None, None, None),
        ({"/v1/models": json_reply({"error": "boom"}, status=500)}, None, 8192, 8192),
        (
            {"/v1/models": Reply(body=b"[" * 100_000, content_type="application/json")},
            None,
            8192,
            8192,
        ),
        ({"/v1/models": json_reply([1, 2])}, None, None, None),
    ],
)
def test_the_context_size_comes_from_the_server_else_the_setting(
    gets, model_name, setting, expected
):
    with scripted_server(stream_of("Hi."), gets=gets) as (url, _):
        assert (
            OpenAIBackend(url, model_name=model_name, context_length=setting).info().context_length
            == expected
        )


def test_the_server_is_asked_once_and_props_only_of_llama_cpp():
    with scripted_server(stream_of("Hi."), gets=LLAMA_CPP) as (url, script):
        backend = OpenAIBackend(url)
        assert [backend.info().context_length for _ in range(3)] == [4096] * 3
    assert script.paths == ["/v1/models", "/props"]
    with scripted_server(stream_of("Hi."), gets=OLLAMA) as (url, script):
        OpenAIBackend(url).info()
    assert script.paths == ["/v1/models"]


def test_a_server_that_is_down_or_silent_falls_back_to_the_setting(monkeypatch):
    monkeypatch.setattr(oa, "PROBE_TIMEOUT", 0.2)
    assert (
        OpenAIBackend(f"http://127.0.0.1:{free_port()}/v1", context_length=8192)
        .info()
        .context_length
        == 8192
    )
    with silent_server() as url:
        assert OpenAIBackend(url, context_length=8192).info().context_length == 8192


@pytest.mark.parametrize(
    "env, key, attribute, default, values, bad",
    [
        (
            "REBOUND_CONTEXT_LENGTH",
            "context_length",
            "context_setting",
            None,
            (8192, 16384),
            ("lots", "100", "4096.5", "-1"),
        ),
        (
            "REBOUND_PARALLEL_REQUESTS",
            "parallel_requests",
            "parallel",
            4,
            (2, 8),
            ("many", "0", "65", "2.5"),
        ),
    ],
)
def test_the_setting_comes_from_the_environment_over_the_config_file(
    monkeypatch, env, key, attribute, default, values, bad
):
    in_file, in_env = values
    assert getattr(open_openai_backend(EngineSettings(), Config()), attribute) == default
    assert (
        getattr(open_openai_backend(EngineSettings(), Config(**{key: in_file})), attribute)
        == in_file
    )
    monkeypatch.setenv(env, f" {in_env} ")
    assert (
        getattr(open_openai_backend(EngineSettings(), Config(**{key: in_file})), attribute)
        == in_env
    )
    for value in bad:
        monkeypatch.setenv(env, value)
        with pytest.raises(InputError, match=env):
            open_openai_backend(EngineSettings(), Config())


def test_a_bad_context_setting_is_one_line(cli, rebound_home, monkeypatch):
    write_config(rebound_home, backend="openai", context_length=100)
    result = cli("feedback", HARROW)
    assert (
        result.exit_code == 2
        and result.stderr.count("\n") == 1
        and "context_length" in result.stderr
    )
    write_config(rebound_home, backend="openai")
    monkeypatch.setenv("REBOUND_CONTEXT_LENGTH", "big")
    result = cli("feedback", HARROW)
    assert (
        result.exit_code == 2
        and result.stderr.count("\n") == 1
        and "REBOUND_CONTEXT_LENGTH" in result.stderr
    )


def prompt_sizes(script) -> list[int]:
    return [
        sum(estimate_tokens(m["content"]) for m in body["messages"]) for body in script.requests
    ]


def budget(context: Optional[int], script) -> int:
    return prompt_budget(
        ModelInfo(backend="openai", name="m", context_length=context),
        GenerateOptions(max_tokens=script.requests[0]["max_tokens"]),
    )


@pytest.mark.parametrize(
    "gets, env, context",
    [
        (OLLAMA, None, None),  # nothing said: the default context
        (OLLAMA, "6144", 6144),  # the setting
        (LLAMA_CPP, None, 4096),  # what the server said
    ],
)
def test_long_notes_are_cut_to_the_context_in_use(cli, tmp_path, monkeypatch, gets, env, context):
    if env:
        monkeypatch.setenv("REBOUND_CONTEXT_LENGTH", env)
    notes = tmp_path / "long.md"
    notes.write_text(LONG_NOTES)
    with scripted_server(stream_of(large_email()), gets=gets) as (url, script):
        result = cli("feedback", notes, "--backend", "openai", "--base-url", url, "--json")
    assert result.exit_code == 0, result.stderr
    assert "shortened highlight" in json.loads(result.stdout)["generation"]["notice"]
    sizes = prompt_sizes(script)
    assert sizes and all(size <= budget(context, script) for size in sizes)
    if context:  # the room the setting or the server gave is used, not just the default's
        assert min(sizes) > budget(DEFAULT_CONTEXT, script)


def test_long_notes_are_not_cut_when_the_server_has_room(cli, tmp_path):
    notes = tmp_path / "long.md"
    notes.write_text(LONG_NOTES)
    roomy = {"/v1/models": models({"id": "qwen", "max_model_len": 131072})}
    with scripted_server(stream_of(large_email()), gets=roomy) as (url, script):
        result = cli("feedback", notes, "--backend", "openai", "--base-url", url, "--json")
    assert result.exit_code == 0, result.stderr
    assert "shortened" not in (json.loads(result.stdout)["generation"]["notice"] or "")
    assert min(prompt_sizes(script)) > 16384
