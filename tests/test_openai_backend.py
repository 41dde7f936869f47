"""The OpenAI-compatible server backend against scripted servers on 127.0.0.1: streaming, the
privacy rule (loopback only unless allowed), and one clear error for each way a server fails."""

from __future__ import annotations

import datetime as dt
import json

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from assistant.config import Config
from assistant.engine import openai as oa
from assistant.engine.openai import OpenAIBackend, api_root, is_loopback_host, open_openai_backend
from assistant.engine.options import GenerateOptions
from assistant.engine.settings import EngineSettings
from assistant.errors import ModelError
from tests.helpers.loopback_servers import (
    Reply,
    chunk,
    free_port,
    scripted_server,
    silent_server,
    sse,
    stream_of,
)
from tests.helpers.samples import HARROW, large_email

MESSAGES = [{"role": "system", "content": "Be brief."}, {"role": "user", "content": "Say hello."}]
OPTS = GenerateOptions(max_tokens=16, stop=["\n"])


def reply_text(url: str, **kw) -> str:
    return OpenAIBackend(url, backoff=0, **kw).complete(MESSAGES, OPTS)


def error_of(url: str, **kw) -> str:
    with pytest.raises(ModelError) as exc:
        reply_text(url, **kw)
    message = str(exc.value)
    assert "\n" not in message
    return message


@pytest.mark.parametrize("host", ["127.0.0.1", "127.3.2.1", "localhost", "LOCALHOST", "[::1]"])
def test_loopback_hosts_are_allowed(host):
    assert is_loopback_host(host.strip("[]"))
    assert api_root(f"http://{host}:8080", allow_remote=False) == f"http://{host}:8080/v1"


@pytest.mark.parametrize(
    "url",
    [
        "http://192.168.1.20:8080/v1",
        "http://10.0.0.5/v1",
        "https://api.example.com/v1",
        "http://127.0.0.1.example.com/v1",
        "http://[2001:db8::1]:8000/v1",
        "http://0.0.0.0:8080/v1",
        "http://app.localhost:8080/v1",
        "http://[::ffff:10.0.0.1]:8080/v1",
    ],
)
def test_a_server_off_this_machine_is_refused_unless_allowed(url):
    with pytest.raises(ModelError, match="--allow-remote"):
        OpenAIBackend(url)
    allowed = OpenAIBackend(url, allow_remote=True)  # constructing opens no connection
    assert allowed.remote and allowed.root == url


@pytest.mark.parametrize(
    "url",
    [
        "127.0.0.1:8080",
        "ftp://127.0.0.1/v1",
        "http:///v1",
        "",
        "http://[::1/v1",
        "http://127.0.0.1:99999/v1",
    ],
)
def test_a_url_that_is_not_a_server_url_is_a_clear_error(url):
    with pytest.raises(ModelError, match="give a server URL"):
        OpenAIBackend(url)


def test_a_timeout_that_is_not_positive_is_a_clear_error():
    with pytest.raises(ModelError, match="more than 0"):
        open_openai_backend(EngineSettings(), Config(timeout=0))


def test_the_api_root_keeps_a_given_path_and_defaults_to_v1():
    assert api_root("http://127.0.0.1:11434/v1/", False) == "http://127.0.0.1:11434/v1"
    assert api_root("http://localhost:1234/", False) == "http://localhost:1234/v1"
    assert api_root("http://localhost:8000/openai/v1", False) == "http://localhost:8000/openai/v1"


def test_flags_win_over_the_config_file_and_the_default_is_local():
    config = Config(
        backend="openai", base_url="http://127.0.0.1:9000", model_name="qwen", timeout=42
    )
    backend = open_openai_backend(EngineSettings(base_url="http://localhost:9999/v1"), config)
    assert (
        backend.root == "http://localhost:9999/v1"
        and backend.model_name == "qwen"
        and backend.timeout == 42
    )
    assert open_openai_backend(EngineSettings(), Config()).root == oa.DEFAULT_BASE_URL
    assert Config().timeout == 600
    with pytest.raises(ModelError, match="allow-remote"):
        open_openai_backend(EngineSettings(), Config(base_url="http://192.168.1.2:8080"))
    allowed = open_openai_backend(
        EngineSettings(), Config(base_url="http://192.168.1.2:8080", allow_remote=True)
    )
    assert allowed.remote


def test_the_reply_streams_in_pieces_and_the_request_is_standard():
    with scripted_server(stream_of("Hello there, friend.")) as (url, script):
        backend = OpenAIBackend(url, model_name="qwen2.5-3b")
        pieces = list(backend.generate(MESSAGES, OPTS))
    assert "".join(pieces) == "Hello there, friend." and len(pieces) > 1
    (body,) = script.requests
    assert script.paths == ["/v1/chat/completions"]
    assert body["stream"] is True and body["model"] == "qwen2.5-3b" and body["messages"] == MESSAGES
    assert body["max_tokens"] == 16 and body["stop"] == ["\n"] and body["seed"] == OPTS.seed
    assert set(body) <= {
        "model",
        "messages",
        "stream",
        "temperature",
        "max_tokens",
        "seed",
        "stop",
    }


def test_without_a_model_name_the_server_picks_its_own():
    with scripted_server(stream_of("Hi.")) as (url, script):
        assert reply_text(url) == "Hi."
    assert "model" not in script.requests[0]


def test_a_server_that_ignores_stream_answers_with_one_json_object():
    whole = {
        "choices": [{"index": 0, "message": {"role": "assistant", "content": "Hi, all at once."}}]
    }
    with scripted_server(
        Reply(body=json.dumps(whole).encode(), content_type="application/json")
    ) as (url, _):
        assert reply_text(url) == "Hi, all at once."


def test_a_stream_without_done_but_with_a_finish_reason_is_complete():
    with scripted_server(Reply(body=sse(chunk("Fine."), chunk("", finish="stop"), done=False))) as (
        url,
        _,
    ):
        assert reply_text(url) == "Fine."


@pytest.mark.parametrize(
    "status, body, expected",
    [
        (
            404,
            {"error": 'model "qwen9" not found, try pulling it first'},
            "has no model 'qwen9'",
        ),  # Ollama
        (
            404,
            {"object": "error", "message": "The model `qwen9` does not exist.", "code": 404},
            "has no model",
        ),  # vLLM
        (404, {"detail": "Not Found"}, "is --base-url the API root"),
        (
            500,
            {"error": {"message": "out of memory", "type": "server_error"}},
            "HTTP 500: out of memory",
        ),
        (401, {"error": {"message": "invalid api key"}}, "HTTP 401: invalid api key"),
    ],
)
def test_a_server_error_is_one_line_with_the_servers_reason(status, body, expected):
    reply = Reply(status=status, body=json.dumps(body).encode(), content_type="application/json")
    with scripted_server(reply) as (url, _):
        assert expected in error_of(url, model_name="qwen9")


@pytest.mark.parametrize(
    "reply, expected",
    [
        (Reply(body=sse("{not json")), "malformed reply (bad event"),
        (
            Reply(body=sse({"choices": [{"index": 0, "text": "hi"}]})),
            "malformed reply (no choices[0].delta)",
        ),
        (Reply(body=sse({"choices": [{"delta": {"content": 42}}]})), "content is not text"),
        (Reply(body=sse(chunk("cut off"), done=False)), "ended without [DONE]"),
        (Reply(body=b"<html>hello</html>", content_type="text/html"), "malformed reply (not JSON)"),
        (
            Reply(body=b'{"id": 1}', content_type="application/json"),
            "malformed reply (no choices[0].message)",
        ),
        (
            Reply(body=sse({"error": {"message": "context overflow"}})),
            "failed: {'message': 'context overflow'}",
        ),
    ],
)
def test_a_malformed_reply_is_one_clear_error(reply, expected):
    with scripted_server(reply) as (url, _):
        assert expected in error_of(url)


def test_a_redirect_is_not_followed():
    reply = Reply(
        status=307, headers={"location": "http://127.0.0.1:1/elsewhere"}, content_type="text/plain"
    )
    with scripted_server(reply) as (url, script):
        assert "does not follow redirects" in error_of(url)
    assert len(script.requests) == 1


def test_a_down_server_is_retried_with_backoff_then_one_clear_error(monkeypatch):
    waits = []
    monkeypatch.setattr(oa.time, "sleep", waits.append)
    url = f"http://127.0.0.1:{free_port()}/v1"
    with pytest.raises(
        ModelError, match=r"cannot reach the model server .* after 3 tries .*is it running\?"
    ):
        OpenAIBackend(url).complete(MESSAGES, OPTS)
    assert waits == [0.5, 1.0]


def test_a_server_that_never_answers_times_out_with_one_clear_error():
    with silent_server() as url:
        message = error_of(url, timeout=0.5)
    assert "did not answer within 0.5 s" in message and "timeout" in message


def test_proxies_from_the_environment_are_not_used_for_a_local_server(monkeypatch):
    dead_proxy = f"http://127.0.0.1:{free_port()}"
    for var in ("HTTP_PROXY", "HTTPS_PROXY", "ALL_PROXY", "http_proxy", "all_proxy"):
        monkeypatch.setenv(var, dead_proxy)
    with scripted_server(stream_of("Direct.")) as (url, script):
        assert reply_text(url) == "Direct."
    assert len(script.requests) == 1


def test_a_server_model_counts_as_not_small_so_it_may_write_the_whole_email(cli):
    with scripted_server(stream_of(large_email())) as (url, script):
        result = cli(
            "feedback",
            HARROW,
            "--backend",
            "openai",
            "--base-url",
            url,
            "--model-name",
            "big",
            "--json",
        )
    assert result.exit_code == 0, result.stderr
    out = json.loads(result.stdout)
    assert (
        out["generation"]["source"] == "model"
        and out["generation"]["model"] == "big"
        and out["body"] == large_email()
    )
    assert len(script.requests) == 1 and script.requests[0]["max_tokens"] > 100
    assert OpenAIBackend(url).info().parameters is None and not OpenAIBackend(url).info().is_small


def test_the_cli_refuses_a_remote_server_before_sending_anything(cli, rebound_home):
    result = cli(
        "feedback", HARROW, "--backend", "openai", "--base-url", "https://api.example.com/v1"
    )
    assert result.exit_code == 2
    assert result.stderr.startswith("rebound: error:") and result.stderr.count("\n") == 1
    assert "--allow-remote" in result.stderr and "Traceback" not in result.stderr
    (rebound_home / "config.toml").write_text(
        'backend = "openai"\nbase_url = "http://10.1.2.3:8080"\n'
    )
    result = cli("feedback", HARROW)
    assert result.exit_code == 2 and "allow_remote = true" in result.stderr


def test_the_cli_reports_a_down_server_in_one_line(cli, monkeypatch):
    monkeypatch.setattr(oa.time, "sleep", lambda _s: None)
    result = cli(
        "feedback", HARROW, "--backend", "openai", "--base-url", f"http://127.0.0.1:{free_port()}"
    )
    assert result.exit_code == 2
    assert result.stderr.startswith("rebound: error: cannot reach the model server")
    assert result.stderr.count("\n") == 1


SSE_LINES = [
    "data: [DONE]",
    'data: {"choices": [{"delta": {"content": "Hi"}}]}',
    "data: {",
    "event: ping",
    ": c",
    'data: {"choices": []}',
    'data: {"error": "boom"}',
    'data: {"choices": [{"finish_reason": "stop"}]}',
    "",
    "data:",
    'data: {"choices": [{"delta": null}]}',
    'data: "text"',
    'data: {"error": "two\\nlines"}',
]
replies = st.builds(
    Reply,
    status=st.sampled_from([200, 201, 204, 301, 400, 404, 429, 500, 503]),
    body=st.one_of(
        st.binary(max_size=300),
        st.lists(st.sampled_from(SSE_LINES) | st.text(max_size=40), max_size=12).map(
            lambda ls: "\n".join(ls).encode()
        ),
    ),
    content_type=st.sampled_from(["text/event-stream", "application/json", "text/html", ""]),
)


@settings(max_examples=100, deadline=dt.timedelta(seconds=5), derandomize=True)
@given(reply=replies)
def test_any_reply_from_a_server_is_text_or_one_clear_error(reply):
    with scripted_server(reply) as (url, _):
        try:
            assert isinstance(reply_text(url, tries=1), str)
        except ModelError as exc:
            assert "\n" not in str(exc)
