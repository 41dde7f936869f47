"""How many threads llama.cpp may take: one per free physical core. Apart from llama.py so that
the embedding worker (embed_worker.py), which imports only the bindings, can ask it too."""

from __future__ import annotations

import functools
import os
from pathlib import Path


def _usable_cpus() -> set[int]:
    try:
        return set(os.sched_getaffinity(0))
    except AttributeError:  # not Linux
        return set(range(os.cpu_count() or 1))


@functools.lru_cache(maxsize=1)
def physical_cores() -> int:
    """The physical cores among the CPUs this process may use (hyper-threads of one core count
    once: a second thread on the same core slows llama.cpp's matrix work down); where the kernel
    does not say (not Linux), the usable CPUs."""
    usable = _usable_cpus()
    cores = set()
    for cpu in usable:
        try:
            siblings = Path(
                f"/sys/devices/system/cpu/cpu{cpu}/topology/thread_siblings_list"
            ).read_text()
        except OSError:
            return len(usable)
        cores.add(siblings.strip())
    return max(1, len(cores))


def busy_cpus() -> int:
    """How many other tasks are running right now (the kernel's runnable count, less this one)."""
    try:
        running = Path("/proc/loadavg").read_text().split()[3].split("/")[0]
        return max(0, int(running) - 1)
    except (OSError, IndexError, ValueError):
        return 0


def default_threads() -> int:
    """One thread per physical core that is free now; at least 1, at most 8. llama.cpp's threads
    wait for each other after every layer, so one thread that shares its core with another busy
    process stalls them all: on the 2-core benchmark machine with other work running, 2 threads
    took from 1.5 s up to 36 s for a 22-token sentence that 1 thread wrote in 0.86 s; idle, 2
    threads evaluated its prompt in 0.35 s against 0.68 s (benchmarks/, `make bench`)."""
    return max(1, min(8, physical_cores() - busy_cpus()))
