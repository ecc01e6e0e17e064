"""Student-facing message templates, kept in one place and pinned by tests."""

NOT_IMPLEMENTED = "not implemented yet: fill in `{name}` in {where}"
RAISED = "`{name}` stopped with {error}"
TIMED_OUT = (
    "`{name}` was still running after {seconds:g} s, so it was stopped. "
    "Is there a loop that never ends?"
)
CHANGED_INPUT = (
    "`{name}` changed its input `{argument}`, so the caller's array is different afterwards. "
    "In-place steps such as `{argument} -= ...` or `{argument}[...] = ...` do that: "
    "write `{argument} = {argument} - ...` or work on `{argument}.copy()`."
)
NOT_DEFINED = "`{name}` is not defined in {where}. Did you rename or delete its cell?"
CELL_STOPPED = (
    "`{name}` is missing because cell {cell} of {where} stopped with {error}. "
    "Fix that cell, then run the checks again."
)
CELL_SYNTAX = (
    "`{name}` is missing because cell {cell} of {where} has a syntax error "
    "on its line {line}: {error}. Fix that cell, then run the checks again."
)
UNREADABLE_NOTEBOOK = (
    "could not read {where}: {error}. The file is not a valid notebook any more; "
    "restore it from a checkpoint (File > Revert) or from a fresh copy of the exercise."
)
REPRODUCE = "inputs drawn with seed {seed}: `pytest checker --checker-seed {seed} -k {check}` repeats this check"

WARNING_HINT = "NumPy warned while your code ran: {warnings}"

# Shapes and types (checker.shapes).
NOT_AN_ARRAY = "{what} should be a NumPy array, but it is a {kind}."
RANK_ONE = (
    "{what} has shape {shape}, a rank-1 array; it should be {expected}. "
    "Rank-1 arrays ignore .T and broadcast in surprising ways: "
    "create it with shape {expected} or add .reshape{expected}."
)
TRANSPOSED = "{what} has shape {shape}; it should be {expected}. It looks transposed: try {what_short}.T"
WRONG_SHAPE = "{what} has shape {shape}; it should be {expected}."
ONE_BY_ONE = (
    "{what} has shape (1, 1); it should be a single number. "
    "Use np.squeeze({what_short}) or float({what_short})."
)
NOT_A_NUMBER = "{what} should be a number, but it is a {kind}."
NOT_FINITE = "{what} contains {bad}, first at index {where}. {hint}"
NOT_FINITE_VALUE = "{what} is {bad}. {hint}"

# Comparisons (checker.compare).
MISMATCH = "{count} of {total} entries"
RELATIVE_ERROR = "{error:.2g} (a correct answer is below {tolerance:g})"
