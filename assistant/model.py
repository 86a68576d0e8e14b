"""The trained model for the current training inputs, trained only when they changed.

Training takes about two minutes, so models are cached in models/ under a hash
of everything that shapes them (config, domain, training data, Rasa's version).
Prints the model's path. Run with the assistant's own Python.
"""

from __future__ import annotations

import hashlib
import os
import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
INPUTS = ["config.yml", "domain.yml", "requirements.txt", *sorted(
    str(p.relative_to(HERE)) for p in (HERE / "data").rglob("*.yml"))]


def inputs_hash() -> str:
    digest = hashlib.sha256()
    for name in INPUTS:
        digest.update(name.encode())
        digest.update((HERE / name).read_bytes())
    return digest.hexdigest()[:16]


def model_path() -> Path:
    path = HERE / "models" / f"{inputs_hash()}.tar.gz"
    if not path.exists():
        env = {**os.environ, "RASA_TELEMETRY_ENABLED": "false"}
        subprocess.run([str(Path(sys.executable).with_name("rasa")), "train", "--fixed-model-name",
                        path.name.removesuffix(".tar.gz"), "--out", str(path.parent)],
                       cwd=HERE, env=env, check=True, stdout=sys.stderr)
    return path


if __name__ == "__main__":
    print(model_path())
