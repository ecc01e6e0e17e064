"""What a gradient check says, as templates kept in one place (numbers and bands: checker.thresholds)."""

# The verdict, first line of a report.
AGREE_FULL = "Your gradient agrees with f at every one of its {entries:,} entries."
AGREE_SAMPLED = ("Your gradient agrees with f at the {checked:,} entries checked, picked at random out of {entries:,}. "
                 "This is a spot check: the other entries were not compared.")
AGREE_DIRECTIONS = ("Your gradient agrees with f along {count:,} random directions{which}. A wrong entry changes the slope "
                    "along almost every random direction, so this finds mistakes without comparing each entry on its own.")
PER_PARAMETER = " ({rounds} through each of {names} on its own)"
THROUGH_ALL = " (each through all of {names} at once)"
WRONG_ENTRY = "Your gradient is wrong at {entry}: yours is {yours:.6g}, f's slope there is {numerical:.6g}{ratio}."
WRONG_COUNT = "Entries that disagree with f: {count:,} of the {checked:,} compared."
NOT_PINNED = ("Your gradient disagrees with f along a random direction through {names}: your slope is {yours:.6g}, "
              "f's is {numerical:.6g}. The checker could not pin it down to one entry within {budget:,} comparisons: "
              "check {names} entry by entry with mode=\"full\".")
UNUSABLE = "The gradient check could not run: {reason}."

# The metric that decided, with its band.
DECIDED = "Relative error |yours − f's| / (|yours| + |f's|) = {error:.2g}: {band}."
LARGEST = "The largest relative error is {error:.2g}: {band}."

# How the wrong entry was found, and what else to know.
FOUND_ALONG = ("Found along a random direction through {names} (relative error {error:.2g} there), "
               "then narrowed down to this entry by halving that direction.")
MORE_MAY_BE_WRONG = "Other entries may be wrong too: fix this one and check again."
ALSO_WRONG = "Also wrong: {entries}."
KINK_AT_ENTRY = ("f has a kink at this entry (like ReLU at 0): its slope is {left:.6g} on the left and {right:.6g} "
                 "on the right, and yours is neither, nor between them. (A unit sitting exactly on its kink for several "
                 "examples at once, as with weights initialised to zeros, can make a right gradient look like this: "
                 "check at random parameters.)")
KINKS_PASSED = ("{count} crossed a kink of f (like ReLU at 0), where f's slope jumps: there yours matched "
                "f's slope on one side or, at a single entry, lay between the two, as the gradient of a kinked function does.")
ROUNDOFF_PASSED = ("{count} had slopes too close to 0 for a relative error to mean anything: their "
                   "difference was within f's round-off, so they count as agreeing.")
SET_ASIDE = ("{count} disagreed as a whole while every part of them agreed with f (several kinks at once, "
             "or a slope near zero lost in round-off), so they were set aside.")
METHOD_CENTRED = ("f's slopes are centred differences (f(x + h·u) − f(x − h·u)) / 2h with h = {step:g} along each "
                  "direction u, in float64: {evaluations:,} evaluations of f.")
METHOD_COMPLEX = ("f's slopes are complex steps Im f(x + i·h·u) / h with h = {step:g}, exact to round-off "
                  "(a difference is confirmed with centred differences, which also see kinks): {evaluations:,} evaluations of f.")
NOTE_PROMOTED = "Your float32 parameters were promoted to float64 for the finite differences."
NOTE_IGNORED = "Gradients with no parameter of that name were ignored: {names}."

# How yours compares with f's slope at one entry.
RATIO = " (yours is {ratio:.3g} times that)"
SIGN_FLIPPED = " (yours has the opposite sign)"
F_FLAT = " (f does not change along this entry, so its gradient there is 0)"
YOURS_ZERO = " (yours is 0, but f changes along this entry)"

# One line, for checks that embed the finding in their own sentence.
DESCRIBE_YOURS = "{entry} is wrong: yours is {yours:.4g}; relative error {error:.2g}, {band}"
DESCRIBE_UNPINNED = "they disagree, though no single entry could be named"
DESCRIBE_WRONG = "{entry}: yours {yours:.4g}, numerical {numerical:.4g}{ratio}; relative error {error:.2g}, {band}"
DESCRIBE_AGREE = "gradients agree ({mode} mode: largest relative error {error:.1e}, {evaluations:,} evaluations of f)"

# Why a check could not run: the function being checked, or the gradients given.
F_RAISED = "your function raised {error}"
READ_ONLY = " (it changes its input in place: compute new arrays instead, e.g. W = W - step rather than W -= step)"
NOT_SCALAR = "your function returned {what}; a gradient check needs one number, the cost"
FLOAT32_VALUE = ("your function returns float32. Finite differences move a parameter by {step:g} and need f to about "
                 "14 digits; float32 keeps 7. Compute f in float64 while checking (float32 gradients are fine)")
NOT_FINITE = "your function returned {value} near the parameters; a gradient check needs finite values"
NOT_DETERMINISTIC = ("your function gave {first!r} and then {second!r} at the same parameters, so its finite differences "
                     "mean nothing. Switch off what is random inside it (dropout, a random mini-batch, noise) or fix "
                     "its seed while checking")
COMPLEX_DROPPED = ("your function dropped the imaginary part of its input, so the complex step cannot see its slope: "
                   "float(), .real, .astype(float) or writing into a float array do that. Use mode=\"auto\" instead")
COMPLEX_BROKEN = ("along a direction through {names}, the complex step gives slope {complex:.6g} but centred differences "
                  "give {centred:.6g}, as your gradient does: your function breaks the complex step. np.abs, "
                  "np.linalg.norm, np.vdot, np.sign, .real and conjugates are not analytic; write |x| as "
                  "np.where(x < 0, -x, x), or use mode=\"auto\" instead")
TOO_NOISY = ("f's round-off is too large for finite differences here: near the parameters its values scatter by "
             "about {noise:.2g} around a straight line, which blurs its slope along {names} by about {blur:.2g} even "
             "with a step of {step:g}, more than yours differs from it ({difference:.2g}). This happens when f "
             "subtracts large, nearly equal numbers: compute f more accurately, or use mode=\"complex-step\", which "
             "subtracts nothing")
GRADIENTS_NOT_DICT = "the parameters are a dict, so the gradients must be a dict with the same names (or 'd' + name)"
MISSING_GRADIENT = "your gradients have nothing for {name} (looked for '{name}' and 'd{name}')"
SHAPE_MISMATCH = "your gradient for {name} has shape {yours}, but {name} has shape {shape}{hint}"
TRANSPOSED = " (transposed?)"
NOT_NUMBERS = "your gradient for {name} is not an array of numbers ({error})"
PARAMS_NOT_NUMBERS = "the parameters are not arrays of numbers ({error})"
UNKNOWN_MODE = "mode must be one of {modes}, not {mode!r}"
