"""The server backend sends many calls at once (a batch critique), a few at a time: the replies in
call order whatever order the server answers in, never more requests open than the limit
(REBOUND_PARALLEL_REQUESTS or `parallel_requests`, default 4), progress on the calling thread only,
and one clear error when a call fails. The scripted servers hold requests back until the others
arrive, so overlap is seen by counting open requests, never by timing."""

from __future__ import annotations

import _thread
import json
import threading

import pytest

from assistant.engine import openai as oa
from assistant.engine import request_pool
from assistant.engine.openai import DEFAULT_PARALLEL, OpenAIBackend
from assistant.engine.options import GenerateOptions
from assistant.errors import ModelError
from tests.helpers.loopback_servers import (
    KEY,
    VLLM,
    Reply,
    scripted_server,
    stream_of,
    write_config,
)
from tests.helpers.samples import RESUMES, STRONG, WEAK

WAIT = 10.0  # seconds a held request waits for the others: only a client that does not overlap waits it out
GRACE = 0.2  # seconds the full first group is held, for any request beyond the limit to arrive
OPTS = GenerateOptions(max_tokens=16)


def calls(n: int) -> list[tuple[list[dict], GenerateOptions]]:
    return [([{"role": "user", "content": f"call {i}"}], OPTS) for i in range(n)]


def call_index(body: dict) -> int:
    return int(body["messages"][-1]["content"].removeprefix("call "))


def answer(index: int) -> str:
    return f"The reply to call number {index}."


class Held:
    """A scripted server's replies that count open requests: the first `limit` wait (up to WAIT)
    until `limit` have arrived, and then GRACE more, so a client that overlaps them is seen to and
    one that opens more than `limit` too; with `last_first`, every request also waits until all
    later calls are answered."""

    def __init__(self, limit: int, last_first: bool = False):
        self.limit, self.last_first = limit, last_first
        self.lock = threading.Condition()
        self.arrived = self.open = self.most = 0
        self.answered: list[int] = []

    def ready(self, index: int) -> bool:
        later = range(index + 1, self.limit) if self.last_first else ()
        return self.arrived >= self.limit and all(i in self.answered for i in later)

    def __call__(self, body: dict) -> Reply:
        index = call_index(body)
        self.hold(index)
        return stream_of(answer(index))

    def hold(self, index: int) -> None:
        with self.lock:
            self.arrived += 1
            self.open += 1
            self.most = max(self.most, self.open)
            if self.arrived == self.limit:  # a client that opens too many has a moment to show it
                self.lock.wait_for(lambda: self.arrived > self.limit, timeout=GRACE)
            self.lock.notify_all()
            self.lock.wait_for(lambda: self.ready(index), timeout=WAIT)
            self.open -= 1
            self.answered.append(index)
            self.lock.notify_all()


def join_request_threads() -> list[threading.Thread]:
    """The backend's request threads (all of them daemons), once they have ended."""
    threads = [t for t in threading.enumerate() if t.name.startswith(request_pool.THREAD_NAME)]
    for thread in threads:
        thread.join(WAIT)
    assert not any(t.is_alive() for t in threads)
    return threads


def test_replies_come_back_in_call_order_when_the_server_answers_the_last_first():
    held = Held(DEFAULT_PARALLEL, last_first=True)
    chunks, threads = [], set()
    with scripted_server(held) as (url, script):
        texts = OpenAIBackend(url).generate_many(
            calls(DEFAULT_PARALLEL),
            on_chunk=lambda c: (chunks.append(c), threads.add(threading.get_ident())),
        )
    assert held.answered == list(range(DEFAULT_PARALLEL))[::-1] and held.most == DEFAULT_PARALLEL
    assert texts == [answer(i) for i in range(DEFAULT_PARALLEL)]
    assert len(chunks) > DEFAULT_PARALLEL and sorted("".join(chunks)) == sorted("".join(texts))
    assert threads == {threading.get_ident()}  # progress is shown from the calling thread only
    assert len(script.requests) == DEFAULT_PARALLEL
    join_request_threads()


@pytest.mark.parametrize("limit", [2, 3])
def test_requests_overlap_up_to_the_limit_and_never_more(limit):
    held = Held(limit)
    with scripted_server(held) as (url, script):
        texts = OpenAIBackend(url, parallel=limit).generate_many(calls(7))
    assert held.most == limit
    assert texts == [answer(i) for i in range(7)] and sorted(held.answered) == list(range(7))
    assert len(script.requests) == 7
    join_request_threads()


def test_one_call_or_a_limit_of_one_is_sent_alone_without_threads(monkeypatch):
    monkeypatch.setattr(oa, "read_at_once", None)  # any use of the pool would fail
    with scripted_server(lambda body: stream_of(answer(call_index(body)))) as (url, _):
        assert OpenAIBackend(url).generate_many(calls(1)) == [answer(0)]
        assert OpenAIBackend(url, parallel=1).generate_many(calls(3)) == [
            answer(i) for i in range(3)
        ]


def test_one_failing_call_is_one_clear_error_and_no_more_calls_are_sent():
    release = threading.Event()

    def reply(body: dict) -> Reply:
        if call_index(body) == 0:  # the server quotes the key back: it stays out of the error
            return Reply(
                status=401,
                body=json.dumps({"error": f"bad key {KEY}"}).encode(),
                content_type="application/json",
            )
        release.wait(WAIT)
        return stream_of(answer(call_index(body)))

    with scripted_server(reply) as (url, script):
        with pytest.raises(ModelError) as exc:
            OpenAIBackend(url, api_key=KEY, parallel=2).generate_many(calls(6))
        release.set()  # the error came while call 1 was still open
        join_request_threads()
    message = str(exc.value)
    assert "refused the API key (HTTP 401" in message and "\n" not in message and KEY not in message
    assert len(script.requests) <= 2


def test_ctrl_c_does_not_wait_for_the_open_requests():
    release, lock, arrived = threading.Event(), threading.Lock(), []

    def reply(body: dict) -> Reply:
        with lock:
            arrived.append(body)
            if len(arrived) == 3:  # the user presses Ctrl+C while three requests are open
                _thread.interrupt_main()
        release.wait(WAIT)
        return stream_of(answer(call_index(body)))

    with scripted_server(reply) as (url, script):
        with pytest.raises(KeyboardInterrupt):
            OpenAIBackend(url, parallel=3).generate_many(calls(8))
        threads = [t for t in threading.enumerate() if t.name.startswith(request_pool.THREAD_NAME)]
        assert threads and all(t.daemon for t in threads)  # the process may exit while they wait
        release.set()
        join_request_threads()
    assert len(script.requests) == 3  # none was started after Ctrl+C


def test_a_bad_parallel_setting_in_the_config_file_is_one_line(cli, rebound_home):
    write_config(rebound_home, backend="openai", parallel_requests=0)
    result = cli("critique", WEAK)
    assert (
        result.exit_code == 2
        and result.stderr.count("\n") == 1
        and "parallel_requests" in result.stderr
    )


def test_a_batch_critique_sends_its_calls_to_the_server_at_once(cli, monkeypatch):
    monkeypatch.setenv("REBOUND_PARALLEL_REQUESTS", "3")
    held = Held(3)
    with scripted_server(lambda body: held.hold(0) or stream_of("Led the work."), gets=VLLM) as (
        url,
        script,
    ):
        result = cli(
            "critique",
            STRONG,
            WEAK,
            RESUMES / "registered-nurse.md",
            "--json",
            "--backend",
            "openai",
            "--base-url",
            url,
            "--model-name",
            "qwen",
        )
    assert result.exit_code == 0, result.stderr
    assert len(result.stdout.splitlines()) == 3 and len(script.requests) > 3
    assert held.most == 3
    join_request_threads()
