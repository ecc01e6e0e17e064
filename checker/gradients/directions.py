"""Directions through the parameters, kept sparse: blocks of consecutive entries, one parameter each.

A random direction covers every entry of every parameter; its restriction to one parameter is
that parameter's own direction; halving a direction keeps its values, so the slopes of the two
halves add up to the slope of the whole (for smooth f). A single entry is a direction too.
"""

import functools

import numpy as np


class Direction:
    """Blocks (name, start, stop, values): entries start..stop-1 of the flattened parameter `name`."""

    def __init__(self, blocks):
        self.blocks = [(name, start, stop, values) for name, start, stop, values in blocks if stop > start]

    @classmethod
    def random(cls, rng, shapes):
        """Values drawn uniformly from [-1, 1] on every entry of every parameter.

        Any continuous symmetric distribution will do (no combination of entries cancels but by chance);
        the uniform one is three times quicker to draw than the normal one, which counts for large networks.
        """
        return cls([(name, 0, int(np.prod(shape)), rng.uniform(-1.0, 1.0, int(np.prod(shape)))) for name, shape in shapes.items()])

    @classmethod
    def entry(cls, name, flat):
        """The unit step along one entry of one parameter."""
        return cls([(name, flat, flat + 1, np.ones(1))])

    @property
    def size(self):
        return sum(stop - start for _, start, stop, _ in self.blocks)

    @functools.cached_property
    def squares(self):
        """‖values‖² of each block."""
        return [float(np.dot(values, values)) for *_, values in self.blocks]

    @property
    def norm(self):
        return float(np.sqrt(sum(self.squares)))

    @property
    def names(self):
        return [name for name, *_ in self.blocks]  # one block per parameter

    def per_parameter(self):
        """This direction's restriction to each parameter in turn."""
        return [Direction([block]) for block in self.blocks]

    def split(self):
        """The first and the second half of the entries, with their values unchanged."""
        first, second, remaining = [], [], self.size // 2
        for name, start, stop, values in self.blocks:
            cut = min(stop - start, remaining)
            first.append((name, start, start + cut, values[:cut]))
            second.append((name, start + cut, stop, values[cut:]))
            remaining -= cut
        return Direction(first), Direction(second)

    def slope(self, flat_gradients):
        """uᵀg: the slope `flat_gradients` (name -> flattened gradient) predict along this direction."""
        return float(sum(np.dot(flat_gradients[name][start:stop], values) for name, start, stop, values in self.blocks))

    def typical_size(self, typical):
        """‖u‖ weighted by each parameter's typical entry size (`typical`: name -> size)."""
        return float(np.sqrt(sum(typical[name] ** 2 * square for (name, *_), square in zip(self.blocks, self.squares))))

    def only_entry(self):
        """(name, flat index, value) when this direction moves a single entry."""
        (name, start, _, values), = self.blocks
        return name, start, float(values[0])
