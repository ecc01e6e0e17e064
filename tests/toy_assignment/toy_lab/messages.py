"""The toy assignment's messages: its one catalogued mistake, and the plain fact."""

from checker.checks.messages import Diagnosis, template

SQUARED = Diagnosis("double.squared", "double returns x times x: it should return x plus x, 2 * x.")
WRONG = template("`{name}` returns other numbers than it should for the array it was given.", student=("name",))
