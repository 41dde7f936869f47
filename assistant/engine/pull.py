"""`rebound models pull NAME`: download a catalogue model through huggingface_hub, only when asked.

1. Refuse at once when the machine has less memory than the model needs.
2. Ask the hub (HF_ENDPOINT, else huggingface.co) for the file's size and SHA-256 (X-Linked-Etag).
3. Refuse when the disk cannot hold the rest of the file.
4. Download into `models/FILE.part` in the user directory, resuming a .part an earlier pull left
   (an HTTP Range request), with huggingface_hub's progress bar and its retries.
5. Hash the file: a mismatch deletes it and fails; a match moves it into place."""

from __future__ import annotations

import hashlib
import os
import shutil
from pathlib import Path
from typing import Optional

from pydantic import BaseModel

from assistant.engine.catalogue import (
    CatalogueEntry,
    partial_path,
    pulled_dir,
    pulled_path,
)
from assistant.errors import InputError, ModelError

ENDPOINT_ENV = "HF_ENDPOINT"
DEFAULT_ENDPOINT = "https://huggingface.co"
DISK_MARGIN = 200 * 1024**2  # left free after the download
HASH_CHUNK = 4 * 1024**2


class PullResult(BaseModel):
    name: str
    path: str
    size_bytes: int
    sha256: str
    resumed_from: int = 0  # bytes an earlier, interrupted pull had already written
    already: bool = False  # the file was there and checked out: nothing was downloaded


class HubFile(BaseModel):
    url: str
    size: Optional[int]
    sha256: Optional[str]


def total_memory_bytes() -> Optional[int]:
    try:
        return os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES")
    except (AttributeError, ValueError, OSError):  # not POSIX
        return None


def free_disk_bytes(folder: Path) -> int:
    return shutil.disk_usage(folder).free


def endpoint() -> str:
    return (os.environ.get(ENDPOINT_ENV) or DEFAULT_ENDPOINT).rstrip("/")


def _gb(n: float) -> str:
    return f"{n / 1024**3:.1f} GB"


def check_memory(item: CatalogueEntry) -> None:
    total = total_memory_bytes()
    if total is not None and total < item.memory_bytes:
        raise InputError(
            f"{item.name} needs about {item.memory_gb:g} GB of memory and this machine has "
            f"{_gb(total)}: pick a smaller model (rebound models list shows the catalogue)"
        )


def check_disk(item: CatalogueEntry, size: int, have: int) -> None:
    folder = pulled_dir(create=True)
    free = free_disk_bytes(folder)
    needed = max(size - have, 0) + DISK_MARGIN
    if free < needed:
        raise InputError(
            f"{item.name} needs {_gb(needed)} of free disk space in {folder} and it has "
            f"{_gb(free)}: free some space (or set REBOUND_HOME to a larger disk) and pull again"
        )


def _hub():
    """huggingface_hub, with its telemetry off: it would otherwise fetch a registry of "agent
    harnesses" from the hub and describe this process in its User-Agent. Rebound asks the hub
    for the one file the user named, nothing else."""
    os.environ.setdefault("HF_HUB_DISABLE_TELEMETRY", "1")
    import huggingface_hub
    from huggingface_hub import constants
    from huggingface_hub.utils import logging as hub_logging

    constants.HF_HUB_DISABLE_TELEMETRY = True  # already imported elsewhere in this process
    # Its retries log a warning with a traceback-like text per attempt; the progress bar already
    # shows the download going on, and a final failure is one `rebound: error:` line.
    hub_logging.set_verbosity_error()
    return huggingface_hub


def hub_file(item: CatalogueEntry) -> HubFile:
    """The file's download URL, size and SHA-256 as the hub reports them."""
    import httpx

    _hub()
    from huggingface_hub import get_hf_file_metadata, hf_hub_url
    from huggingface_hub.errors import HfHubHTTPError

    where = endpoint()
    url = hf_hub_url(item.repo, item.file, revision=item.revision, endpoint=where)
    try:
        meta = get_hf_file_metadata(url, endpoint=where)
    except HfHubHTTPError as exc:
        status = exc.response.status_code if exc.response is not None else "?"
        if status in (401, 403):
            raise ModelError(
                f"{where} refused {item.repo}/{item.file} (HTTP {status}): the repository may ask "
                "you to accept its licence on its page and log in (`hf auth login`)"
            ) from None
        raise ModelError(
            f"{where} has no {item.repo}/{item.file} (HTTP {status}); the catalogue may be out of date"
        ) from None
    except (httpx.HTTPError, OSError) as exc:
        raise ModelError(
            f"cannot reach {where} to download {item.name} ({exc.__class__.__name__}): is this "
            "machine online?"
        ) from None
    etag = (meta.etag or "").strip('"').lower()
    sha = etag if len(etag) == 64 and all(c in "0123456789abcdef" for c in etag) else None
    return HubFile(url=meta.location, size=meta.size, sha256=sha)


def sha256_of(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as fh:
        while chunk := fh.read(HASH_CHUNK):
            digest.update(chunk)
    return digest.hexdigest()


def expected_sha256(item: CatalogueEntry, hub: HubFile) -> str:
    if item.sha256 and hub.sha256 and item.sha256 != hub.sha256:
        raise ModelError(
            f"{item.name}: the hub's SHA-256 for {item.file} ({hub.sha256[:12]}…) is not the "
            f"catalogue's ({item.sha256[:12]}…): the file changed upstream; not downloaded"
        )
    sha = item.sha256 or hub.sha256
    if sha is None:
        raise ModelError(
            f"{item.name}: the hub gave no SHA-256 for {item.file}, so it could not be checked; "
            "not downloaded"
        )
    return sha


def _download(hub: HubFile, part: Path, have: int) -> None:
    import httpx

    _hub()
    from huggingface_hub.errors import HfHubHTTPError
    from huggingface_hub.file_download import http_get
    from huggingface_hub.utils import build_hf_headers

    try:
        with part.open("ab") as fh:
            http_get(
                hub.url,
                fh,
                resume_size=have,
                headers=build_hf_headers(),
                expected_size=hub.size,
                displayed_filename=part.name.removesuffix(".part"),
            )
    except HfHubHTTPError as exc:
        status = exc.response.status_code if exc.response is not None else "?"
        raise ModelError(
            f"the download stopped (HTTP {status}); run the same command again to resume"
        ) from None
    except (httpx.HTTPError, OSError) as exc:
        raise ModelError(
            f"the download stopped ({exc.__class__.__name__}: {str(exc)[:120]}); run the same "
            "command again to resume"
        ) from None


def pull(item: CatalogueEntry) -> PullResult:
    check_memory(item)
    final, part = pulled_path(item), partial_path(item)
    hub = hub_file(item)
    sha = expected_sha256(item, hub)
    if final.is_file():
        if sha256_of(final) == sha:
            return PullResult(
                name=item.name,
                path=str(final),
                size_bytes=final.stat().st_size,
                sha256=sha,
                already=True,
            )
        final.unlink()  # damaged or replaced upstream: fetch again
    size = hub.size or item.size_bytes
    have = part.stat().st_size if part.is_file() else 0
    if have > size:  # not a prefix of this file
        part.unlink()
        have = 0
    check_disk(item, size, have)
    _download(hub, part, have)
    got = sha256_of(part)
    if got != sha:
        part.unlink()
        raise ModelError(
            f"{item.name}: the downloaded file's SHA-256 ({got[:12]}…) is not the expected "
            f"{sha[:12]}…; it was deleted. Pull again; if it happens again, do not use this file"
        )
    os.replace(part, final)
    return PullResult(
        name=item.name,
        path=str(final),
        size_bytes=final.stat().st_size,
        sha256=sha,
        resumed_from=have,
    )
