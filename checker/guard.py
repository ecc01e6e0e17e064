"""Calling a student's function: time limit, captured warnings and output, untouched inputs."""

import contextlib
import copy
import inspect
import io
import signal
import threading
import warnings

import numpy as np

from checker import messages
from checker.tracebacks import describe_student_error, notebook_of_filename, raising_function

# Generous for the small inputs the checks use; a correct function answers in milliseconds.
DEFAULT_TIME_LIMIT = 20.0


class StudentTimeout(BaseException):
    """Raised into a student's code when it runs past its time limit.

    A BaseException, so that a student's `except Exception:` cannot swallow it.
    """


class StudentCall:
    """What one call of a student's function gave back and did on the side."""

    def __init__(self, value, warnings, changed_inputs):
        self.value = value
        self.warnings = warnings
        self.changed_inputs = changed_inputs

    def warning_text(self):
        """The distinct warning messages, joined for a hint line (empty when none)."""
        return "; ".join(dict.fromkeys(self.warnings))


@contextlib.contextmanager
def time_limit(seconds):
    """Interrupt the block after `seconds` (main thread only; elsewhere no limit)."""
    usable = (
        seconds is not None
        and hasattr(signal, "setitimer")
        and threading.current_thread() is threading.main_thread()
    )
    if not usable:
        yield
        return

    def interrupt(signum, frame):
        raise StudentTimeout()

    previous = signal.signal(signal.SIGALRM, interrupt)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


@contextlib.contextmanager
def quiet_student_code():
    """Record warnings and swallow printed output, so nothing reaches stderr.

    nbgrader gives a grade cell 0 points when anything is written to stderr.
    """
    with warnings.catch_warnings(record=True) as caught, contextlib.redirect_stdout(io.StringIO()):
        warnings.simplefilter("always")
        yield caught


def call_student(run, function, *args, name=None, time_limit_s=None, allow_changes=False, **kwargs):
    """Call `function` on copies of the arguments and report any misbehaviour through `run`.

    Returns a StudentCall. Fails the check when the function is not implemented, raises,
    runs too long or modifies an argument. With allow_changes (a training loop that is meant to
    update the layers it is given) the arguments are passed as they are.
    """
    __tracebackhide__ = True
    name = name or getattr(function, "__name__", "your function")
    time_limit_s = DEFAULT_TIME_LIMIT if time_limit_s is None else time_limit_s
    duplicate = (lambda value: value) if allow_changes else copy.deepcopy
    passed_args = [duplicate(value) for value in args]
    passed_kwargs = {key: duplicate(value) for key, value in kwargs.items()}
    try:
        with quiet_student_code() as caught, time_limit(time_limit_s):
            value = function(*passed_args, **passed_kwargs)
    except NotImplementedError as error:
        # Name the stub that raised, which may be a helper the called function relies on.
        stub, path = raising_function(error) or (name, None)
        where = path or where_defined(function)
        run.fail(messages.NOT_IMPLEMENTED.format(name=stub, where=where), depends_on_seed=False)
    except StudentTimeout:
        run.fail(messages.TIMED_OUT.format(name=name, seconds=time_limit_s))
    except Exception as error:  # the student's code may raise anything
        headline, details = describe_student_error(name, error)
        run.fail(headline, *details)
    changed = [] if allow_changes else _changed_arguments(function, args, passed_args, kwargs, passed_kwargs)
    if changed:
        run.fail(messages.CHANGED_INPUT.format(name=name, argument=changed[0]))
    return StudentCall(value, [str(w.message) for w in caught], changed)


def where_defined(function):
    """Where the student wrote `function`: the notebook path when we loaded it, else 'your notebook'."""
    code = getattr(function, "__code__", None)
    path = notebook_of_filename(code.co_filename) if code else None
    return path or "your notebook"


def _changed_arguments(function, originals, passed, original_kwargs, passed_kwargs):
    """Names of the arguments the call modified."""
    try:
        parameter_names = list(inspect.signature(function).parameters)
    except (TypeError, ValueError):
        parameter_names = []
    changed = []
    for index, (before, after) in enumerate(zip(originals, passed)):
        if not same_value(before, after):
            changed.append(parameter_names[index] if index < len(parameter_names) else f"argument {index + 1}")
    changed += [key for key in original_kwargs if not same_value(original_kwargs[key], passed_kwargs[key])]
    return changed


def same_value(a, b):
    """Whether two argument values are equal, looking inside arrays, dicts and lists."""
    if isinstance(a, np.ndarray) or isinstance(b, np.ndarray):
        return (
            isinstance(a, np.ndarray)
            and isinstance(b, np.ndarray)
            and a.shape == b.shape
            and np.array_equal(a, b, equal_nan=True)
        )
    if isinstance(a, dict) and isinstance(b, dict):
        return a.keys() == b.keys() and all(same_value(a[k], b[k]) for k in a)
    if isinstance(a, (list, tuple)) and isinstance(b, (list, tuple)):
        return len(a) == len(b) and all(same_value(x, y) for x, y in zip(a, b))
    try:
        return bool(a == b)
    except Exception:
        return a is b


@contextlib.contextmanager
def using_references(function, **references):
    """While the block runs, the names `function` looks up globally resolve to our references.

    So `optimize` is graded with a correct `propagate`, and one mistake costs points once.
    Names the student's namespace did not have are removed again afterwards.
    """
    namespace = getattr(function, "__globals__", None)
    if namespace is None:
        yield
        return
    missing = object()
    saved = {name: namespace.get(name, missing) for name in references}
    namespace.update(references)
    try:
        yield
    finally:
        for name, value in saved.items():
            if value is missing:
                namespace.pop(name, None)
            else:
                namespace[name] = value
