"""The real SmolLM2 model on the playbook's drafting commands: whatever it writes, what is shown
passed the guard, and a LinkedIn note fits its limit."""

from __future__ import annotations

import json

import pytest

from tests.helpers.paths import FIXTURES

pytestmark = pytest.mark.model
NOTES = FIXTURES / "notes" / "northwind-recruiter.md"


def test_recruiter_and_network_with_the_real_model(cli):
    runs = {
        "recruiter": cli("recruiter", NOTES, "--json"),
        "network": cli(
            "network",
            NOTES,
            "--limit",
            "200",
            "--occasion",
            "update",
            "--update",
            "I passed the AWS Solutions Architect exam",
            "--json",
        ),
    }
    for name, result in runs.items():
        assert result.exit_code == 0, (name, result.output)
        data = json.loads(result.stdout)
        assert data["generation"]["model"] == "SmolLM2-135M-Instruct.Q4_1.gguf", name
        checks = data["generation"]["checks"]
        refusals = [c for c in checks if c["detail"].startswith("refused attempt")]
        shown = [c for c in checks if c not in refusals]
        assert all(c["passed"] for c in shown), (name, checks)  # what is shown passed the guard
        if data["generation"]["source"] == "template" and refusals:
            assert "the guard refused" in result.stderr, name
        assert data["body"].startswith("Hi Alex,"), name
    network = json.loads(runs["network"].stdout)
    assert network["characters"] <= 200 and "AWS Solutions Architect" in network["body"]
    assert "Northwind Logistics" in json.loads(runs["recruiter"].stdout)["body"]
