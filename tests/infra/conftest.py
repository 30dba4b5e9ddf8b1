from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="session")
def synthesized(tmp_path_factory) -> Path:
    """`make synth` as the README runs it: the CDK app writes both stages' templates and the
    assets `cdk deploy` would upload."""
    outdir = tmp_path_factory.mktemp("cdk.out")
    subprocess.run(
        [sys.executable, "infra/app.py"],
        cwd=ROOT,
        check=True,
        env={**os.environ, "CDK_OUTDIR": str(outdir)},
        capture_output=True,
    )
    return outdir
