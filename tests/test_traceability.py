"""The traceability table (requirement → code → tests) in docs/ matches the code."""

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def test_traceability_table_is_up_to_date():
    result = subprocess.run(
        [sys.executable, str(ROOT / "scripts" / "traceability.py"), "--check"], check=False
    )
    assert result.returncode == 0, "docs/traceability.md is stale: run `make traceability`"
