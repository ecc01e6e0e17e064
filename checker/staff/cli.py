"""`backprop-lab`: the course staff's command. Each subcommand lives in its own module (see COMMANDS).

The modules import only what their arguments need; the heavy libraries (nbgrader, the checks) are
imported by the functions that use them, so `--help` and a refusal answer at once.
"""

import argparse
import importlib
import os
import shlex
import signal
import sys
import threading

AGAIN_SECONDS = 0.01  # a Ctrl-C lost in a garbage collector's callback is raised again this much later, outside it

# Subcommand -> its module (in checker.staff); each module defines add_arguments(parser) and run(options).
COMMANDS = {
    "grade": "grade",
    "sandbox": "sandbox_status",
    "report": "class_report",
    "build-student-kit": "kit",
}


def build_parser():
    parser = argparse.ArgumentParser(prog="backprop-lab", formatter_class=argparse.RawDescriptionHelpFormatter,
                                     description="Course staff's tools for backprop-lab: grade a class, report on it, build the student kit.")
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    for name, module_name in COMMANDS.items():
        module = importlib.import_module(f"checker.staff.{module_name}")
        # The module's docstring keeps its layout: a summary, an example command line on its own, paragraphs.
        sub = commands.add_parser(name, help=module.__doc__.splitlines()[0], description=module.__doc__,
                                  formatter_class=argparse.RawDescriptionHelpFormatter)
        module.add_arguments(sub)
        sub.set_defaults(run=module.run)
    return parser


def main(argv=None):
    """Run a subcommand; its exit status. Run as the command itself (no `argv`), an interrupted run ends at once."""
    as_command = argv is None
    argv = sys.argv[1:] if argv is None else list(argv)
    previous, previous_hook = signal.signal(signal.SIGINT, _interrupt_once), sys.unraisablehook
    sys.unraisablehook = _interrupt_not_lost(previous_hook)
    try:
        options = build_parser().parse_args(argv)
        options.argv = argv  # a command may say how to go on after an interruption (grade: without --force)
        return options.run(options) or 0
    except KeyboardInterrupt as interruption:  # one line: the command's own (grade says what is left), or run it again
        print(str(interruption) or f"interrupted: run `{shlex.join(['backprop-lab', *argv])}` again", file=sys.stderr)
        if as_command:  # everything is written and closed; unloading nbgrader's libraries would take another second
            sys.stdout.flush()
            sys.stderr.flush()
            os._exit(130)
        return 130
    except SystemExit as refusal:  # a command's refusal (the wrong folder, say): its one line, exit status 1
        if not isinstance(refusal.code, str):
            raise
        print(refusal.code, file=sys.stderr)
        return 1
    finally:
        signal.signal(signal.SIGINT, previous)
        sys.unraisablehook = previous_hook


def _interrupt_once(number, frame):
    """Ctrl-C: stop with KeyboardInterrupt once, and let the clean-up finish whatever else is pressed."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    raise KeyboardInterrupt


def _interrupt_not_lost(hook):
    """sys.unraisablehook that raises again a Ctrl-C that Python could only report (it came during a garbage collector's
    callback, SQLAlchemy's say): the signal comes once more a moment later, when the command runs again. Anything else goes to `hook`."""
    def unraisable(info):
        if info.exc_type is not None and issubclass(info.exc_type, KeyboardInterrupt):
            signal.signal(signal.SIGINT, _interrupt_once)
            threading.Timer(AGAIN_SECONDS, os.kill, (os.getpid(), signal.SIGINT)).start()
            return
        hook(info)

    return unraisable


if __name__ == "__main__":
    sys.exit(main())
