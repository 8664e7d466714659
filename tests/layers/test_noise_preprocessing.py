"""Noise layers (GaussianNoise, GaussianDropout, AlphaDropout) and preprocessing layers
(Rescaling, CenterCrop, Resizing, CategoryEncoding, RandomWidth, RandomHeight):
run_layer_test + numbers from TF.js 4.22 with the same inputs."""
import json
import math

import pytest

from pytfjs.layers.serialization import LAYER_CLASSES
from tests.helpers import assert_nested_close as _close, oracle_seq as _seq
from tests.layers.layer_test import run_layer_test

# Computed by TF.js 4.22 (tools/oracle, node); ``img`` is ``_seq(120)`` as [2, 6, 5, 2].
# ``resize_bil`` / ``resize_nn`` are TF.js's image ops with half-pixel centres (what Keras's
# Resizing does; TF.js's own Resizing layer passes the wrong flag, see preprocessing.py).
ORACLE = {'ccrop': [[[[0.96, -0.4], [-0.86, 0.62], [0.7, -0.8]], [[0, 0.99], [-0.26, -0.93], [0.49, 0.8]],
            [[-0.96, -0.15], [1, -0.11], [-0.97, 0.36]],
            [[0.53, -0.91], [-0.29, 0.99], [0.04, -1]]],
           [[[-0.18, -0.95], [0.42, 0.84], [-0.64, -0.68]],
            [[0.99, -0.03], [-0.99, 0.28], [0.91, -0.52]],
            [[-0.37, 0.97], [0.12, -1], [0.14, 0.96]],
            [[-0.79, -0.5], [0.92, 0.27], [-0.99, -0.01]]]],
 'ccrop_up': [[[[0.3, 0.91], [0.31, 0.13], [-0.263333, -0.203333]],
               [[-0.675, 0.34], [-0.1125, 0.2425], [0.161667, -0.218333]],
               [[-0.375, -0.42], [-0.213333, -0.005], [0.198333, 0.051667]],
               [[0.4025, -0.6425], [-0.043333, -0.248333], [-0.018333, 0.255833]],
               [[0.86, 0.4], [0.346667, -0.123333], [-0.353333, 0.043333]],
               [[-0.3325, 0.6775], [0.074167, 0.236667], [-0.013333, -0.254167]],
               [[-0.595, -0.025], [-0.176667, 0.143333], [0.2, -0.101667]],
               [[-0.46, -0.82], [-0.336667, -0.07], [0.3, 0.15]]],
              [[[0.98, -0.32], [0.206667, -0.316667], [-0.263333, 0.266667]],
               [[0.185, 0.67], [0.216667, 0.103333], [-0.180833, -0.155833]],
               [[-0.51, 0.385], [-0.055, 0.21], [0.096667, -0.201667]],
               [[-0.555, -0.39], [-0.258333, 0.046667], [0.250833, 0.0075]],
               [[0.6, -0.87], [-0.043333, -0.343333], [-0.036667, 0.35]],
               [[0.6075, 0.315], [0.251667, -0.075833], [-0.256667, 0.0225]],
               [[-0.16, 0.595], [0.1, 0.175], [-0.055, -0.196667]],
               [[-0.93, 0.48], [-0.15, 0.336667], [0.22, -0.306667]]]],
 'ce_count': [[1, 2, 0, 1, 0], [1, 0, 3, 0, 0]],
 'ce_multi': [[1, 1, 0, 1, 0], [1, 0, 1, 0, 0]],
 'ce_one': [[0, 1, 0, 0], [0, 0, 0, 1]],
 'img': [[[[0.3, 0.91], [-0.53, -0.77], [0.73, 0.58], [-0.88, -0.36], [0.97, 0.11]],
          [[-1, 0.15], [0.96, -0.4], [-0.86, 0.62], [0.7, -0.8], [-0.49, 0.93]],
          [[0.25, -0.99], [0, 0.99], [-0.26, -0.93], [0.49, 0.8], [-0.7, -0.62]],
          [[0.86, 0.4], [-0.96, -0.15], [1, -0.11], [-0.97, 0.36], [0.88, -0.59]],
          [[-0.73, 0.77], [0.53, -0.91], [-0.29, 0.99], [0.04, -1], [0.22, 0.94]],
          [[-0.46, -0.82], [0.67, 0.65], [-0.84, -0.43], [0.95, 0.19], [-1, 0.07]]],
         [[[0.98, -0.32], [-0.9, 0.55], [0.76, -0.75], [-0.56, 0.89], [0.33, -0.98]],
          [[-0.08, 1], [-0.18, -0.95], [0.42, 0.84], [-0.64, -0.68], [0.82, 0.47]],
          [[-0.94, -0.23], [0.99, -0.03], [-0.99, 0.28], [0.91, -0.52], [-0.78, 0.72]],
          [[0.6, -0.87], [-0.37, 0.97], [0.12, -1], [0.14, 0.96], [-0.39, -0.87]],
          [[0.61, 0.71], [-0.79, -0.5], [0.92, 0.27], [-0.99, -0.01], [0.99, -0.24]],
          [[-0.93, 0.48], [0.81, -0.69], [-0.63, 0.85], [0.41, -0.96], [-0.16, 1]]]],
 'rescale': [[[[-0.85, -0.545], [-1.265, -1.385], [-0.635, -0.71], [-1.44, -1.18],
               [-0.515, -0.945]],
              [[-1.5, -0.925], [-0.52, -1.2], [-1.43, -0.69], [-0.65, -1.4], [-1.245, -0.535]],
              [[-0.875, -1.495], [-1, -0.505], [-1.13, -1.465], [-0.755, -0.6], [-1.35, -1.31]],
              [[-0.57, -0.8], [-1.48, -1.075], [-0.5, -1.055], [-1.485, -0.82], [-0.56, -1.295]],
              [[-1.365, -0.615], [-0.735, -1.455], [-1.145, -0.505], [-0.98, -1.5],
               [-0.89, -0.53]],
              [[-1.23, -1.41], [-0.665, -0.675], [-1.42, -1.215], [-0.525, -0.905],
               [-1.5, -0.965]]],
             [[[-0.51, -1.16], [-1.45, -0.725], [-0.62, -1.375], [-1.28, -0.555], [-0.835, -1.49]],
              [[-1.04, -0.5], [-1.09, -1.475], [-0.79, -0.58], [-1.32, -1.34], [-0.59, -0.765]],
              [[-1.47, -1.115], [-0.505, -1.015], [-1.495, -0.86], [-0.545, -1.26],
               [-1.39, -0.64]],
              [[-0.7, -1.435], [-1.185, -0.515], [-0.94, -1.5], [-0.93, -0.52], [-1.195, -1.435]],
              [[-0.695, -0.645], [-1.395, -1.25], [-0.54, -0.865], [-1.495, -1.005],
               [-0.505, -1.12]],
              [[-1.465, -0.76], [-0.595, -1.345], [-1.315, -0.575], [-0.795, -1.48],
               [-1.08, -0.5]]]],
 'resize_bil': [[[[-0.069167, 0.254167], [0.3325, 0.59], [0.241667, 0.053333]],
                 [[0.038333, -0.255833], [-0.41, -0.5425], [-0.250833, -0.021667]],
                 [[0.1125, 0.215], [0.6775, 0.165], [0.2375, -0.131667]],
                 [[-0.14, -0.195], [-0.7025, -0.075], [-0.2225, 0.155833]]],
                [[[0.236667, 0.065], [0.675, -0.3525], [0.108333, -0.245833]],
                 [[-0.250833, -0.035], [-0.6375, 0.42], [-0.079167, 0.251667]],
                 [[0.243333, -0.115833], [0.32, -0.6825], [-0.0775, -0.235833]],
                 [[-0.226667, 0.144167], [-0.2425, 0.705], [0.105, 0.219167]]]],
 'resize_nn': [[[[0.3, 0.91], [-0.53, -0.77], [-0.53, -0.77], [0.73, 0.58], [-0.88, -0.36],
                 [-0.88, -0.36], [0.97, 0.11]],
                [[-1, 0.15], [0.96, -0.4], [0.96, -0.4], [-0.86, 0.62], [0.7, -0.8], [0.7, -0.8],
                 [-0.49, 0.93]],
                [[-1, 0.15], [0.96, -0.4], [0.96, -0.4], [-0.86, 0.62], [0.7, -0.8], [0.7, -0.8],
                 [-0.49, 0.93]],
                [[0.25, -0.99], [0, 0.99], [0, 0.99], [-0.26, -0.93], [0.49, 0.8], [0.49, 0.8],
                 [-0.7, -0.62]],
                [[0.86, 0.4], [-0.96, -0.15], [-0.96, -0.15], [1, -0.11], [-0.97, 0.36],
                 [-0.97, 0.36], [0.88, -0.59]],
                [[0.86, 0.4], [-0.96, -0.15], [-0.96, -0.15], [1, -0.11], [-0.97, 0.36],
                 [-0.97, 0.36], [0.88, -0.59]],
                [[-0.73, 0.77], [0.53, -0.91], [0.53, -0.91], [-0.29, 0.99], [0.04, -1],
                 [0.04, -1], [0.22, 0.94]],
                [[-0.46, -0.82], [0.67, 0.65], [0.67, 0.65], [-0.84, -0.43], [0.95, 0.19],
                 [0.95, 0.19], [-1, 0.07]],
                [[-0.46, -0.82], [0.67, 0.65], [0.67, 0.65], [-0.84, -0.43], [0.95, 0.19],
                 [0.95, 0.19], [-1, 0.07]]],
               [[[0.98, -0.32], [-0.9, 0.55], [-0.9, 0.55], [0.76, -0.75], [-0.56, 0.89],
                 [-0.56, 0.89], [0.33, -0.98]],
                [[-0.08, 1], [-0.18, -0.95], [-0.18, -0.95], [0.42, 0.84], [-0.64, -0.68],
                 [-0.64, -0.68], [0.82, 0.47]],
                [[-0.08, 1], [-0.18, -0.95], [-0.18, -0.95], [0.42, 0.84], [-0.64, -0.68],
                 [-0.64, -0.68], [0.82, 0.47]],
                [[-0.94, -0.23], [0.99, -0.03], [0.99, -0.03], [-0.99, 0.28], [0.91, -0.52],
                 [0.91, -0.52], [-0.78, 0.72]],
                [[0.6, -0.87], [-0.37, 0.97], [-0.37, 0.97], [0.12, -1], [0.14, 0.96],
                 [0.14, 0.96], [-0.39, -0.87]],
                [[0.6, -0.87], [-0.37, 0.97], [-0.37, 0.97], [0.12, -1], [0.14, 0.96],
                 [0.14, 0.96], [-0.39, -0.87]],
                [[0.61, 0.71], [-0.79, -0.5], [-0.79, -0.5], [0.92, 0.27], [-0.99, -0.01],
                 [-0.99, -0.01], [0.99, -0.24]],
                [[-0.93, 0.48], [0.81, -0.69], [0.81, -0.69], [-0.63, 0.85], [0.41, -0.96],
                 [0.41, -0.96], [-0.16, 1]],
                [[-0.93, 0.48], [0.81, -0.69], [0.81, -0.69], [-0.63, 0.85], [0.41, -0.96],
                 [0.41, -0.96], [-0.16, 1]]]]}


# ------------------------------------------------------------------------------ noise
@pytest.mark.parametrize("factory,kwargs,shape", [
    ("gaussian_noise", {"stddev": 0.5}, (2, 3)),
    ("gaussian_noise", {"stddev": 0.1, "seed": 3}, (2, 3, 4)),
    ("gaussian_dropout", {"rate": 0.3}, (2, 3)),
    ("alpha_dropout", {"rate": 0.2}, (2, 3)),
    ("alpha_dropout", {"rate": 0.2, "noise_shape": [None, 1, 4], "seed": 1}, (2, 3, 4)),
])
def test_noise_layers(tf, factory, kwargs, shape):
    run_layer_test(tf, factory, kwargs, shape, expected_output_shape=shape)


def test_noise_configs(tf):
    assert {k: v for k, v in tf.layers.gaussian_noise(stddev=0.2).get_config().items()
            if k not in ("name", "trainable", "dtype")} == {"stddev": 0.2}
    assert list(tf.layers.gaussian_dropout(rate=0.1).get_config())[:2] == ["rate", "name"]
    assert list(tf.layers.alpha_dropout(rate=0.1).get_config())[:2] == ["rate", "name"]


def _stats(values):
    n = len(values)
    mean = sum(values) / n
    return mean, math.sqrt(sum((v - mean) ** 2 for v in values) / n)


def test_noise_in_training(tf):
    with tf.tidy():
        x = tf.fill([4000], 2.0)
        for factory in ("gaussian_noise", "gaussian_dropout", "alpha_dropout"):
            kw = {"stddev": 0.5} if factory == "gaussian_noise" else {"rate": 0.2}
            layer = getattr(tf.layers, factory)(**kw)
            assert layer.apply(x, training=False).to_list() == x.to_list()
        mean, std = _stats(tf.layers.gaussian_noise(stddev=0.5).apply(x, training=True).to_list())
        assert abs(mean - 2.0) < 0.05 and abs(std - 0.5) < 0.05
        mean, std = _stats(tf.layers.gaussian_dropout(rate=0.2).apply(x, training=True).to_list())
        assert abs(mean - 2.0) < 0.05 and abs(std - 2.0 * math.sqrt(0.2 / 0.8)) < 0.05
        # alpha dropout: kept -> a*x + b, dropped -> a*alpha' + b (alpha' = -alpha*scale, Keras)
        rate = 0.2
        alpha_p = -1.6732632423543772 * 1.0507009873554805
        a = ((1 - rate) * (1 + rate * alpha_p ** 2)) ** -0.5
        b = -a * alpha_p * rate
        out = tf.layers.alpha_dropout(rate=rate).apply(x, training=True).to_list()
        kept, dropped = a * 2.0 + b, a * alpha_p + b
        assert all(abs(v - kept) < 1e-4 or abs(v - dropped) < 1e-4 for v in out)
        frac = sum(abs(v - dropped) < 1e-4 for v in out) / len(out)
        assert abs(frac - rate) < 0.03
        # on standard-normal inputs the output stays about zero-mean, unit-variance
        z = tf.random_normal([20000], 0, 1, "float32", 7)
        mean, std = _stats(tf.layers.alpha_dropout(rate=rate).apply(z, training=True).to_list())
        assert abs(mean) < 0.05 and abs(std - 1.0) < 0.05


# ------------------------------------------------------------------------------ preprocessing
@pytest.mark.parametrize("factory,kwargs,shape,expected", [
    ("rescaling", {"scale": 1 / 255}, (2, 4, 4, 3), (2, 4, 4, 3)),
    ("rescaling", {"scale": 2.0, "offset": -1.0}, (2, 3), (2, 3)),
    ("center_crop", {"height": 2, "width": 3}, (2, 4, 5, 3), (2, 2, 3, 3)),
    ("center_crop", {"height": 2, "width": 2}, (4, 4, 3), (2, 2, 3)),
    ("center_crop", {"height": 6, "width": 2}, (2, 4, 4, 1), (2, 6, 2, 1)),
    ("resizing", {"height": 3, "width": 5}, (2, 4, 4, 3), (2, 3, 5, 3)),
    ("resizing", {"height": 2, "width": 2, "interpolation": "nearest"}, (2, 4, 4, 3), (2, 2, 2, 3)),
    ("resizing", {"height": 2, "width": 4, "crop_to_aspect_ratio": True}, (4, 4, 2), (2, 4, 2)),
])
def test_preprocessing_layers(tf, factory, kwargs, shape, expected):
    # unbatched images change their first dimension: no training step through a model there
    run_layer_test(tf, factory, kwargs, shape, expected_output_shape=expected, trains=len(shape) != 3)


@pytest.mark.parametrize("kwargs,shape,expected", [
    ({"num_tokens": 5}, (3, 4), (3, 5)),
    ({"num_tokens": 5, "output_mode": "count"}, (3, 4), (3, 5)),
    ({"num_tokens": 6, "output_mode": "one_hot"}, (3, 1), (3, 6)),
    ({"num_tokens": 6, "output_mode": "oneHot"}, (3,), (3, 6)),
    ({"num_tokens": 6, "output_mode": "multiHot"}, (3,), (6,)),
])
def test_category_encoding_layer(tf, kwargs, shape, expected):
    run_layer_test(tf, "category_encoding", kwargs, shape, input_dtype="int32",
                   expected_output_shape=expected, trains=False)


@pytest.mark.parametrize("factory,kwargs,shape", [
    ("random_width", {"factor": 0.3}, (2, 4, 4, 3)),
    ("random_width", {"factor": [-0.5, 0.5], "interpolation": "nearest", "seed": 2}, (4, 4, 3)),
    ("random_height", {"factor": 0.3}, (2, 4, 4, 3)),
    ("random_height", {"factor": [0.2, 0.6], "seed": 1}, (4, 4, 1)),
])
def test_random_resize_layers(tf, factory, kwargs, shape):
    # run_layer_test needs compute_output_shape to equal the eager shape, but the resized
    # dimension is data-dependent (None); the same checks by hand:
    with tf.tidy():
        layer = getattr(tf.layers, factory)(**kwargs)
        config = layer.get_config()
        spec = json.loads(json.dumps({"class_name": layer.class_name, "config": config}))
        assert LAYER_CLASSES[spec["class_name"]].from_config(spec["config"]).get_config() == config
        x = tf.ones(list(shape))
        assert layer.apply(x, training=False).shape == x.shape
        y = layer.apply(x)
        axis = -2 if factory == "random_width" else -3
        lo, hi = (-kwargs["factor"], kwargs["factor"]) if not isinstance(kwargs["factor"], list) \
            else kwargs["factor"]
        assert round((1 + lo) * shape[axis]) <= y.shape[axis] <= round((1 + hi) * shape[axis])
        other = -3 if axis == -2 else -2
        assert y.shape[other] == shape[other]
        sym = layer.apply(tf.input(batch_shape=[None, *shape[1:]]) if len(shape) == 4 else
                          tf.input(batch_shape=list(shape)))
        assert sym.shape[axis] is None


def test_preprocessing_configs(tf):
    def own(layer):
        return {k: v for k, v in layer.get_config().items() if k not in ("name", "trainable", "dtype")}
    assert own(tf.layers.rescaling(scale=2)) == {"scale": 2, "offset": 0}
    assert own(tf.layers.center_crop(height=2, width=3)) == {"height": 2, "width": 3}
    assert own(tf.layers.resizing(height=2, width=3)) == {
        "height": 2, "width": 3, "interpolation": "bilinear", "crop_to_aspect_ratio": False}
    assert own(tf.layers.category_encoding(num_tokens=4)) == {"num_tokens": 4, "output_mode": "multi_hot"}
    assert own(tf.layers.category_encoding(num_tokens=4, output_mode="oneHot"))["output_mode"] == "one_hot"
    assert own(tf.layers.random_width(factor=0.2)) == {"factor": 0.2, "interpolation": "bilinear", "seed": None}
    with pytest.raises(ValueError):
        tf.layers.resizing(height=2, width=2, interpolation="bicubic")
    with pytest.raises(ValueError):
        tf.layers.random_width(factor=-0.5)
    with pytest.raises(ValueError):
        tf.layers.random_height(factor=[0.5, 0.1])
    with pytest.raises(ValueError):
        tf.layers.category_encoding(num_tokens=3, output_mode="tf_idf")


def test_preprocessing_numbers_match_tfjs(tf):
    with tf.tidy():
        img = tf.tensor(_seq(120), [2, 6, 5, 2])
        _close(img.to_list(), ORACLE["img"])
        _close(tf.layers.rescaling(scale=0.5, offset=-1).apply(img).to_list(), ORACLE["rescale"])
        _close(tf.layers.center_crop(height=4, width=3).apply(img).to_list(), ORACLE["ccrop"])
        _close(tf.layers.center_crop(height=8, width=3).apply(img).to_list(), ORACLE["ccrop_up"])
        _close(tf.layers.resizing(height=4, width=3).apply(img).to_list(), ORACLE["resize_bil"])
        _close(tf.layers.resizing(height=9, width=7, interpolation="nearest").apply(img).to_list(),
               ORACLE["resize_nn"])
        ids = tf.tensor([[0, 1, 1, 3], [2, 2, 2, 0]], None, "int32")
        assert tf.layers.category_encoding(num_tokens=5).apply(ids).to_list() == ORACLE["ce_multi"]
        out = tf.layers.category_encoding(num_tokens=5, output_mode="count").apply(ids)
        assert out.dtype == "float32" and out.to_list() == ORACLE["ce_count"]
        one = tf.layers.category_encoding(num_tokens=4, output_mode="one_hot").apply(
            tf.tensor([[1], [3]], None, "int32"))
        assert one.to_list() == ORACLE["ce_one"]


def test_category_encoding_count_weights_and_errors(tf):
    with tf.tidy():
        layer = tf.layers.category_encoding(num_tokens=3, output_mode="count")
        ids = tf.tensor([[0, 1, 1], [2, 2, 0]], None, "int32")
        out = layer.apply(ids, count_weights=tf.tensor([[0.5, 1.0, 2.0], [1.0, 1.0, 3.0]]))
        _close(out.to_list(), [[0.5, 3.0, 0.0], [3.0, 0.0, 2.0]])
        with pytest.raises(ValueError, match="between"):
            layer.apply(tf.tensor([[0, 3]], None, "int32"))
        with pytest.raises(ValueError, match="count_weights"):
            tf.layers.category_encoding(num_tokens=3).apply(ids, count_weights=tf.ones([2, 3]))


def test_resizing_crop_to_aspect_ratio(tf):
    with tf.tidy():
        x = tf.reshape(tf.range(0, 16), [1, 4, 4, 1])
        # a 2:4 target crops the central 2 x 4 rows first, then resizes (identity here)
        out = tf.layers.resizing(height=2, width=4, crop_to_aspect_ratio=True).apply(x)
        assert out.reshape([2, 4]).to_list() == [[4.0, 5.0, 6.0, 7.0], [8.0, 9.0, 10.0, 11.0]]
