"""`backprop-lab`: the course staff's command. Each subcommand lives in its own module (see COMMANDS)."""

import argparse
import importlib
import sys

# Module (in checker.staff) -> its subcommand; each module defines add_arguments(parser) and run(options).
COMMANDS = {
    "grade": "grade",
    "sandbox": "sandbox_status",
    "report": "report",
    "build-student-kit": "kit",
}


def build_parser():
    parser = argparse.ArgumentParser(prog="backprop-lab", description="Course staff's tools for backprop-lab: grade a class, report on it, build the student kit.")
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    for name, module_name in COMMANDS.items():
        module = importlib.import_module(f"checker.staff.{module_name}")
        sub = commands.add_parser(name, help=module.__doc__.splitlines()[0], description=module.__doc__)
        module.add_arguments(sub)
        sub.set_defaults(run=module.run)
    return parser


def main(argv=None):
    options = build_parser().parse_args(argv)
    return options.run(options) or 0


if __name__ == "__main__":
    sys.exit(main())
