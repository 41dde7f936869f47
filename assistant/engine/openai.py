"""The server backend: streaming chat completions from an OpenAI-compatible server (llama.cpp's
server, vLLM, Ollama, LM Studio) over httpx, imported only when this backend is chosen.

Privacy first: a server that is not on this machine (loopback) is refused unless the user
allows it, proxies from the environment are ignored for loopback servers, and redirects are
never followed, so the user's text goes to the one address they named and nowhere else. An API
key (REBOUND_API_KEY or `api_key` in the config file, never a flag: flags show in `ps` and shell
history) goes in the Authorization header to that server only, and never into a message.

The server's context size is read once from the server (vLLM's and llama.cpp's model list,
llama.cpp's /props), else REBOUND_CONTEXT_LENGTH or `context_length`, else the budget's default.

Many replies (a batch critique) are asked for a few at a time (REBOUND_PARALLEL_REQUESTS or
`parallel_requests`, default 4): the server writes them side by side, so the batch takes about as
long as its slowest replies, not their sum."""

from __future__ import annotations

import contextlib
import functools
import ipaddress
import json
import os
import re
import time
from collections.abc import Callable, Iterator
from typing import TYPE_CHECKING, Optional
from urllib.parse import urlsplit

from pydantic import SecretStr, TypeAdapter, ValidationError

from assistant.config import ContextLength, ParallelRequests
from assistant.engine.base import Backend, Call, Message, ModelInfo
from assistant.engine.options import GenerateOptions
from assistant.engine.request_pool import read_at_once
from assistant.errors import InputError, ModelError, NoEmbeddingsError

if TYPE_CHECKING:
    import httpx

    from assistant.config import Config
    from assistant.engine.settings import EngineSettings

DEFAULT_BASE_URL = "http://127.0.0.1:8080/v1"  # llama.cpp's server on its default port
CONNECT_TRIES = 3
BACKOFF_SECONDS = 0.5  # waits 0.5 s, then 1 s, between tries
CONNECT_TIMEOUT = 10.0  # seconds to open a connection (the reply itself may take `timeout`)
PROBE_TIMEOUT = 2.0  # seconds for each question about the server's context size
API_KEY_ENV = "REBOUND_API_KEY"
CONTEXT_ENV = "REBOUND_CONTEXT_LENGTH"
PARALLEL_ENV = "REBOUND_PARALLEL_REQUESTS"
DEFAULT_PARALLEL = 4  # requests open at once; a server with fewer slots queues the others
HIDDEN_KEY = "[the API key]"
MAX_REPLY_BYTES = (
    4_000_000  # one reply as sent (events included): a few hundred tokens need ~100 KB
)
MAX_ERROR_BYTES = 64_000  # an error body, or a probe's answer: only its start is read
MESSAGE_CHARS = 300  # of the server's own words, quoted in an error


def without_userinfo(url: str) -> str:
    """The URL with any 'user:password@' taken out, for messages."""
    return re.sub(r"(?<=//)[^/?#@]*@", "", url)


def is_loopback_host(host: str) -> bool:
    """True for 127.0.0.0/8, ::1 and localhost: addresses that never leave this machine."""
    host = host.strip("[]").rstrip(".").lower()
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def api_root(base_url: str, allow_remote: bool) -> str:
    """Check the URL and return the API root the endpoints hang off ('/v1' when no path is given)."""
    try:
        parts = urlsplit(base_url.strip())
        _ = parts.port  # raises ValueError for a port out of range
    except ValueError:
        parts = None
    shown = without_userinfo(base_url.strip())
    if parts is None or parts.scheme not in ("http", "https") or not parts.hostname:
        raise ModelError(f"--base-url {shown!r}: give a server URL like {DEFAULT_BASE_URL}")
    if not allow_remote and not is_loopback_host(parts.hostname):
        raise ModelError(
            f"--base-url {shown}: {parts.hostname} is not this machine, and your resume and notes "
            "would be sent there; pass --allow-remote (or set allow_remote = true in the config file) "
            "if you trust that server"
        )
    if parts.username is not None or parts.password is not None:
        raise ModelError(
            f"--base-url {shown}: has a user name or password in it, which would show in `ps`, "
            f"your shell history and messages; give the server's key in {API_KEY_ENV} instead"
        )
    path = parts.path.rstrip("/") or "/v1"
    return f"{parts.scheme}://{parts.netloc}{path}"


def read_start(response: httpx.Response, limit: int = MAX_ERROR_BYTES) -> bytes:
    """The first `limit` bytes of a body (the rest is never read into memory)."""
    out = bytearray()
    for piece in response.iter_bytes():
        out += piece
        if len(out) >= limit:
            break
    return bytes(out[:limit])


def error_message(response: httpx.Response, hide: Callable[[str], str] = str) -> str:
    """The server's own explanation from an error body ({"error": {"message"}}, {"error"},
    {"message"}): at most MAX_ERROR_BYTES read, `hide` applied before it is cut to MESSAGE_CHARS
    (a key quoted near the cut would otherwise show its start)."""
    raw = read_start(response)
    try:
        body = json.loads(raw or b"null")
    except (ValueError, UnicodeDecodeError, RecursionError):
        body = None
    if isinstance(body, dict):
        err = body.get("error", body.get("message", body.get("detail")))
        if isinstance(err, dict):
            err = err.get("message") or err.get("type")
        if isinstance(err, str) and err.strip():
            return hide(" ".join(err.split()))[:MESSAGE_CHARS]
    text = " ".join(raw.decode("utf-8", errors="replace").split())
    return hide(text)[:MESSAGE_CHARS] or f"HTTP {response.status_code}"


def key_forms(key: str) -> list[str]:
    """Every way a server might quote the key back: as is, URL-encoded, and in base64 (standard
    and URL-safe, at each of the three alignments it can have inside a longer base64 text);
    longest first."""
    import base64
    from urllib.parse import quote, quote_plus

    forms = {key, quote(key, safe=""), quote(key), quote_plus(key)}
    raw = key.encode()
    for pad in range(3):
        for encode in (base64.b64encode, base64.urlsafe_b64encode):
            text = encode(b"\0" * pad + raw).decode()
            start = 4 if pad else 0  # the first group holds the padding bytes
            end = len(text) - (4 if (pad + len(raw)) % 3 else 0)  # the last, what follows
            if end - start >= 8:
                forms.add(text[start:end])
    return sorted((f for f in forms if len(f) >= 8), key=len, reverse=True)


def peer_guard(event: str, info: dict) -> None:
    """httpcore's trace hook: once a connection is open, and before a byte of the request goes
    out, the address actually connected to must be this machine (a name like 'localhost.' is
    resolved by DNS, and may resolve elsewhere)."""
    if event != "connection.connect_tcp.complete":
        return
    stream = info.get("return_value")
    address = stream.get_extra_info("server_addr") if stream is not None else None
    host = address[0] if isinstance(address, tuple) and address else None
    if host is None or not is_loopback_host(str(host)):
        raise ModelError(
            f"the model server's name led to {host or 'an unknown address'}, which is not this "
            "machine; nothing was sent (pass --allow-remote if you trust that server)"
        )


def positive_int(value: object) -> Optional[int]:
    return value if isinstance(value, int) and not isinstance(value, bool) and value > 0 else None


def model_entry(models: dict, model_name: Optional[str]) -> dict:
    """The /models entry of the model in use: the one named, or the only one listed."""
    data = models.get("data")
    entries = [e for e in data if isinstance(e, dict)] if isinstance(data, list) else []
    if model_name:
        return next((e for e in entries if e.get("id") == model_name), {})
    return entries[0] if len(entries) == 1 else {}


def props_context(props: dict) -> Optional[int]:
    """llama.cpp's /props: the context each slot serves with."""
    settings = props.get("default_generation_settings")
    return positive_int(settings.get("n_ctx")) if isinstance(settings, dict) else None


class OpenAIBackend(Backend):
    name = "openai"

    def __init__(
        self,
        base_url: str,
        model_name: Optional[str] = None,
        timeout: float = 600.0,
        allow_remote: bool = False,
        tries: int = CONNECT_TRIES,
        backoff: float = BACKOFF_SECONDS,
        api_key: Optional[str] = None,
        context_length: Optional[int] = None,
        parallel: int = DEFAULT_PARALLEL,
    ):
        if not timeout > 0:
            raise ModelError(
                f"timeout {timeout:g}: give the seconds to wait for the server, more than 0"
            )
        api_key = (api_key or "").strip()
        if api_key and not re.fullmatch(r"[\x21-\x7e]+", api_key):
            raise ModelError(
                f"the API key ({API_KEY_ENV} or api_key in the config file) has spaces or "
                "characters an HTTP header cannot carry"
            )
        self.api_key = SecretStr(api_key) if api_key else None
        self.context_setting = context_length
        self.root = api_root(base_url, allow_remote)
        self.remote = not is_loopback_host(urlsplit(self.root).hostname or "")
        self.model_name = model_name
        self.timeout = timeout
        self.tries = max(1, tries)
        self.backoff = backoff
        self.parallel = max(1, parallel)

    @property
    def endpoint(self) -> str:
        return f"{self.root}/chat/completions"

    def payload(self, messages: list[Message], options: GenerateOptions) -> dict:
        """Only the standard OpenAI fields (strict servers refuse unknown ones)."""
        body = {
            "messages": messages,
            "stream": True,
            "temperature": options.temperature,
            "max_tokens": options.max_tokens,
            "seed": options.seed,
        }
        if self.model_name:
            body["model"] = self.model_name
        if options.stop:
            body["stop"] = options.stop[:4]
        return body

    def _client(self, probe: bool = False) -> httpx.Client:
        import httpx

        # trust_env=False: a proxy from the environment would carry the text off this machine.
        timeout = (
            httpx.Timeout(min(self.timeout, PROBE_TIMEOUT))
            if probe
            else httpx.Timeout(self.timeout, connect=min(self.timeout, CONNECT_TIMEOUT))
        )
        headers = (
            {"Authorization": f"Bearer {self.api_key.get_secret_value()}"} if self.api_key else None
        )
        return httpx.Client(
            timeout=timeout, follow_redirects=False, trust_env=self.remote, headers=headers
        )

    def _send(self, client: httpx.Client, body: dict, url: Optional[str] = None) -> httpx.Response:
        """POST to `url` (the chat endpoint by default) with retries (bounded, exponential
        backoff) while the server cannot be reached; on loopback, the address actually connected
        to is checked before a byte is sent."""
        import httpx

        for attempt in range(self.tries):
            try:
                request = client.build_request("POST", url or self.endpoint, json=body)
                if not self.remote:
                    request.extensions["trace"] = peer_guard
                return client.send(request, stream=True)
            except (httpx.ConnectError, httpx.ConnectTimeout, httpx.RemoteProtocolError) as exc:
                if attempt + 1 == self.tries:
                    raise ModelError(
                        f"cannot reach the model server at {self.root} after {self.tries} tries "
                        f"({exc.__class__.__name__}): is it running?"
                    ) from None
                time.sleep(self.backoff * 2**attempt)
            except httpx.TimeoutException:
                raise self._timeout_error() from None
        raise AssertionError("unreachable")  # pragma: no cover

    def _timeout_error(self, whole: bool = False) -> ModelError:
        what = "finish its reply" if whole else "answer"
        return ModelError(
            f"the model server at {self.root} did not {what} within {self.timeout:g} s "
            "(raise `timeout` in the config file for a slow server)"
        )

    def _check_status(self, response: httpx.Response, said: Optional[str] = None) -> None:
        """One error line for a redirect or an HTTP error; `said`: the error body's message when
        the caller has already read it (a streamed body is read once)."""
        if response.is_redirect:
            where = response.headers.get("location")
            raise ModelError(
                f"the model server at {self.root} redirects to {where}; Rebound does not follow "
                "redirects (your text would go elsewhere): use that URL"
            )
        if response.status_code < 400:
            return
        if said is None:
            said = error_message(response, self._hide_key)
        if response.status_code in (401, 403) and self.api_key:
            raise ModelError(
                f"the model server at {self.root} refused the API key (HTTP {response.status_code}: "
                f"{said}); check {API_KEY_ENV} or api_key in the config file"
            )
        if response.status_code in (401, 403):
            raise ModelError(
                f"the model server at {self.root} needs an API key (HTTP {response.status_code}: "
                f"{said}): set {API_KEY_ENV} (or api_key in the config file)"
            )
        if response.status_code == 404 and "model" in said.lower():
            raise ModelError(
                f"the server at {self.root} has no model {self.model_name or '(default)'!r} "
                f"({said}); check --model-name"
            )
        if response.status_code == 404:
            raise ModelError(
                f"{self.endpoint} was not found ({said}); is --base-url the API root, "
                f"like {DEFAULT_BASE_URL}?"
            )
        raise ModelError(
            f"the model server at {self.root} answered HTTP {response.status_code}: {said}"
        )

    def _malformed(self, what: str) -> ModelError:
        return ModelError(f"the model server at {self.root} sent a malformed reply ({what})")

    def _content(self, data: object, key: str) -> Optional[str]:
        """choices[0][key]['content'] of one chunk (key 'delta') or a whole reply (key 'message')."""
        if isinstance(data, dict) and "error" in data:
            said = self._hide_key(" ".join(str(data["error"]).split()))[:MESSAGE_CHARS]
            raise ModelError(f"the model server at {self.root} failed: {said}")
        try:
            content = data["choices"][0][key].get("content") if data["choices"] else None
        except (KeyError, IndexError, TypeError, AttributeError):
            raise self._malformed(f"no choices[0].{key}") from None
        if content is not None and not isinstance(content, str):
            raise self._malformed("content is not text")
        return content

    def _bytes(self, response: httpx.Response, deadline: float) -> Iterator[bytes]:
        """The body as it comes, stopped at MAX_REPLY_BYTES and at the request's deadline (a server
        that trickles a token, or a keep-alive comment, before every read timeout ends too)."""
        size = 0
        for piece in response.iter_bytes():
            size += len(piece)
            if size > MAX_REPLY_BYTES:
                raise ModelError(
                    f"the model server at {self.root} sent a reply over "
                    f"{MAX_REPLY_BYTES // 1_000_000} MB; stopped reading it"
                )
            if time.monotonic() > deadline:
                raise self._timeout_error(whole=True)
            yield piece

    def _lines(self, response: httpx.Response, deadline: float) -> Iterator[str]:
        import codecs

        decoder = codecs.getincrementaldecoder("utf-8")(errors="replace")
        rest = ""
        for piece in self._bytes(response, deadline):
            rest += decoder.decode(piece)
            *lines, rest = rest.split("\n")
            for line in lines:
                yield line.rstrip("\r")
        rest += decoder.decode(b"", final=True)
        if rest:
            yield rest.rstrip("\r")

    def _stream(self, response: httpx.Response, deadline: float = float("inf")) -> Iterator[str]:
        if "text/event-stream" not in response.headers.get("content-type", ""):
            # A server that ignored stream=true answers with one JSON object.
            try:
                data = json.loads(b"".join(self._bytes(response, deadline)))
            except (ValueError, UnicodeDecodeError, RecursionError):
                raise self._malformed("not JSON") from None
            text = self._content(data, "message")
            if text:
                yield text
            return
        done = False  # [DONE], or a chunk with a finish_reason, ends a complete reply
        for line in self._lines(response, deadline):
            if not line.startswith("data:"):
                continue  # blank separators, comments, "event:" lines
            data = line[5:].strip()
            if data == "[DONE]":
                done = True
                break
            try:
                chunk = json.loads(data)
            except (ValueError, RecursionError):
                raise self._malformed(f"bad event {data[:60]!r}") from None
            text = self._content(chunk, "delta")
            if text:
                yield text
            done = done or bool(chunk["choices"] and chunk["choices"][0].get("finish_reason"))
        if not done:
            raise self._malformed("the stream ended without [DONE]")

    def _hide_key(self, text: str) -> str:
        if self.api_key:
            for form in key_forms(self.api_key.get_secret_value()):
                text = text.replace(form, HIDDEN_KEY)
        return text

    def generate(self, messages: list[Message], options: GenerateOptions) -> Iterator[str]:
        try:
            yield from self._generate(messages, options)
        except (
            ModelError
        ) as exc:  # a server may quote the key back in its error: it stays out of messages
            raise ModelError(self._hide_key(str(exc))) from None

    def _generate(self, messages: list[Message], options: GenerateOptions) -> Iterator[str]:
        deadline = time.monotonic() + self.timeout  # for the whole request, reply included
        with self._client() as client:
            response = self._send(client, self.payload(messages, options))
            with self._reading(response):
                self._check_status(response)
                yield from self._stream(response, deadline)

    @contextlib.contextmanager
    def _reading(self, response: httpx.Response) -> Iterator[None]:
        """While a reply is read: a timeout or a broken connection is one error line, and the
        response is closed whatever happens."""
        import httpx

        try:
            yield
        except httpx.TimeoutException:
            raise self._timeout_error() from None
        except httpx.HTTPError as exc:
            raise ModelError(
                f"the connection to the model server at {self.root} failed "
                f"({exc.__class__.__name__})"
            ) from None
        finally:
            response.close()

    def generate_many(
        self, calls: list[Call], on_chunk: Optional[Callable[[str], None]] = None
    ) -> list[str]:
        """Every call's reply, in order, with up to `parallel` requests open at once (one call, or a
        limit of 1: one after the other, as the base class does)."""
        if len(calls) < 2 or self.parallel < 2:
            return super().generate_many(calls, on_chunk)
        streams = [
            functools.partial(self.generate, messages, options) for messages, options in calls
        ]
        return read_at_once(streams, self.parallel, on_chunk)

    def embed(self, texts: list[str], layers: Optional[int] = None) -> list[list[float]]:
        """One vector per text from the server's /embeddings, all in one request. A server that
        has none (no such endpoint, or a model not loaded for embeddings) raises
        NoEmbeddingsError, so callers fall back to what needs none; so does asking for a middle
        layer (a server gives its last)."""
        if layers is not None:
            raise NoEmbeddingsError(
                f"the model server at {self.root} gives embeddings of its last layer only"
            )
        if not texts:
            return []
        try:
            return self._embed(texts)
        except ModelError as exc:
            raise type(exc)(self._hide_key(str(exc))) from None

    def _embed(self, texts: list[str]) -> list[list[float]]:
        body: dict = {"input": list(texts)}
        if self.model_name:
            body["model"] = self.model_name
        deadline = time.monotonic() + self.timeout  # for the whole request, reply included
        with self._client() as client:
            response = self._send(client, body, f"{self.root}/embeddings")
            with self._reading(response):
                said = (
                    error_message(response, self._hide_key) if response.status_code >= 400 else ""
                )
                if response.status_code in (404, 405, 501) or (
                    response.status_code >= 400 and "embedding" in said.lower()
                ):
                    raise NoEmbeddingsError(
                        f"the model server at {self.root} gives no embeddings (HTTP "
                        f"{response.status_code} from /embeddings: {said}); start it with "
                        "embeddings on (llama.cpp: --embeddings; llama-cpp-python: --embedding true)"
                    )
                self._check_status(response, said)
                raw = b"".join(self._bytes(response, deadline))
        return self._vectors(raw, len(texts))

    def _vectors(self, raw: bytes, count: int) -> list[list[float]]:
        try:
            data = json.loads(raw)["data"]
            ordered = sorted(data, key=lambda d: d.get("index", 0))
            vectors = [_pooled(d["embedding"]) for d in ordered]
        except (
            ValueError,
            KeyError,
            TypeError,
            AttributeError,
            ZeroDivisionError,
            RecursionError,  # absurdly nested JSON
        ):
            raise self._malformed("not an embeddings list") from None
        if len(vectors) != count:
            raise self._malformed(f"{len(vectors)} embeddings for {count} texts")
        return vectors

    def _get_json(self, client: httpx.Client, url: str) -> dict:
        """The JSON object at `url`, or {} for anything else (no answer, an error, not JSON)."""
        import httpx

        request = client.build_request("GET", url)
        if not self.remote:
            request.extensions["trace"] = peer_guard
        try:
            response = client.send(request, stream=True)
            try:
                ok = response.status_code == 200
                data = json.loads(read_start(response, MAX_REPLY_BYTES)) if ok else None
            finally:
                response.close()
        except (
            httpx.HTTPError,
            ModelError,
            ValueError,
            RecursionError,
        ):  # RecursionError: absurdly nested JSON
            return {}
        return data if isinstance(data, dict) else {}

    @functools.cached_property
    def context_length(self) -> Optional[int]:
        """The context the server serves with if it says so (vLLM's max_model_len, llama.cpp's n_ctx
        in /props), else the setting, else the context the model was trained for (llama.cpp's
        meta.n_ctx_train: the server may serve less), else None (the budget's default).
        Asked once, with a short timeout; it sends no text of the user's."""
        with self._client(probe=True) as client:
            entry = model_entry(self._get_json(client, f"{self.root}/models"), self.model_name)
            meta = entry.get("meta") if isinstance(entry.get("meta"), dict) else {}
            served = positive_int(entry.get("max_model_len")) or positive_int(
                entry.get("context_length")
            )
            if served is None and (meta or entry.get("owned_by") == "llamacpp"):
                server_root = self.root.removesuffix("/v1")  # llama.cpp's /props is beside its /v1
                served = props_context(self._get_json(client, f"{server_root}/props"))
        return served or self.context_setting or positive_int(meta.get("n_ctx_train"))

    def info(self) -> ModelInfo:
        # The size of a server's model is unknown: None counts as "not small" (see ModelInfo.is_small).
        return ModelInfo(
            backend="openai",
            name=self.model_name or f"the default model at {self.root}",
            context_length=self.context_length,
        )


def _pooled(embedding: list) -> list[float]:
    """A text's vector: as given, or the mean of its tokens' vectors (a server whose model has no
    pooling, such as llama-cpp-python's for a chat model, answers with one vector per token)."""
    if embedding and isinstance(embedding[0], list):
        width = len(embedding[0])
        if any(len(row) != width for row in embedding):
            raise ValueError("ragged token vectors")
        return [sum(float(row[i]) for row in embedding) / len(embedding) for i in range(width)]
    if not embedding:
        raise ValueError("an empty embedding")
    return [float(x) for x in embedding]


def setting_from_env(
    env: str, kind: object, default: Optional[int], expected: str
) -> Optional[int]:
    """The environment variable `env` if set (checked against `kind`), else `default` (the config file's)."""
    raw = os.environ.get(env, "").strip()
    if not raw:
        return default
    try:
        return TypeAdapter(kind).validate_python(raw)
    except ValidationError:
        raise InputError(f"{env}={raw[:20]!r}: {expected}") from None


def context_from_env(config: Config) -> Optional[int]:
    """REBOUND_CONTEXT_LENGTH if set (a whole number of tokens), else `context_length` from the config file."""
    return setting_from_env(
        CONTEXT_ENV,
        ContextLength,
        config.context_length,
        "give the server's context size in tokens, a whole number from 256 up",
    )


def parallel_from_env(config: Config) -> int:
    """REBOUND_PARALLEL_REQUESTS if set, else `parallel_requests` from the config file, else 4."""
    return (
        setting_from_env(
            PARALLEL_ENV,
            ParallelRequests,
            config.parallel_requests,
            "give how many requests to send the server at once, a whole number from 1 to 64",
        )
        or DEFAULT_PARALLEL
    )


def open_openai_backend(settings: EngineSettings, config: Config) -> OpenAIBackend:
    """Flags win over the config file, and the environment over the config file; loopback only
    unless --allow-remote or allow_remote."""
    return OpenAIBackend(
        base_url=settings.base_url or config.base_url or DEFAULT_BASE_URL,
        model_name=settings.model_name or config.model_name,
        timeout=config.timeout,
        allow_remote=settings.allow_remote or config.allow_remote,
        api_key=os.environ.get(API_KEY_ENV)
        or (config.api_key and config.api_key.get_secret_value()),
        context_length=context_from_env(config),
        parallel=parallel_from_env(config),
    )
