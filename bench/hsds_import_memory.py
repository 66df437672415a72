"""Peak memory of `manage.py import_hsds` on a generated 200 MB file (one service whose
description is 200 MB), run in a child process and measured with getrusage.

    .venv/bin/python bench/hsds_import_memory.py [--megabytes 200] [--file-limit BYTES]

Without --file-limit the default settings refuse the file before reading it; with a larger
limit the file is read and the text-length limit refuses the description. Needs a migrated
database (the default SQLite file under var/ will do).
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import subprocess
import sys
import tempfile
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
SAMPLE = REPO / "kumppani/catalogue/hsds/tests/data/sample_services.json"


def write_file(target: Path, megabytes: int) -> None:
    record = json.loads(SAMPLE.read_text(encoding="utf-8"))[0]
    record["description"] = "@@DESCRIPTION@@"
    head, tail = json.dumps([record], ensure_ascii=False).split("@@DESCRIPTION@@")
    sentence = "Kahvila omaishoitajille joka tiistai. " * 1000
    with target.open("w", encoding="utf-8") as handle:
        handle.write(head)
        for _chunk in range(megabytes * 2**20 // len(sentence) + 1):
            handle.write(sentence)
        handle.write(tail)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--megabytes", type=int, default=200)
    parser.add_argument("--file-limit", type=int, help="HSDS_IMPORT_MAX_FILE_BYTES for the run")
    args = parser.parse_args()
    env = {**os.environ, "DEBUG": "1"}
    if args.file_limit:
        env["HSDS_IMPORT_MAX_FILE_BYTES"] = str(args.file_limit)
    with tempfile.TemporaryDirectory() as directory:
        target = Path(directory) / "big.json"
        write_file(target, args.megabytes)
        run = subprocess.run(
            [sys.executable, "manage.py", "import_hsds", str(target)],
            cwd=REPO,
            env=env,
            capture_output=True,
            text=True,
            check=False,
        )
        size = target.stat().st_size
    peak_kib = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    print(f"file {size / 2**20:.0f} MiB, exit {run.returncode}, peak RSS {peak_kib / 1024:.0f} MiB")
    print(run.stderr.strip()[-300:])


if __name__ == "__main__":
    main()
