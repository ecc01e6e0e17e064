"""The toy assignment's recognised mistake, written as the mistaken computation (staff side only).

MISTAKES maps a computation's name to {diagnosis id: implementation with that one mistake}.
"""

from toy_lab import messages as say

MISTAKES = {
    "double": {say.SQUARED.id: lambda x: x * x},
}
