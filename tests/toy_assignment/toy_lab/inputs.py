"""What the toy assignment's checks draw: a small array of any shape."""


def array(rng):
    return rng.normal(size=(int(rng.integers(2, 5)), int(rng.integers(1, 4))))
