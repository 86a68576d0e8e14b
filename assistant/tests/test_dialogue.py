"""`rasa test core` on the test stories: every predicted action must match."""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

import model

HERE = Path(__file__).resolve().parents[1]


def test_stories(tmp_path):
    result = subprocess.run(
        [str(HERE / ".venv" / "bin" / "rasa"), "test", "core", "--model", str(model.model_path()),
         "--stories", "tests/test_stories.yml", "--out", str(tmp_path),
         "--fail-on-prediction-errors"],
        cwd=HERE, env={**os.environ, "RASA_TELEMETRY_ENABLED": "false"}, capture_output=True,
        text=True, timeout=600)
    failed = tmp_path / "failed_test_stories.yml"
    assert result.returncode == 0, failed.read_text() if failed.exists() else result.stdout[-3000:]
