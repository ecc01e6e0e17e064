"""How long the staff commands take to refuse a misspelt assignment or the wrong folder (target: under a second each).

    python benchmarks/staff_refusals.py [--repeat N]

Prints the median wall time of each refusal, whole command, next to `backprop-lab --help` (the command's own start-up).
"""

import argparse
import os
import sys
import tempfile
from pathlib import Path

from timing import wall_time

REPO = Path(__file__).resolve().parents[1]
COMMAND = os.path.join(os.path.dirname(sys.executable), "backprop-lab")
TARGET_SECONDS = 1.0


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=5)
    options = parser.parse_args()
    with tempfile.TemporaryDirectory() as empty:
        cases = {
            "--help": ["--help"],
            "grade, misspelt assignment": ["grade", "01_logistic", "--course", str(REPO)],
            "grade, not a course": ["grade", "01_logistic_regression", "--course", empty],
            "report, misspelt assignment": ["report", "03_backprop_digit", "--course", empty],
            "build-student-kit, not the repository": ["build-student-kit", "--course", empty],
        }
        width = max(map(len, cases))
        for name, arguments in cases.items():
            seconds = wall_time([COMMAND, *arguments], REPO, options.repeat, exit_codes=(0, 1))
            verdict = "" if name == "--help" else ("  within target" if seconds < TARGET_SECONDS else f"  over the {TARGET_SECONDS:g} s target")
            print(f"{name:<{width}}  {seconds:6.2f} s{verdict}")


if __name__ == "__main__":
    main()
