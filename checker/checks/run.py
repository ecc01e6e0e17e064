"""One run of one check (CheckRun), built in one place from what it needs: the check's name and the names it grades, its
assignment, a seed that knows whether it is public, the policy, and how to learn the upstream checks' verdicts and why
a notebook lacks a name."""

from __future__ import annotations

import contextlib
from collections.abc import Callable, Iterator, Mapping, Sequence
from typing import Any, NoReturn

from checker.assignments import Assignment
from checker.checks import expectations, guard, messages, seeds
from checker.checks.errors import CheckFailure, GraderError
from checker.checks.failure_text import PRIVATE_DETAILS, format_failure, in_private
from checker.checks.student_side import InProcessSide
from checker.sandbox.errors import LENT_FOR_ONE_STEP, StopGrading
from checker.sandbox.policy import DEFAULT, Policy

# Failures of an end-to-end run that already name what to do, whatever the functions it uses do in their own checks.
OWN_WORDS = (messages.NOT_IMPLEMENTED.id, messages.NOT_DEFINED.id, messages.NOT_RUN.id, messages.CELL_STOPPED.id, messages.CELL_SYNTAX.id)
# How a run stopped, in the checker's words, by the failure's diagnosis: two failures that stopped alike are one observation.
STOPPED = {messages.ENDED.id: "the process ended", messages.TIMED_OUT.id: "it did not finish in time",
           messages.BUDGET_USED.id: "it did not finish in time", messages.TOO_SLOW.id: "it did not finish in time"}
# Failures after which the check's process is gone (ended, or stopped at its limit): no replay can run there.
PROCESS_LOST = (messages.ENDED.id, messages.TIMED_OUT.id, messages.BUDGET_USED.id)

Verdict = CheckFailure | GraderError | None  # how an upstream check fared: its failure, or None when it passed
Verdicts = Callable[[Sequence[str]], Mapping[str, Verdict]]


class CheckRun:
    """One run of one check: its name, seed and generator, its limits, the expectations it may consult, and how it fails.

    `name` is the check's, `assignment` the one it belongs to (its answer key, and how its other checks name the code
    they grade), `seed` a seeds.Seed, `needs` the notebook names it grades and `upstream` the checks of the functions an
    end-to-end run uses. `verdicts(names)` gives {upstream check: its failure, or None}; `why_missing(name)` why the
    notebook lacks a name (a cell that failed), or None. `end_to_end`: official grading runs the end-to-end part with
    its last (hidden) seed only.
    """

    def __init__(self, name: str, assignment: Assignment, seed: seeds.Seed, needs: Sequence[str] = (), upstream: Sequence[str] = (),
                 policy: Policy = DEFAULT, verdicts: Verdicts | None = None, why_missing: Callable[[str], Any] | None = None,
                 end_to_end: bool = True) -> None:
        self.check, self.assignment, self.seed = name, assignment, seed
        self.needs, self.upstream, self.policy, self.end_to_end = tuple(needs), tuple(upstream), policy, end_to_end
        self.verdicts: Verdicts = verdicts or (lambda names: {})
        self.why_missing: Callable[[str], Any] = why_missing or (lambda missing: None)
        self.rng = seeds.generator(seed.value, name)
        source = expectations.source_for(assignment.package)
        self.reference, self.mistakes = expectations.Gateway(self, source, "reference"), expectations.Gateway(self, source, "mistakes")
        self.local = InProcessSide(policy)  # where student objects that are not Remotes live: this process
        self.notes: list[str] = []  # said on a pass: correct, but worth knowing (slow, say)
        self.last_call: str | None = None  # the student function called last, for messages about what it returned
        self.undefined_name: str | None = None  # the name a NameError of the student's code said was not defined, for blame_stopped_run
        self.said = {LENT_FOR_ONE_STEP}  # what the judge's stand-ins raised into the student's code: its words, shown under any seed
        self.stopped: CheckFailure | None = None  # the verdict of judge-side code that stopped the run (stop)
        self._logged_bytes = 0  # what the run's stand-ins have kept of student calls (guard.CallLog)

    # -- what the run notes as it goes -------------------------------------------------------------
    def calling(self, name: str) -> None:
        """The student's function `name` is called now (messages about what it returned name it)."""
        self.last_call = name

    def saw_undefined(self, name: str) -> None:
        """The student's code said `name` is not defined (a NameError): an end-to-end run that stops may blame it."""
        self.undefined_name = name

    def say(self, text: str) -> None:
        """Words a judge-side stand-in raises into the student's code: said as they are, under any seed."""
        self.said.add(text)

    def keep_logged(self, size: int) -> bool:
        """Count `size` more bytes of student calls kept by the run's stand-ins; whether the run may keep them all."""
        self._logged_bytes += size
        return self._logged_bytes <= self.policy.call_log_bytes

    def note(self, text: str) -> None:
        """Something to say even when the check passes (a correct but slow run, say)."""
        self.notes.append(text)

    def stop(self, failure: CheckFailure) -> NoReturn:
        """Stop the run from judge-side code (a record the kit lacks), even from inside the student's code: `failure` is its
        verdict, whatever the student's code makes of being stopped."""
        self.stopped = failure
        raise StopGrading(str(failure))

    # -- how it fails ------------------------------------------------------------------------------
    def fail(self, headline: str, *details: tuple[str, str], depends_on_seed: bool = True, caused_by: Sequence[str] = ()) -> NoReturn:
        """Stop the check with a message the student can act on."""
        __tracebackhide__ = True
        seed = self.seed if depends_on_seed else None
        if self.private:
            headline = self.in_private(headline)
            kept = tuple((label, self.in_private(text)) for label, text in details if label in PRIVATE_DETAILS)
            details = kept + ((("yours", messages.VALUES_PRIVATE),) if len(kept) < len(details) else ())
        raise CheckFailure(format_failure(headline, details, seed, self.check), messages.diagnosis_of(headline), caused_by=caused_by)

    @property
    def private(self) -> bool:
        """Whether the inputs are the grader's own (a hidden seed): then no value computed from them reaches a message."""
        return not self.seed.public

    def grades_or_uses(self, name: object) -> bool:
        """Whether `name` (`Network.backprop` counts as `Network`) is a function this check grades or uses: said under any seed."""
        return str(name).split(".")[0] in {*self.needs, *self.upstream, self.check}

    def in_private(self, message: str) -> str:
        """A filled message template as a hidden seed lets it be said (failure_text.in_private)."""
        return in_private(message, self.grades_or_uses)

    def shown(self, text: str, hidden: str) -> str:
        """`text`, which shows an input the check drew, when the student may see its seed's inputs; else `hidden`, in words.

        Under a hidden seed no input, and no value the student's code computed from one, reaches a message: the words
        still say what to fix.
        """
        return text if self.seed.public else hidden

    # -- an end-to-end run, and the functions it uses ------------------------------------------------
    def subject_of(self, check_name: str) -> str:
        """How messages name the student's code that the assignment's check `check_name` grades."""
        return self.assignment.check(check_name).subject

    def failing_upstream(self) -> list[str]:
        """The upstream checks (the functions an end-to-end run uses) that fail their own checks, in the registry's order."""
        verdicts = self.verdicts(self.upstream)
        return [name for name in self.upstream if verdicts.get(name) is not None]

    def fail_upstream(self, failing: Sequence[str], *details: tuple[str, str]) -> NoReturn:
        """Fail an end-to-end check because functions it uses fail their own checks: name them, the first to fix first."""
        __tracebackhide__ = True
        subjects = [" or ".join(f"`{part}`" for part in self.subject_of(name).split(" or ")) for name in failing]
        names = " and ".join(subjects)
        verb = "fails its own check" if len(failing) == 1 else "fail their own checks"
        headline = messages.Diagnosis(f"{self.check}.upstream_failed",
                                      messages.UPSTREAM_FAILED.format(names=names, verb=verb, first=subjects[0]))
        self.fail(headline, *details, depends_on_seed=False, caused_by=failing)

    def blame_observed(self, observed: Sequence[tuple[str, str]]) -> None:
        """Fail on the first function a watched run showed misbehaving among those that fail their own checks.

        `observed`: (upstream check, what the run showed, in words) in the order the run showed them. A function the run
        never called, or whose calls were right there, is not blamed, whatever its own check says; returns when none is.
        """
        __tracebackhide__ = True
        failing = self.failing_upstream() if observed else []
        for name, seen in observed:
            if name in failing:
                self.fail_upstream([name], ("seen", seen))

    def blame_stopped_run(self, failure: CheckFailure) -> None:
        """An end-to-end run that stopped with `failure`: blame a function failing its own check that stopped the same way
        there (the process ended, or it never finished), or that the run needed and the notebook does not define; return
        when none. Either is observed: by that function's own check, and by the error the run raised."""
        __tracebackhide__ = True
        failing = self.failing_upstream()
        verdicts = self.verdicts(failing) if failing else {}
        for name in failing:
            subjects = [subject.strip("`").split(".")[0] for subject in self.subject_of(name).split(" or ")]
            stopped = STOPPED.get(failure.diagnosis)
            if stopped and STOPPED.get(getattr(verdicts.get(name), "diagnosis", None)) == stopped:
                self.fail_upstream([name], ("seen", messages.SEEN_SAME_STOP.format(name=subjects[0], stop=stopped)))
            if self.undefined_name in subjects:
                self.fail_upstream([name], ("seen", messages.SEEN_UNDEFINED.format(name=self.undefined_name)))

    def explain_stopped_run(self, failure: CheckFailure, explain: Callable[[], object]) -> None:
        """An end-to-end run that stopped with `failure`: blame_stopped_run, then `explain()` (a watched replay, which fails
        with what it shows) unless the check's process is gone; a replay that cannot run explains nothing, so the run's own
        failure stands (the caller raises it)."""
        __tracebackhide__ = True
        self.blame_stopped_run(failure)
        if failure.diagnosis in PROCESS_LOST:
            return
        try:
            explain()
        except CheckFailure as explained:
            if explained.diagnosis not in PROCESS_LOST:
                raise

    @contextlib.contextmanager
    def blaming_upstream(self) -> Iterator[None]:
        """An end-to-end run: if it fails and a function it uses fails its own check, say that function is the one to fix."""
        __tracebackhide__ = True
        try:
            yield
        except CheckFailure as failure:
            if failure.diagnosis in OWN_WORDS:  # a stub to fill in, a name to define: already the thing to fix
                raise
            failing = self.failing_upstream()
            if not failing:
                raise
            self.fail_upstream(failing)


def upstream_verdicts(names: Sequence[str], run_check: Callable[[str], object], known: dict[str, Verdict]) -> dict[str, Verdict]:
    """{name: its failure, or None when it passed} for each of the upstream checks `names`: from `known`, else found by
    `run_check(name)` (quietly: its "passed" line is its own) and kept in `known`."""
    for name in names:
        if name not in known:
            try:
                with guard.quiet_stdout():
                    run_check(name)
                known[name] = None
            except (CheckFailure, GraderError) as failure:
                known[name] = failure
    return {name: known[name] for name in names}
