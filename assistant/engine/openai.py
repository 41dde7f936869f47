"""The server backend: streaming chat completions from an OpenAI-compatible server (llama.cpp's
server, vLLM, Ollama, LM Studio) over httpx, imported only when this backend is chosen.

Privacy first: a server that is not on this machine (loopback) is refused unless the user
allows it, proxies from the environment are ignored for loopback servers, and redirects are
never followed, so the user's text goes to the one address they named and nowhere else."""

from __future__ import annotations

import ipaddress
import json
import time
from typing import TYPE_CHECKING, Iterator, Optional
from urllib.parse import urlsplit

from assistant.engine.base import Backend, Message, ModelInfo
from assistant.engine.options import GenerateOptions
from assistant.errors import ModelError

if TYPE_CHECKING:
    import httpx

    from assistant.config import Config
    from assistant.engine.select import EngineSettings

DEFAULT_BASE_URL = "http://127.0.0.1:8080/v1"  # llama.cpp's server on its default port
CONNECT_TRIES = 3
BACKOFF_SECONDS = 0.5  # waits 0.5 s, then 1 s, between tries
CONNECT_TIMEOUT = 10.0  # seconds to open a connection (the reply itself may take `timeout`)


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
    if parts is None or parts.scheme not in ("http", "https") or not parts.hostname:
        raise ModelError(f"--base-url {base_url!r}: give a server URL like {DEFAULT_BASE_URL}")
    if not allow_remote and not is_loopback_host(parts.hostname):
        raise ModelError(
            f"--base-url {base_url}: {parts.hostname} is not this machine, and your resume and notes "
            "would be sent there; pass --allow-remote (or set allow_remote = true in the config file) "
            "if you trust that server"
        )
    path = parts.path.rstrip("/") or "/v1"
    return f"{parts.scheme}://{parts.netloc}{path}"


def error_message(response: "httpx.Response") -> str:
    """The server's own explanation from an error body ({"error": {"message"}}, {"error"}, {"message"})."""
    try:
        body = json.loads(response.read() or b"null")
    except (ValueError, UnicodeDecodeError):
        body = None
    if isinstance(body, dict):
        err = body.get("error", body.get("message", body.get("detail")))
        if isinstance(err, dict):
            err = err.get("message") or err.get("type")
        if isinstance(err, str) and err.strip():
            return " ".join(err.split())[:300]
    return " ".join(response.text.split())[:300] or f"HTTP {response.status_code}"


class OpenAIBackend(Backend):
    name = "openai"

    def __init__(self, base_url: str, model_name: Optional[str] = None, timeout: float = 600.0,
                 allow_remote: bool = False, tries: int = CONNECT_TRIES, backoff: float = BACKOFF_SECONDS):
        if not timeout > 0:
            raise ModelError(f"timeout {timeout:g}: give the seconds to wait for the server, more than 0")
        self.root = api_root(base_url, allow_remote)
        self.remote = not is_loopback_host(urlsplit(self.root).hostname or "")
        self.model_name = model_name
        self.timeout = timeout
        self.tries = max(1, tries)
        self.backoff = backoff

    @property
    def endpoint(self) -> str:
        return f"{self.root}/chat/completions"

    def payload(self, messages: list[Message], options: GenerateOptions) -> dict:
        """Only the standard OpenAI fields (strict servers refuse unknown ones), plus a grammar if asked."""
        body = {
            "messages": messages, "stream": True, "temperature": options.temperature,
            "max_tokens": options.max_tokens, "seed": options.seed,
        }
        if self.model_name:
            body["model"] = self.model_name
        if options.stop:
            body["stop"] = options.stop[:4]
        if options.grammar:
            body["grammar"] = options.grammar  # llama.cpp's servers honour it; the guard checks anyway
        return body

    def _client(self) -> "httpx.Client":
        import httpx

        # trust_env=False: a proxy from the environment would carry the text off this machine.
        timeout = httpx.Timeout(self.timeout, connect=min(self.timeout, CONNECT_TIMEOUT))
        return httpx.Client(timeout=timeout, follow_redirects=False,
                            trust_env=self.remote)

    def _send(self, client: "httpx.Client", body: dict) -> "httpx.Response":
        """POST with retries (bounded, exponential backoff) while the server cannot be reached."""
        import httpx

        for attempt in range(self.tries):
            try:
                return client.send(client.build_request("POST", self.endpoint, json=body), stream=True)
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

    def _timeout_error(self) -> ModelError:
        return ModelError(f"the model server at {self.root} did not answer within {self.timeout:g} s "
                          "(raise `timeout` in the config file for a slow server)")

    def _check_status(self, response: "httpx.Response") -> None:
        if response.is_redirect:
            where = response.headers.get("location")
            raise ModelError(f"the model server at {self.root} redirects to {where}; Rebound does not follow "
                             "redirects (your text would go elsewhere): use that URL")
        if response.status_code < 400:
            return
        said = error_message(response)
        if response.status_code == 404 and "model" in said.lower():
            raise ModelError(f"the server at {self.root} has no model {self.model_name or '(default)'!r} "
                             f"({said}); check --model-name")
        if response.status_code == 404:
            raise ModelError(f"{self.endpoint} was not found ({said}); is --base-url the API root, "
                             f"like {DEFAULT_BASE_URL}?")
        raise ModelError(f"the model server at {self.root} answered HTTP {response.status_code}: {said}")

    def _malformed(self, what: str) -> ModelError:
        return ModelError(f"the model server at {self.root} sent a malformed reply ({what})")

    def _content(self, data: object, key: str) -> Optional[str]:
        """choices[0][key]['content'] of one chunk (key 'delta') or a whole reply (key 'message')."""
        if isinstance(data, dict) and "error" in data:
            said = " ".join(str(data["error"]).split())[:300]
            raise ModelError(f"the model server at {self.root} failed: {said}")
        try:
            content = data["choices"][0][key].get("content") if data["choices"] else None
        except (KeyError, IndexError, TypeError, AttributeError):
            raise self._malformed(f"no choices[0].{key}") from None
        if content is not None and not isinstance(content, str):
            raise self._malformed("content is not text")
        return content

    def _stream(self, response: "httpx.Response") -> Iterator[str]:
        if "text/event-stream" not in response.headers.get("content-type", ""):
            # A server that ignored stream=true answers with one JSON object.
            try:
                data = json.loads(response.read())
            except (ValueError, UnicodeDecodeError):
                raise self._malformed("not JSON") from None
            text = self._content(data, "message")
            if text:
                yield text
            return
        done = False  # [DONE], or a chunk with a finish_reason, ends a complete reply
        for line in response.iter_lines():
            if not line.startswith("data:"):
                continue  # blank separators, comments, "event:" lines
            data = line[5:].strip()
            if data == "[DONE]":
                done = True
                break
            try:
                chunk = json.loads(data)
            except ValueError:
                raise self._malformed(f"bad event {data[:60]!r}") from None
            text = self._content(chunk, "delta")
            if text:
                yield text
            done = done or bool(chunk["choices"] and chunk["choices"][0].get("finish_reason"))
        if not done:
            raise self._malformed("the stream ended without [DONE]")

    def generate(self, messages: list[Message], options: GenerateOptions) -> Iterator[str]:
        import httpx

        with self._client() as client:
            response = self._send(client, self.payload(messages, options))
            try:
                self._check_status(response)
                yield from self._stream(response)
            except httpx.TimeoutException:
                raise self._timeout_error() from None
            except httpx.HTTPError as exc:
                raise ModelError(f"the connection to the model server at {self.root} failed "
                                 f"({exc.__class__.__name__})") from None
            finally:
                response.close()

    def info(self) -> ModelInfo:
        # The size of a server's model is unknown: None counts as "not small" (see ModelInfo.is_small).
        return ModelInfo(backend="openai", name=self.model_name or f"the default model at {self.root}")


def open_openai_backend(settings: "EngineSettings", config: "Config") -> OpenAIBackend:
    """Flags win over the config file; loopback only unless --allow-remote or allow_remote."""
    return OpenAIBackend(
        base_url=settings.base_url or config.base_url or DEFAULT_BASE_URL,
        model_name=settings.model_name or config.model_name,
        timeout=config.timeout,
        allow_remote=settings.allow_remote or config.allow_remote,
    )
