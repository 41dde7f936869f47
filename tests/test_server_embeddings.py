"""embed() on the server backend: /v1/embeddings of a stub server on 127.0.0.1 (the answers real
servers give, and the ones that have no embeddings), and of the real llama-cpp-python server."""

from __future__ import annotations

import json

import pytest

from assistant.engine.openai import OpenAIBackend
from assistant.errors import ModelError, NoEmbeddingsError
from tests.helpers.loopback_servers import Reply, llama_cpp_server, scripted_server


@pytest.fixture(scope="module")
def plain_llama_server(embedded_model_path, tmp_path_factory) -> str:
    """The real llama-cpp-python server as started by default: no embeddings."""
    with llama_cpp_server(embedded_model_path, tmp_path_factory.mktemp("llama-plain")) as url:
        yield url


@pytest.fixture(scope="module")
def llama_embedding_server(embedded_model_path, tmp_path_factory) -> str:
    """The real llama-cpp-python server with embeddings on (for a chat model it answers with
    one vector per token, which the backend mean-pools)."""
    folder = tmp_path_factory.mktemp("llama-embeddings")
    with llama_cpp_server(embedded_model_path, folder, "--embedding", "true") as url:
        yield url


def vectors_reply(body: dict) -> Reply:
    texts = body["input"]
    data = [
        {"object": "embedding", "index": i, "embedding": [float(len(t)), float(i), 0.5]}
        for i, t in reversed(list(enumerate(texts)))  # out of order: the index decides
    ]
    return Reply(body=json.dumps({"data": data}).encode(), content_type="application/json")


def test_embed_sends_every_text_in_one_request_and_orders_by_index():
    with scripted_server(vectors_reply) as (url, script):
        vectors = OpenAIBackend(url, model_name="emb").embed(["one", "three", "fifteen"])
    assert vectors == [[3.0, 0.0, 0.5], [5.0, 1.0, 0.5], [7.0, 2.0, 0.5]]
    assert script.paths == ["/v1/embeddings"]
    assert script.requests == [{"input": ["one", "three", "fifteen"], "model": "emb"}]


def test_token_vectors_are_mean_pooled():
    reply = Reply(
        body=json.dumps({"data": [{"index": 0, "embedding": [[1.0, 2.0], [3.0, 6.0]]}]}).encode(),
        content_type="application/json",
    )
    with scripted_server(reply) as (url, _):
        assert OpenAIBackend(url).embed(["x"]) == [[2.0, 4.0]]


def test_a_middle_layer_is_no_embedding_a_server_gives():
    with (
        scripted_server(vectors_reply) as (url, script),
        pytest.raises(NoEmbeddingsError, match="last layer only"),
    ):
        OpenAIBackend(url).embed(["x"], layers=15)
    assert script.paths == []  # refused before asking


def test_no_texts_asks_nothing():
    with scripted_server(vectors_reply) as (url, script):
        assert OpenAIBackend(url).embed([]) == []
    assert script.paths == []


@pytest.mark.parametrize(
    "reply",
    [
        Reply(status=404, body=b'{"error": "Not Found"}', content_type="application/json"),
        Reply(status=501, body=b'{"error": {"message": "not implemented"}}'),
        Reply(
            status=500,
            body=b'{"error": {"message": "Llama model must be created with embedding=True"}}',
            content_type="application/json",
        ),
    ],
    ids=["no-endpoint", "not-implemented", "model-without-embeddings"],
)
def test_a_server_without_embeddings_says_so(reply):
    with scripted_server(reply) as (url, _), pytest.raises(NoEmbeddingsError, match="no embed"):
        OpenAIBackend(url).embed(["a sentence"])


def test_a_malformed_answer_is_a_model_error_not_a_crash():
    reply = Reply(body=b'{"data": [{"index": 0}]}', content_type="application/json")
    with scripted_server(reply) as (url, _), pytest.raises(ModelError, match="malformed"):
        OpenAIBackend(url).embed(["a", "b"])


def test_embeddings_nested_absurdly_deep_are_one_model_error():
    """The embeddings reply is read like a chat reply: bounded, and JSON nested 100,000 deep is a
    malformed reply, not a RecursionError."""
    reply = Reply(body=b'{"data": ' + b"[" * 100_000 + b"]" * 100_000 + b"}")
    with scripted_server(reply) as (url, _), pytest.raises(ModelError, match="malformed"):
        OpenAIBackend(url).embed(["a"])


def test_an_embeddings_reply_over_the_cap_is_stopped(monkeypatch):
    from assistant.engine import openai

    monkeypatch.setattr(openai, "MAX_REPLY_BYTES", 1_000)
    reply = Reply(body=b'{"data": [' + b" " * 5_000 + b"]}", content_type="application/json")
    with scripted_server(reply) as (url, _), pytest.raises(ModelError, match="stopped reading"):
        OpenAIBackend(url).embed(["a"])


@pytest.mark.model
def test_embed_on_the_real_llama_cpp_server(llama_embedding_server):
    backend = OpenAIBackend(llama_embedding_server)
    texts = ["Please, please reconsider me, I need this job!", "Thank you for your time."]
    vectors = backend.embed(texts)
    assert len(vectors) == 2 and len(vectors[0]) == len(vectors[1]) > 100
    assert vectors[0] != vectors[1]
    assert backend.embed(texts[:1])[0] == pytest.approx(vectors[0], rel=1e-3, abs=1e-4)


@pytest.mark.model
def test_the_real_server_without_embeddings_says_so(plain_llama_server):
    with pytest.raises(NoEmbeddingsError, match="gives no embeddings"):
        OpenAIBackend(plain_llama_server).embed(["a sentence"])
