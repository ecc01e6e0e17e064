"""Does the loader give the classic shapes for the built-in digits, HDF5 files and image folders?"""

import numpy as np
import pytest

from checker import datasets


def test_digits_are_a_fixed_balanced_even_odd_split():
    train_x, train_y, test_x, test_y, classes = datasets.load_dataset()
    assert train_x.shape == (1438, 8, 8) and test_x.shape == (359, 8, 8)
    assert train_y.shape == (1, 1438) and test_y.shape == (1, 359)
    assert train_x.dtype == np.uint8 and train_x.max() == 255 and train_x.min() == 0
    assert set(np.unique(train_y)) == {0, 1} and 0.4 < train_y.mean() < 0.6
    assert list(classes) == [b"odd", b"even"]
    again = datasets.load_dataset()
    np.testing.assert_array_equal(again[2], test_x)


def test_coursera_h5_files_are_read(tmp_path):
    h5py = pytest.importorskip("h5py")
    rng = np.random.default_rng(0)
    for split, m in (("train", 6), ("test", 3)):
        with h5py.File(tmp_path / f"{split}_catvnoncat.h5", "w") as f:
            f[f"{split}_set_x"] = rng.integers(0, 256, size=(m, 4, 4, 3), dtype=np.uint8)
            f[f"{split}_set_y"] = rng.integers(0, 2, size=m)
            f["list_classes"] = np.array([b"non-cat", b"cat"])
    train_x, train_y, test_x, test_y, classes = datasets.load_dataset(tmp_path)
    assert train_x.shape == (6, 4, 4, 3) and train_y.shape == (1, 6)
    assert test_x.shape == (3, 4, 4, 3) and test_y.shape == (1, 3)
    assert list(classes) == [b"non-cat", b"cat"]


def write_images(folder, cats=6, dogs=4):
    from PIL import Image

    folder.mkdir(exist_ok=True)
    for kind, count, colour in (("cat", cats, (200, 30, 30)), ("dog", dogs, (30, 30, 200))):
        for i in range(count):
            Image.new("RGB", (20 + i, 15), colour).save(folder / f"{kind}.{i}.jpg")
    (folder / "notes.txt").write_text("ignored")


def test_image_folder_is_resized_split_and_labelled(tmp_path):
    write_images(tmp_path)
    train_x, train_y, test_x, test_y, classes = datasets.load_dataset(tmp_path, seed=3)
    assert train_x.shape == (8, 64, 64, 3) and test_x.shape == (2, 64, 64, 3)
    assert train_y.shape == (1, 8) and test_y.shape == (1, 2)
    labels = np.concatenate([train_y, test_y], axis=1)
    assert labels.sum() == 6 and list(classes) == [b"dog", b"cat"]
    reds = np.concatenate([train_x, test_x])[..., 0].mean(axis=(1, 2)) > 100
    np.testing.assert_array_equal(reds, labels[0] == 1)


def test_image_folder_is_cached_and_the_cache_follows_the_files(tmp_path, monkeypatch):
    write_images(tmp_path)
    first = datasets.load_dataset(tmp_path, seed=0)
    assert len(list(tmp_path.glob(".backprop-lab-cache-*.npz"))) == 1

    def no_reading(path):
        raise AssertionError("images were decoded again although a cache exists")

    monkeypatch.setattr(datasets, "_read_image", no_reading)
    cached = datasets.load_dataset(tmp_path, seed=0)
    for a, b in zip(first, cached):
        np.testing.assert_array_equal(a, b)
    monkeypatch.undo()
    write_images(tmp_path, cats=7)
    assert datasets.load_dataset(tmp_path, seed=0)[0].shape[0] + datasets.load_dataset(tmp_path, seed=0)[2].shape[0] == 11


def test_other_seed_other_split(tmp_path):
    write_images(tmp_path, cats=10, dogs=10)
    a = datasets.load_dataset(tmp_path, seed=0)[1]
    b = datasets.load_dataset(tmp_path, seed=1)[1]
    assert a.shape == b.shape and not np.array_equal(a, b)


def test_unknown_folder_contents_get_a_clear_message(tmp_path):
    with pytest.raises(FileNotFoundError, match="cat.1.jpg"):
        datasets.load_dataset(tmp_path)
