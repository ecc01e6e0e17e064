"""Assignment 02's recognised mistakes, each written as the mistaken computation (staff side only).

MISTAKES maps a computation's name to {diagnosis id: implementation with that one mistake}.
"""

from checker.assignments.computational_graph import messages as say

MISTAKES = {
    "linear_forward": {
        say.Z_NO_BIAS.id: lambda W, b, A_prev: W @ A_prev,
        say.Z_TRANSPOSED_W.id: lambda W, b, A_prev: W.T @ A_prev + b if W.shape[0] == W.shape[1] else None,
    },
    "linear_backward": {
        say.DW_NOT_TRANSPOSED.id: lambda W, A_prev, G: {"dW": G @ A_prev if G.shape[1] == A_prev.shape[0] else None},
        say.DA_PREV_NO_TRANSPOSE.id: lambda W, A_prev, G: {"dA_prev": W @ G if W.shape[0] == W.shape[1] else None},
    },
    "linear_update": {
        say.UPDATE_UPHILL.id: lambda W, b, dW, db, learning_rate: (W + learning_rate * dW, b + learning_rate * db),
        say.UPDATE_RATE.id: lambda W, b, dW, db, learning_rate: (W - dW, b - db),
    },
}
