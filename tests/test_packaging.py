"""A wheel built from the repo carries the prompts and data, so `pip install .` works anywhere."""

from __future__ import annotations

import subprocess
import sys
import zipfile

from tests.helpers.paths import ROOT


def test_the_wheel_ships_prompts_and_data(tmp_path):
    proc = subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "wheel",
            "--no-deps",
            "--no-build-isolation",
            "-q",
            "-w",
            str(tmp_path),
            str(ROOT),
        ],
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert proc.returncode == 0, proc.stderr
    (wheel,) = tmp_path.glob("rebound-*.whl")
    names = set(zipfile.ZipFile(wheel).namelist())
    for task_file in (ROOT / "prompts").rglob("*"):
        if task_file.is_file():
            assert (
                f"assistant/prompts/{task_file.relative_to(ROOT / 'prompts').as_posix()}" in names
            )
    for data_file in (ROOT / "assistant" / "data").rglob("*"):
        if data_file.is_file():
            assert f"assistant/{data_file.relative_to(ROOT / 'assistant').as_posix()}" in names
    assert "assistant/cli/__init__.py" in names
