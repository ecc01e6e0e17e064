"""Image datasets in the classic shapes: X (m, px, px[, 3]) with values 0-255, Y (1, m).

`load_dataset()` needs no download: it turns scikit-learn's bundled handwritten digits
(1,797 real 8×8 scans) into an even-versus-odd task. Given a folder, it reads your own data:
Coursera-style `train_catvnoncat.h5` / `test_catvnoncat.h5`, or Kaggle-style `cat.12.jpg`
and `dog.7.jpg` images (resized, split 80/20 with a seed, cached next to them as `.npz`).
"""

import functools
import hashlib
import importlib.util
import os
import re
from pathlib import Path

import numpy as np

# Fixed split of the digits: every fifth scan (index 4, 9, 14, ...) is a test example.
DIGITS_TEST_EVERY = 5
DIGITS_CLASSES = np.array([b"odd", b"even"])
H5_FILES = ("train_catvnoncat.h5", "test_catvnoncat.h5")
IMAGE_NAME = re.compile(r"^(cat|dog)\.\d+\.(jpe?g|png)$", re.IGNORECASE)
IMAGE_CLASSES = np.array([b"dog", b"cat"])
IMAGE_SIZE = 64
TEST_FRACTION = 0.2


def load_dataset(folder=None, seed=0):
    """Return (train_set_x_orig, train_set_y, test_set_x_orig, test_set_y, classes)."""
    if folder is None:
        return load_digits_even_odd()
    folder = Path(folder)
    if all((folder / name).is_file() for name in H5_FILES):
        return load_h5_folder(folder)
    if any(IMAGE_NAME.match(path.name) for path in _listing(folder)):
        return load_image_folder(folder, seed)
    raise FileNotFoundError(
        f"{folder} holds neither {H5_FILES[0]} and {H5_FILES[1]} nor images named like "
        "cat.1.jpg / dog.1.jpg. Call load_dataset() with no folder to use the built-in digits."
    )


def load_digits_even_odd():
    """scikit-learn's digits as 0-255 images, labelled 1 for even digits and 0 for odd ones."""
    table = _digits_table()
    images = np.round(table[:, :-1].reshape(-1, 8, 8) * (255 / 16)).astype(np.uint8)
    labels = (table[:, -1].astype(np.int64) % 2 == 0).astype(np.int64)
    test = np.arange(len(labels)) % DIGITS_TEST_EVERY == DIGITS_TEST_EVERY - 1
    return images[~test], labels[~test][None, :], images[test], labels[test][None, :], DIGITS_CLASSES.copy()


def load_h5_folder(folder):
    """The Coursera cat/non-cat files, with labels reshaped to (1, m)."""
    import h5py

    with h5py.File(Path(folder) / H5_FILES[0], "r") as train, h5py.File(Path(folder) / H5_FILES[1], "r") as test:
        train_x = np.array(train["train_set_x"][:])
        train_y = np.array(train["train_set_y"][:]).reshape(1, -1)
        test_x = np.array(test["test_set_x"][:])
        test_y = np.array(test["test_set_y"][:]).reshape(1, -1)
        classes = np.array(test["list_classes"][:])
    return train_x, train_y, test_x, test_y, classes


def load_image_folder(folder, seed=0):
    """cat.N / dog.N images as 64×64×3 arrays (cat = 1), split 80/20 by `seed`, cached as .npz."""
    paths = sorted((p for p in _listing(folder) if IMAGE_NAME.match(p.name)), key=lambda p: p.name)
    fingerprint = _fingerprint(paths, seed)
    cache = Path(folder) / f".backprop-lab-cache-{fingerprint[:16]}.npz"
    if cache.is_file():
        with np.load(cache) as stored:
            return tuple(stored[key] for key in ("train_x", "train_y", "test_x", "test_y")) + (IMAGE_CLASSES.copy(),)
    images = np.stack([_read_image(path) for path in paths])
    labels = np.array([path.name.lower().startswith("cat") for path in paths], dtype=np.int64)
    order = np.random.default_rng(seed).permutation(len(paths))
    test, train = order[: round(len(paths) * TEST_FRACTION)], order[round(len(paths) * TEST_FRACTION):]
    split = dict(train_x=images[train], train_y=labels[train][None, :], test_x=images[test], test_y=labels[test][None, :])
    _write_cache(cache, split)
    return split["train_x"], split["train_y"], split["test_x"], split["test_y"], IMAGE_CLASSES.copy()


@functools.lru_cache(maxsize=1)
def _cached_digits_table():
    table = np.loadtxt(_digits_file(), delimiter=",")
    table.flags.writeable = False
    return table


def _digits_table():
    """The digits as one (1797, 65) table, read once per process (the last column is the label)."""
    return _cached_digits_table().copy()


def warm_cache():
    """Read the digits now, so processes forked later find them in memory."""
    _cached_digits_table()


def _digits_file():
    """The digits table scikit-learn ships, found without importing scikit-learn (slow to import)."""
    spec = importlib.util.find_spec("sklearn")
    if spec is None or not spec.submodule_search_locations:
        raise ModuleNotFoundError("the built-in dataset needs scikit-learn: pip install scikit-learn")
    return os.path.join(spec.submodule_search_locations[0], "datasets", "data", "digits.csv.gz")


def _listing(folder):
    return [path for path in Path(folder).iterdir() if path.is_file()]


def _read_image(path):
    from PIL import Image

    with Image.open(path) as image:
        return np.asarray(image.convert("RGB").resize((IMAGE_SIZE, IMAGE_SIZE)), dtype=np.uint8)


def _fingerprint(paths, seed):
    """Changes whenever an image is added, removed or rewritten, or the seed changes."""
    digest = hashlib.sha256(f"{seed}|{IMAGE_SIZE}|{TEST_FRACTION}".encode())
    for path in paths:
        stat = path.stat()
        digest.update(f"|{path.name}:{stat.st_size}:{stat.st_mtime_ns}".encode())
    return digest.hexdigest()


def _write_cache(cache, arrays):
    """Write atomically; a read-only folder simply goes without a cache."""
    partial = cache.with_suffix(".partial.npz")
    try:
        np.savez(partial, **arrays)
        os.replace(partial, cache)
    except OSError:
        partial.unlink(missing_ok=True)


def load_digits_for_network():
    """The digits in the format of assignment 03: lists of (x (64, 1), one-hot y (10, 1)) and (x, label).

    Same fixed split as load_dataset(); pixel values scaled to [0, 1].
    """
    table = _digits_table()
    inputs, labels = table[:, :-1] / 16.0, table[:, -1].astype(int)
    test = np.arange(len(labels)) % DIGITS_TEST_EVERY == DIGITS_TEST_EVERY - 1
    one_hot = np.eye(10)[labels]
    training = [(inputs[i].reshape(64, 1), one_hot[i].reshape(10, 1)) for i in np.flatnonzero(~test)]
    testing = [(inputs[i].reshape(64, 1), int(labels[i])) for i in np.flatnonzero(test)]
    return training, testing
