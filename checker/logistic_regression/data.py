"""Check of the data preparation: counts, flattening so that examples are columns, scaling."""

import numbers

import numpy as np

from checker.logistic_regression import messages as say
from checker.registry import check
from checker.shapes import require_array, require_shape


def _require_count(run, name, value, expected, array, shape):
    if not isinstance(value, (numbers.Integral, np.integer)) or value != expected:
        run.fail(say.COUNT_WRONG.format(name=name, value=value, array=array, shape=shape))


def _check_flattened(run, name, flat, images):
    m = images.shape[0]
    require_shape(run, flat, (int(np.prod(images.shape[1:])), m), name)
    if not np.array_equal(flat, images.reshape(m, -1).T):
        run.fail(say.COLUMNS_NOT_IMAGES.format(name=name))


def _check_scaled(run, name, scaled, flat, source):
    require_shape(run, scaled, flat.shape, name)
    if np.allclose(scaled, flat / 255.0, rtol=1e-6, atol=1e-7):
        return
    if np.array_equal(scaled, flat) and flat.max() > 1:
        run.fail(say.NOT_NORMALIZED.format(name=name, top=float(np.max(scaled))))
    if np.array_equal(scaled, flat // 255):
        run.fail(say.INTEGER_DIVISION.format(name=name))
    run.fail(say.WRONG_SCALE.format(name=name, source=source))


@check("data_preparation")
def check_data_preparation(run, train_set_x_orig, test_set_x_orig, m_train, m_test, num_px,
                           train_set_x_flatten, test_set_x_flatten, train_set_x, test_set_x):
    for name, images in (("train_set_x_orig", train_set_x_orig), ("test_set_x_orig", test_set_x_orig)):
        require_array(run, images, name)
    _require_count(run, "m_train", m_train, train_set_x_orig.shape[0], "train_set_x_orig", train_set_x_orig.shape)
    _require_count(run, "m_test", m_test, test_set_x_orig.shape[0], "test_set_x_orig", test_set_x_orig.shape)
    if not isinstance(num_px, (numbers.Integral, np.integer)) or num_px != train_set_x_orig.shape[1]:
        run.fail(say.NUM_PX_WRONG.format(value=num_px, shape=train_set_x_orig.shape))
    _check_flattened(run, "train_set_x_flatten", train_set_x_flatten, train_set_x_orig)
    _check_flattened(run, "test_set_x_flatten", test_set_x_flatten, test_set_x_orig)
    _check_scaled(run, "train_set_x", train_set_x, train_set_x_flatten, "train_set_x_flatten")
    _check_scaled(run, "test_set_x", test_set_x, test_set_x_flatten, "test_set_x_flatten")
