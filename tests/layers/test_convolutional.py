"""Convolutional layers: run_layer_test for every main configuration, numbers against TF.js 4.22
(tools/oracle, same inputs and weights), TF.js config keys/defaults, and argument checks."""
from __future__ import annotations

import json
import math

import pytest

from pytfjs.layers.serialization import LAYER_CLASSES
from tests.layers.layer_test import run_layer_test


def fill(n: int, seed: int) -> list[float]:
    """The deterministic values the oracle used (exact in float32)."""
    return [(((i * 7 + seed * 3) % 11) - 5) / 4 for i in range(n)]


def _size(shape) -> int:
    n = 1
    for d in shape:
        n *= d
    return n


def _check_oracle(tf, factory, kwargs, in_shape, out_shape, expected):
    with tf.tidy():
        layer = getattr(tf.layers, factory)(**kwargs)
        x = tf.tensor(fill(_size(in_shape), 0), list(in_shape))
        layer.apply(x)
        layer.set_weights([tf.tensor(fill(_size(w.shape), j + 1), list(w.shape))
                           for j, w in enumerate(layer.weights)])
        y = layer.apply(x)
        assert tuple(y.shape) == tuple(out_shape)
        assert tuple(layer.compute_output_shape(tuple(in_shape))) == tuple(out_shape)
        got = y.data_sync().tolist()
        layer.dispose()
    assert len(got) == len(expected)
    for i, (a, b) in enumerate(zip(got, expected)):
        assert math.isclose(a, b, rel_tol=1e-5, abs_tol=2e-6), f"{factory} element {i}: {a} != {b}"


# TF.js 4.22 model.json configs of each layer built with defaults (name and
# batch_input_shape removed), from tools/oracle: tf.sequential({layers: [...]}).toJSON().
TFJS_DEFAULT_CONFIGS = {
    'Conv1D': (
        '{"filters": 2, "kernel_initializer": {"class_name": "VarianceScaling", "config": {"s'
        'cale": 1, "mode": "fan_avg", "distribution": "normal", "seed": null}}, "kernel_regul'
        'arizer": null, "kernel_constraint": null, "kernel_size": [3], "strides": [1], "paddi'
        'ng": "valid", "dilation_rate": [1], "activation": "linear", "use_bias": true, "bias_'
        'initializer": {"class_name": "Zeros", "config": {}}, "bias_regularizer": null, "acti'
        'vity_regularizer": null, "bias_constraint": null, "trainable": true, "dtype": "float'
        '32"}'),
    'Conv2D': (
        '{"filters": 2, "kernel_initializer": {"class_name": "VarianceScaling", "config": {"s'
        'cale": 1, "mode": "fan_avg", "distribution": "normal", "seed": null}}, "kernel_regul'
        'arizer": null, "kernel_constraint": null, "kernel_size": [3, 3], "strides": [1, 1], '
        '"padding": "valid", "data_format": "channels_last", "dilation_rate": [1, 1], "activa'
        'tion": "linear", "use_bias": true, "bias_initializer": {"class_name": "Zeros", "conf'
        'ig": {}}, "bias_regularizer": null, "activity_regularizer": null, "bias_constraint":'
        ' null, "trainable": true, "dtype": "float32"}'),
    'Conv3D': (
        '{"filters": 2, "kernel_initializer": {"class_name": "VarianceScaling", "config": {"s'
        'cale": 1, "mode": "fan_avg", "distribution": "normal", "seed": null}}, "kernel_regul'
        'arizer": null, "kernel_constraint": null, "kernel_size": [3, 3, 3], "strides": [1, 1'
        ', 1], "padding": "valid", "data_format": "channels_last", "dilation_rate": [1, 1, 1]'
        ', "activation": "linear", "use_bias": true, "bias_initializer": {"class_name": "Zero'
        's", "config": {}}, "bias_regularizer": null, "activity_regularizer": null, "bias_con'
        'straint": null, "trainable": true, "dtype": "float32"}'),
    'Conv2DTranspose': (
        '{"filters": 2, "kernel_initializer": {"class_name": "VarianceScaling", "config": {"s'
        'cale": 1, "mode": "fan_avg", "distribution": "normal", "seed": null}}, "kernel_regul'
        'arizer": null, "kernel_constraint": null, "kernel_size": [3, 3], "strides": [1, 1], '
        '"padding": "valid", "data_format": "channels_last", "activation": "linear", "use_bia'
        's": true, "bias_initializer": {"class_name": "Zeros", "config": {}}, "bias_regulariz'
        'er": null, "activity_regularizer": null, "bias_constraint": null, "trainable": true,'
        ' "dtype": "float32"}'),
    'Conv3DTranspose': (
        '{"filters": 2, "kernel_initializer": {"class_name": "VarianceScaling", "config": {"s'
        'cale": 1, "mode": "fan_avg", "distribution": "normal", "seed": null}}, "kernel_regul'
        'arizer": null, "kernel_constraint": null, "kernel_size": [3, 3, 3], "strides": [1, 1'
        ', 1], "padding": "valid", "data_format": "channels_last", "activation": "linear", "u'
        'se_bias": true, "bias_initializer": {"class_name": "Zeros", "config": {}}, "bias_reg'
        'ularizer": null, "activity_regularizer": null, "bias_constraint": null, "trainable":'
        ' true, "dtype": "float32"}'),
    'SeparableConv2D': (
        '{"filters": 2, "kernel_size": [3, 3], "strides": [1, 1], "padding": "valid", "data_f'
        'ormat": "channels_last", "dilation_rate": [1, 1], "activation": "linear", "use_bias"'
        ': true, "bias_initializer": {"class_name": "Zeros", "config": {}}, "bias_regularizer'
        '": null, "activity_regularizer": null, "bias_constraint": null, "trainable": true, "'
        'dtype": "float32", "depthwise_initializer": {"class_name": "VarianceScaling", "confi'
        'g": {"scale": 1, "mode": "fan_avg", "distribution": "uniform", "seed": null}}, "poin'
        'twise_initializer": {"class_name": "VarianceScaling", "config": {"scale": 1, "mode":'
        ' "fan_avg", "distribution": "uniform", "seed": null}}, "depthwise_regularizer": null'
        ', "pointwise_regularizer": null, "depthwise_constraint": null, "pointwise_constraint'
        '": null}'),
    'DepthwiseConv2D': (
        '{"kernel_size": [3, 3], "strides": [1, 1], "padding": "valid", "data_format": "chann'
        'els_last", "dilation_rate": [1, 1], "activation": "linear", "use_bias": true, "bias_'
        'initializer": {"class_name": "Zeros", "config": {}}, "bias_regularizer": null, "acti'
        'vity_regularizer": null, "bias_constraint": null, "trainable": true, "dtype": "float'
        '32", "depth_multiplier": 1, "depthwise_initializer": {"class_name": "VarianceScaling'
        '", "config": {"scale": 1, "mode": "fan_avg", "distribution": "normal", "seed": null}'
        '}, "depthwise_regularizer": null, "depthwise_constraint": null}'),
    'Cropping2D': (
        '{"cropping": [[1, 1], [1, 1]], "data_format": "channels_last", "trainable": true, "d'
        'type": "float32"}'),
    'UpSampling2D': (
        '{"size": [2, 2], "data_format": "channels_last", "interpolation": "nearest", "traina'
        'ble": true, "dtype": "float32"}'),
    'ZeroPadding2D': (
        '{"padding": [[1, 1], [1, 1]], "data_format": "channels_last", "trainable": true, "dt'
        'ype": "float32"}'),
}


# From TF.js 4.22 (tools/oracle): name, factory, input shape, output shape, kwargs, values.
# Inputs and weights are fill(n, seed) below; weight j uses seed j + 1, the input seed 0.
ORACLE_CASES = [
    ('conv1d_valid_relu', 'conv1d', (2, 5, 3), (2, 3, 2),
     {'activation': 'relu', 'filters': 2, 'kernel_size': 3},
     [0.0625, 0, 0, 3.0625, 0, 0.375, 2.1875, 0, 0, 2, 0, 0]),
    ('conv1d_same_stride2', 'conv1d', (1, 5, 2), (1, 3, 2),
     {'filters': 2, 'kernel_size': 2, 'padding': 'same', 'strides': 2},
     [-0.75, -1.75, 0.9375, 0.125, 0.9375, -2.5625]),
    ('conv1d_dilated_nobias', 'conv1d', (1, 6, 2), (1, 4, 3),
     {'dilation_rate': 2, 'filters': 3, 'kernel_size': 2, 'use_bias': False},
     [0.9375, -1.25, 0, -1.6875, 1.375, -0.375, 0.5, -0.8125, -0.0625, 1.3125, 0.4375, 0.9375]),
    # TF.js 4.22 gets this one wrong: expected values are Keras semantics
    ('conv1d_causal', 'conv1d', (1, 5, 2), (1, 5, 2),
     {'dilation_rate': 1, 'filters': 2, 'kernel_size': 3, 'padding': 'causal'},
     [0.8125, 0.5625, -0.75, -0.375, -1.1875, -1.6875, 1.5625, -4.125, 1.5625, 1]),
    # TF.js 4.22 gets this one wrong: expected values are Keras semantics
    ('conv1d_channels_first', 'conv1d', (1, 3, 4), (1, 2, 3),
     {'data_format': 'channels_first', 'filters': 2, 'kernel_size': 2},
     [0, 0.6875, -1.375, -1.5625, -1.0625, -0.5625]),
    ('conv2d_same_stride2_relu', 'conv2d', (2, 5, 5, 2), (2, 3, 3, 2),
     {'activation': 'relu', 'filters': 2, 'kernel_size': 3, 'padding': 'same', 'strides': 2},
     [0.8125, 2.6875, 0, 1.6875, 3.125, 2.125, 1.125, 0, 0, 1.0625, 3.8125, 0, 0, 1.0625, 2.375,
      0.1875, 0, 2.4375, 0.375, 0, 0, 1.5625, 1.8125, 0, 0, 2.1875, 5.4375, 1.875, 0.5625, 0,
      2.9375, 0, 3.3125, 0, 0, 1.8125]),
    ('conv2d_cf_dilated_tanh', 'conv2d', (1, 2, 4, 5), (1, 2, 2, 3),
     {'activation': 'tanh',
      'data_format': 'channels_first',
      'dilation_rate': 2,
      'filters': 2,
      'kernel_size': 2},
     [0.975137, 0.933828, 0.954045, 0.984846, -0.670967, -0.864907, -0.996147, 0.244919, -0.462117,
      -0.99186, 0.5546, -0.670967]),
    ('conv2d_nobias_rect', 'conv2d', (1, 4, 5, 2), (1, 3, 2, 3),
     {'filters': 3, 'kernel_size': [2, 3], 'strides': [1, 2], 'use_bias': False},
     [-2.375, -1.1875, -0.6875, 0.3125, -2.0625, -1.6875, 2.625, 1.4375, -3.1875, -2.25, 0.5625,
      3.375, 0.75, -0.0625, 0.5, 1.375, 1.8125, -0.5]),
    ('conv2d_sigmoid', 'conv2d', (1, 3, 3, 2), (1, 2, 2, 1),
     {'activation': 'sigmoid', 'filters': 1, 'kernel_size': 2},
     [0.952574, 0.731059, 0.164516, 0.995095]),
    ('conv3d_valid', 'conv3d', (1, 3, 3, 3, 2), (1, 2, 2, 2, 2),
     {'filters': 2, 'kernel_size': 2},
     [-3.3125, -0.6875, 2.5, -3.4375, 1.0625, 2.75, -3.4375, -2.75, 4.3125, -3.4375, 0.5, -0.6875,
      2.5, -3.4375, 2.8125, 0.6875]),
    ('conv3d_cf_same_stride2', 'conv3d', (1, 2, 3, 3, 3), (1, 2, 2, 2, 2),
     {'activation': 'relu',
      'data_format': 'channels_first',
      'filters': 2,
      'kernel_size': 2,
      'padding': 'same',
      'strides': 2},
     [1.875, 0, 0.5625, 0, 0, 0.5625, 2.75, 0.3125, 0, 0.1875, 0.6875, 0, 0, 0, 0, 0]),
    ('conv2d_transpose_same_stride2', 'conv2d_transpose', (1, 2, 3, 2), (1, 4, 6, 2),
     {'filters': 2, 'kernel_size': 3, 'padding': 'same', 'strides': 2},
     [1.5, -1.4375, -1, 0.875, 1.75, -2.6875, -0.25, 0.6875, -2.25, -1, 0.5, -1.5625, -1.1875,
      0.6875, -0.25, -1.8125, 1.75, 2.125, -1, -1.4375, 1.625, 0.125, 1, -0.375, -0.9375, -1.75,
      2.875, -2.0625, -0.5, -3, 0.6875, -0.625, -2.125, -0.8125, -0.8125, -0.5625, 1.5, -1.5, 0.25,
      0, -2.0625, 0.25, -0.5, -1.6875, 1.25, -0.375, 1.5, -0.625]),
    ('conv2d_transpose_valid_relu', 'conv2d_transpose', (1, 2, 2, 2), (1, 5, 5, 1),
     {'activation': 'relu', 'filters': 1, 'kernel_size': 3, 'strides': 2},
     [1.5, 0, 0.8125, 0, 0, 1.875, 0, 0.8125, 0, 0, 0, 2.3125, 0, 2.125, 0, 0, 1.125, 0, 0, 0.75,
      0.375, 0, 2.25, 0, 0.25]),
    ('conv2d_transpose_cf', 'conv2d_transpose', (1, 2, 2, 3), (1, 2, 3, 4),
     {'data_format': 'channels_first', 'filters': 2, 'kernel_size': 2, 'strides': 1},
     [2.125, -1.25, -0.25, -0.25, -0.375, -0.375, 1.3125, -1.375, -1, 2.25, 2.25, -1, -1.8125,
      1.375, -0.625, -1, -2.125, 1, -0.5625, -1.5625, -0.5, -0.6875, -0.9375, -1.4375]),
    ('conv3d_transpose_valid', 'conv3d_transpose', (1, 1, 2, 2, 2), (1, 2, 4, 4, 2),
     {'filters': 2, 'kernel_size': 2, 'strides': 2},
     [1.5, -1.4375, -1, 0.875, 2.0625, -1.8125, -0.25, 0.6875, -0.0625, -1.625, -1.1875, 0.6875,
      -1.1875, -1.625, -0.0625, 0.875, -0.8125, -0.125, 0.5, -1.5625, -0.25, -0.5, 1.25, -1.75,
      1.125, -0.25, 0.375, -1.6875, 0, -0.25, 1.5, -1.5, -0.25, -1.8125, 2.0625, 0.5, -1, -1.4375,
      1.5, 1.0625, -0.4375, -2, 1.875, -1.0625, -0.8125, -1.25, 1.6875, -2.1875, 1, -0.375,
      -0.4375, -1.8125, 0.25, 0, -1, -1.25, 0.875, -0.5, -0.5625, 0.125, 0.5, 0.25, -0.75, -1]),
    ('conv3d_transpose_cf_same', 'conv3d_transpose', (1, 2, 2, 2, 2), (1, 1, 2, 2, 2),
     {'data_format': 'channels_first',
      'filters': 1,
      'kernel_size': 3,
      'padding': 'same',
      'strides': 1},
     [-0.375, 0.5, -2.5625, -1, -2.8125, 2.875, 0.5, 0]),
    ('separable_dm2_same', 'separable_conv2d', (1, 4, 4, 2), (1, 4, 4, 3),
     {'depth_multiplier': 2, 'filters': 3, 'kernel_size': 3, 'padding': 'same'},
     [1.78125, 1.234375, -0.171875, -0.09375, -0.265625, -1.296875, 0.0625, 6.84375, -3.390625,
      1.328125, -0.34375, -2.359375, 2.78125, -5.03125, -1.328125, -0.234375, 8.125, -3.96875,
      0.890625, -0.953125, -4.34375, 2.046875, -0.671875, 0.046875, 2.296875, -1.1875, -2.09375,
      -0.03125, 2.0625, -3.0625, 0.75, 1.234375, -1.71875, 2.171875, -3.890625, 2.421875, 0.78125,
      0.40625, -1.6875, 0.640625, 3.5625, -4.171875, 1.296875, -2.015625, 2.0625, 0.71875, -1.4375,
      0.359375]),
    ('separable_stride2_relu', 'separable_conv2d', (1, 4, 4, 3), (1, 2, 2, 2),
     {'activation': 'relu', 'filters': 2, 'kernel_size': 2, 'strides': 2},
     [1.78125, 0.140625, 0, 0.046875, 2.578125, 1.828125, 2.390625, 0]),
    # TF.js 4.22 gets this one wrong: expected values are Keras semantics
    ('separable_cf', 'separable_conv2d', (1, 2, 3, 4), (1, 2, 2, 3),
     {'data_format': 'channels_first', 'filters': 2, 'kernel_size': 2},
     [3.1875, -1.09375, 2.015625, -1.390625, 1.71875, 2.25, -1.3125, 1.59375, -1.171875, 1.546875,
      -1.21875, -0.375]),
    ('depthwise_dm2_same_stride2', 'depthwise_conv2d', (1, 5, 5, 2), (1, 3, 3, 4),
     {'depth_multiplier': 2, 'kernel_size': 3, 'padding': 'same', 'strides': 2},
     [1.375, -0.1875, 0.4375, 2.875, -3.125, 0.3125, 0.1875, 1.375, 1.3125, 1.0625, 2.8125, 1.0625,
      2.3125, -3.375, -0.1875, -1.25, -0.375, 1.0625, 1.25, 0, 2, -4.125, 2.8125, -3.5, -1.625,
      -0.0625, -1, 1.125, 2.125, -1.4375, 1.25, 1.625, -1.75, 0.4375, -1.4375, 2]),
    ('depthwise_cf_relu', 'depthwise_conv2d', (1, 2, 3, 3), (1, 2, 2, 2),
     {'activation': 'relu', 'data_format': 'channels_first', 'kernel_size': 2},
     [2, 0.875, 0.6875, 0.9375, 0, 0.8125, 0, 0]),
    # TF.js 4.22 gets this one wrong: expected values are Keras semantics
    ('depthwise_dilated', 'depthwise_conv2d', (1, 4, 4, 2), (1, 2, 2, 2),
     {'dilation_rate': 2, 'kernel_size': 2},
     [-0.5625, 0.25, 2, 1.1875, -0.625, 0.5625, 1.9375, -1.9375]),
    ('cropping2d', 'cropping2d', (1, 3, 4, 2), (1, 2, 2, 2),
     {'cropping': [[1, 0], [0, 2]]},
     [-1, 0.75, -0.25, -1.25, -0.75, 1, 0, -1]),
    ('cropping2d_cf', 'cropping2d', (1, 2, 3, 4), (1, 2, 1, 2),
     {'cropping': 1, 'data_format': 'channels_first'},
     [-0.75, 1, 1, 0]),
    ('zero_padding2d', 'zero_padding2d', (1, 2, 2, 1), (1, 3, 4, 1),
     {'padding': [[1, 0], [0, 2]]},
     [0, 0, 0, 0, -1.25, 0.5, 0, 0, -0.5, 1.25, 0, 0]),
    ('zero_padding2d_cf', 'zero_padding2d', (1, 1, 2, 2), (1, 1, 4, 4),
     {'data_format': 'channels_first', 'padding': 1},
     [0, 0, 0, 0, 0, -1.25, 0.5, 0, 0, -0.5, 1.25, 0, 0, 0, 0, 0]),
    ('up_sampling2d_nearest', 'up_sampling2d', (1, 2, 2, 1), (1, 4, 6, 1),
     {'size': [2, 3]},
     [-1.25, -1.25, -1.25, 0.5, 0.5, 0.5, -1.25, -1.25, -1.25, 0.5, 0.5, 0.5, -0.5, -0.5, -0.5,
      1.25, 1.25, 1.25, -0.5, -0.5, -0.5, 1.25, 1.25, 1.25]),
    ('up_sampling2d_bilinear', 'up_sampling2d', (1, 2, 3, 1), (1, 4, 6, 1),
     {'interpolation': 'bilinear', 'size': [2, 2]},
     [-1.25, -0.375, 0.5, 0, -0.5, -0.5, 0, 0.1875, 0.375, -0.125, -0.625, -0.625, 1.25, 0.75,
      0.25, -0.25, -0.75, -0.75, 1.25, 0.75, 0.25, -0.25, -0.75, -0.75]),
    ('up_sampling2d_bilinear_cf', 'up_sampling2d', (1, 2, 2, 2), (1, 2, 6, 4),
     {'data_format': 'channels_first', 'interpolation': 'bilinear', 'size': [3, 2]},
     [-1.25, -0.375, 0.5, 0.5, -1, -0.125, 0.75, 0.75, -0.75, 0.125, 1, 1, -0.5, 0.375, 1.25, 1.25,
      -0.5, 0.375, 1.25, 1.25, -0.5, 0.375, 1.25, 1.25, 0.25, -0.25, -0.75, -0.75, 0.5, 0, -0.5,
      -0.5, 0.75, 0.25, -0.25, -0.25, 1, 0.5, 0, 0, 1, 0.5, 0, 0, 1, 0.5, 0, 0]),
]


@pytest.mark.parametrize("name,factory,in_shape,out_shape,kwargs,expected", ORACLE_CASES,
                         ids=[c[0] for c in ORACLE_CASES])
def test_matches_tfjs(tf, name, factory, in_shape, out_shape, kwargs, expected):
    _check_oracle(tf, factory, kwargs, in_shape, out_shape, expected)


@pytest.mark.parametrize("factory,kwargs,shape,expected", [
    ("conv1d", {"filters": 2, "kernel_size": 3}, (2, 6, 3), (2, 4, 2)),
    ("conv1d", {"filters": 2, "kernel_size": 2, "strides": 2, "padding": "same",
                "activation": "relu"}, (2, 5, 3), (2, 3, 2)),
    ("conv1d", {"filters": 2, "kernel_size": 3, "padding": "causal", "dilation_rate": 2},
     (2, 6, 2), (2, 6, 2)),
    ("conv1d", {"filters": 3, "kernel_size": 2, "data_format": "channels_first", "use_bias": False},
     (2, 2, 5), (2, 3, 4)),
    ("conv2d", {"filters": 2, "kernel_size": 3}, (2, 5, 5, 2), (2, 3, 3, 2)),
    ("conv2d", {"filters": 2, "kernel_size": 3, "strides": 2, "padding": "same",
                "activation": "relu"}, (2, 5, 5, 2), (2, 3, 3, 2)),
    ("conv2d", {"filters": 2, "kernel_size": [2, 3], "dilation_rate": 2, "activation": "tanh",
                "data_format": "channels_first"}, (2, 2, 5, 6), (2, 2, 3, 2)),
    ("conv2d", {"filters": 3, "kernel_size": 1, "use_bias": False,
                "kernel_regularizer": {"class_name": "L1L2", "config": {"l1": 0.01, "l2": 0.0}},
                "kernel_constraint": {"class_name": "MaxNorm", "config": {"max_value": 2, "axis": 0}},
                "bias_initializer": "ones"}, (1, 3, 3, 2), (1, 3, 3, 3)),
    ("conv3d", {"filters": 2, "kernel_size": 2}, (1, 3, 3, 3, 2), (1, 2, 2, 2, 2)),
    ("conv3d", {"filters": 2, "kernel_size": [1, 2, 2], "strides": 2, "padding": "same",
                "data_format": "channels_first", "activation": "sigmoid"},
     (1, 2, 3, 4, 4), (1, 2, 2, 2, 2)),
    ("conv2d_transpose", {"filters": 2, "kernel_size": 3, "strides": 2},
     (2, 2, 3, 2), (2, 5, 7, 2)),
    ("conv2d_transpose", {"filters": 2, "kernel_size": 3, "strides": 2, "padding": "same",
                          "activation": "relu", "data_format": "channels_first"},
     (1, 2, 2, 3), (1, 2, 4, 6)),
    ("conv3d_transpose", {"filters": 1, "kernel_size": 2, "strides": 2},
     (1, 2, 2, 2, 2), (1, 4, 4, 4, 1)),
    ("conv3d_transpose", {"filters": 2, "kernel_size": 3, "padding": "same",
                          "data_format": "channels_first"}, (1, 2, 2, 2, 2), (1, 2, 2, 2, 2)),
    ("separable_conv2d", {"filters": 3, "kernel_size": 3}, (2, 5, 5, 2), (2, 3, 3, 3)),
    ("separable_conv2d", {"filters": 2, "kernel_size": 2, "depth_multiplier": 2, "strides": 2,
                          "padding": "same", "activation": "relu"}, (1, 4, 4, 3), (1, 2, 2, 2)),
    ("separable_conv2d", {"filters": 2, "kernel_size": 2, "data_format": "channels_first",
                          "activation": "tanh"}, (1, 3, 4, 4), (1, 2, 3, 3)),
    ("depthwise_conv2d", {"kernel_size": 3}, (2, 5, 5, 2), (2, 3, 3, 2)),
    ("depthwise_conv2d", {"kernel_size": 2, "depth_multiplier": 3, "strides": 2,
                          "padding": "same", "activation": "relu"}, (1, 5, 5, 2), (1, 3, 3, 6)),
    ("depthwise_conv2d", {"kernel_size": 2, "dilation_rate": 2, "data_format": "channels_first",
                          "use_bias": False}, (1, 2, 5, 5), (1, 2, 3, 3)),
    ("cropping2d", {"cropping": 1}, (2, 4, 5, 2), (2, 2, 3, 2)),
    ("cropping2d", {"cropping": [[1, 0], [2, 1]], "data_format": "channels_first"},
     (2, 2, 4, 5), (2, 2, 3, 2)),
    ("zero_padding2d", {}, (2, 2, 3, 1), (2, 4, 5, 1)),
    ("zero_padding2d", {"padding": [[0, 1], [2, 0]], "data_format": "channels_first"},
     (2, 2, 2, 3), (2, 2, 3, 5)),
    ("up_sampling2d", {}, (2, 2, 3, 2), (2, 4, 6, 2)),
    ("up_sampling2d", {"size": [1, 3], "interpolation": "bilinear"}, (1, 2, 2, 2), (1, 2, 6, 2)),
    ("up_sampling2d", {"size": 2, "data_format": "channels_first"}, (1, 2, 2, 3), (1, 2, 4, 6)),
])
def test_run_layer_test(tf, factory, kwargs, shape, expected):
    run_layer_test(tf, factory, kwargs, shape, expected_output_shape=expected)


_DEFAULT_ARGS = {
    "Conv1D": ("conv1d", {"filters": 2, "kernel_size": 3}),
    "Conv2D": ("conv2d", {"filters": 2, "kernel_size": 3}),
    "Conv3D": ("conv3d", {"filters": 2, "kernel_size": 3}),
    "Conv2DTranspose": ("conv2d_transpose", {"filters": 2, "kernel_size": 3}),
    "Conv3DTranspose": ("conv3d_transpose", {"filters": 2, "kernel_size": 3}),
    "SeparableConv2D": ("separable_conv2d", {"filters": 2, "kernel_size": 3}),
    "DepthwiseConv2D": ("depthwise_conv2d", {"kernel_size": 3}),
    "Cropping2D": ("cropping2d", {"cropping": 1}),
    "UpSampling2D": ("up_sampling2d", {}),
    "ZeroPadding2D": ("zero_padding2d", {}),
}


@pytest.mark.parametrize("class_name", list(_DEFAULT_ARGS))
def test_default_config_matches_tfjs(tf, class_name):
    factory, kwargs = _DEFAULT_ARGS[class_name]
    layer = getattr(tf.layers, factory)(**kwargs)
    assert layer.class_name == class_name and LAYER_CLASSES[class_name] is type(layer)
    config = layer.get_config()
    del config["name"]
    want = json.loads(TFJS_DEFAULT_CONFIGS[class_name])
    # TF.js's getConfig() writes "dtype" only for a layer given a dtype or an input shape
    # (checked with TF.js 4.22: tf.layers.globalMaxPooling1d({}).getConfig() has no dtype).
    want.pop("dtype", None)
    if class_name == "SeparableConv2D":
        # TF.js 4.22 drops depth_multiplier from the config (a round trip loses it); Keras keeps it.
        assert config.pop("depth_multiplier") == 1
    assert list(config) == list(want), f"{class_name}: keys/order differ from TF.js"
    assert config == want


def test_loads_tfjs_json_config(tf):
    """A TF.js model.json layer config (with TF.js's key set) rebuilds the same layer."""
    config = json.loads(TFJS_DEFAULT_CONFIGS["Conv2D"])
    config.update(name="c1", batch_input_shape=[None, 5, 5, 3], strides=[2, 1], padding="same")
    layer = LAYER_CLASSES["Conv2D"].from_config(config)
    assert layer.strides == [2, 1] and layer.padding == "same" and layer.name == "c1"
    assert layer.get_config()["batch_input_shape"] == [None, 5, 5, 3]
    with tf.tidy():
        assert layer.apply(tf.ones([1, 5, 5, 3])).shape == (1, 3, 5, 2)
        assert [w.name for w in layer.weights] == ["c1/kernel", "c1/bias"]
    layer.dispose()


def test_keras_extra_keys_accepted(tf):
    """Keras files carry keys TF.js does not write (groups, output_padding, Conv1D data_format)."""
    a = tf.layers.conv2d(filters=2, kernel_size=3, groups=1)
    b = tf.layers.conv2d_transpose(filters=2, kernel_size=3, output_padding=None, dilation_rate=1)
    c = tf.layers.conv1d(filters=2, kernel_size=3, data_format="channels_last")
    assert "groups" not in a.get_config() and "output_padding" not in b.get_config()
    assert "dilation_rate" not in b.get_config() and "data_format" not in c.get_config()
    assert tf.layers.conv1d(filters=2, kernel_size=3, data_format="channels_first") \
        .get_config()["data_format"] == "channels_first"
    # TF.js camelCase values are normalised to the Keras spelling.
    assert tf.layers.conv2d(filters=1, kernel_size=1, data_format="channelsFirst") \
        .data_format == "channels_first"


def test_weights_shapes_and_names(tf):
    with tf.tidy():
        sep = tf.layers.separable_conv2d(filters=4, kernel_size=3, depth_multiplier=2, name="sep")
        sep.apply(tf.ones([1, 5, 5, 3]))
        assert [(w.name, w.shape) for w in sep.weights] == [
            ("sep/depthwise_kernel", (3, 3, 3, 2)), ("sep/pointwise_kernel", (1, 1, 6, 4)),
            ("sep/bias", (4,))]
        dw = tf.layers.depthwise_conv2d(kernel_size=2, depth_multiplier=3, name="dw",
                                        data_format="channels_first")
        dw.apply(tf.ones([1, 2, 4, 4]))
        assert [(w.name, w.shape) for w in dw.weights] == [
            ("dw/depthwise_kernel", (2, 2, 2, 3)), ("dw/bias", (6,))]
        tr = tf.layers.conv2d_transpose(filters=5, kernel_size=[2, 3], use_bias=False)
        tr.apply(tf.ones([1, 2, 2, 4]))
        assert [w.shape for w in tr.weights] == [(2, 3, 5, 4)]
        c3 = tf.layers.conv3d(filters=2, kernel_size=[1, 2, 3])
        c3.apply(tf.ones([1, 2, 3, 4, 5]))
        assert [w.shape for w in c3.weights] == [(1, 2, 3, 5, 2), (2,)]
        for layer in (sep, dw, tr, c3):
            layer.dispose()


def test_default_initializers(tf):
    conv = tf.layers.conv2d(filters=1, kernel_size=1)
    assert conv.get_config()["kernel_initializer"]["config"]["distribution"] == "normal"
    sep = tf.layers.separable_conv2d(filters=1, kernel_size=1, pointwise_initializer="ones")
    cfg = sep.get_config()
    assert cfg["depthwise_initializer"]["config"]["distribution"] == "uniform"
    assert cfg["pointwise_initializer"] == {"class_name": "Ones", "config": {}}  # TF.js: bug
    dw = tf.layers.depthwise_conv2d(kernel_size=1, depthwise_constraint="non_neg",
                                    depthwise_regularizer="l2")
    cfg = dw.get_config()
    assert cfg["depthwise_initializer"]["config"]["distribution"] == "normal"
    assert cfg["depthwise_constraint"] == {"class_name": "NonNeg", "config": {}}  # TF.js: bug
    assert cfg["depthwise_regularizer"]["class_name"] == "L1L2"


def test_symbolic_unknown_spatial_dims(tf):
    for factory, kwargs, shape, want in [
        ("conv2d", {"filters": 4, "kernel_size": 3}, [None, None, 3], (None, None, None, 4)),
        ("conv2d_transpose", {"filters": 4, "kernel_size": 3, "strides": 2}, [None, 7, 3],
         (None, None, 15, 4)),
        ("up_sampling2d", {}, [None, 3, 2], (None, None, 6, 2)),
        ("cropping2d", {"cropping": 1}, [None, 4, 2], (None, None, 2, 2)),
        ("zero_padding2d", {"padding": 2}, [3, None, 2], (None, 7, None, 2)),
        ("depthwise_conv2d", {"kernel_size": 3, "depth_multiplier": 2, "padding": "same"},
         [None, None, 3], (None, None, None, 6)),
    ]:
        layer = getattr(tf.layers, factory)(**kwargs)
        out = layer.apply(tf.input(shape=shape))
        assert out.shape == want, (factory, out.shape)
        layer.dispose()


def test_conv_in_sequential_model(tf):
    with tf.tidy():
        model = tf.sequential(layers=[
            tf.layers.conv2d(filters=4, kernel_size=3, activation="relu", input_shape=[6, 6, 1]),
            tf.layers.max_pooling2d(),
            tf.layers.flatten(),
            tf.layers.dense(units=2),
        ])
        assert model.predict(tf.ones([3, 6, 6, 1])).shape == (3, 2)
        for layer in model.layers:
            layer.dispose()


@pytest.mark.parametrize("factory,kwargs,shape", [
    ("conv2d", {"filters": 0, "kernel_size": 3}, None),
    ("conv2d", {"filters": 2, "kernel_size": [1, 2, 3]}, None),
    ("conv2d", {"filters": 2, "kernel_size": 3, "padding": "causal"}, None),
    ("conv2d", {"filters": 2, "kernel_size": 3, "data_format": "nchw"}, None),
    ("conv2d", {"filters": 2, "kernel_size": 3, "groups": 2}, None),
    ("conv2d", {"filters": 2, "kernel_size": 3}, (1, 5, 5)),
    ("conv2d_transpose", {"filters": 2, "kernel_size": 3, "output_padding": 1}, None),
    ("separable_conv2d", {"filters": 2, "kernel_size": 3, "kernel_initializer": "ones"}, None),
    ("up_sampling2d", {"interpolation": "bicubic"}, None),
    ("cropping2d", {"cropping": [1, 2, 3]}, None),
])
def test_bad_arguments(tf, factory, kwargs, shape):
    from pytfjs.layers import LayerError
    with pytest.raises(LayerError):
        layer = getattr(tf.layers, factory)(**kwargs)
        with tf.tidy():
            layer.apply(tf.ones(list(shape)))


def test_missing_channel_dim(tf):
    from pytfjs.layers import LayerError
    layer = tf.layers.conv2d(filters=2, kernel_size=1)
    with pytest.raises(LayerError, match="channel dimension"):
        layer.apply(tf.input(shape=[4, 4, None]))


def test_conv2d_uses_fused_kernel(tf, monkeypatch):
    """Conv2D with bias and a fusable activation makes one tf.fused.conv2d call."""
    calls = []
    real = tf.fused.conv2d

    def spy(**kw):
        calls.append(kw["activation"])
        return real(**kw)
    monkeypatch.setattr(tf.fused, "conv2d", spy)
    with tf.tidy():
        layer = tf.layers.conv2d(filters=2, kernel_size=2, activation="relu")
        layer.apply(tf.ones([1, 3, 3, 1]))
        layer.dispose()
    assert calls == ["relu"]


@pytest.mark.parametrize("factory,kwargs,shape", [
    ("conv1d", {"filters": 2, "kernel_size": 3, "padding": "causal",
                "data_format": "channels_first"}, (1, 3, 5)),
    ("conv2d", {"filters": 2, "kernel_size": 3, "activation": "tanh",
                "data_format": "channels_first"}, (1, 2, 5, 5)),
    ("conv3d", {"filters": 2, "kernel_size": 2, "data_format": "channels_first"}, (1, 2, 3, 3, 3)),
    ("conv2d_transpose", {"filters": 2, "kernel_size": 2, "data_format": "channels_first"},
     (1, 2, 3, 3)),
    ("separable_conv2d", {"filters": 2, "kernel_size": 2, "activation": "tanh",
                          "data_format": "channels_first"}, (1, 2, 3, 3)),
    ("depthwise_conv2d", {"kernel_size": 2, "activation": "tanh"}, (1, 3, 3, 2)),
    ("up_sampling2d", {"data_format": "channels_first"}, (1, 2, 3, 3)),
])
def test_eager_call_leaves_only_the_output(tf, factory, kwargs, shape):
    layer = getattr(tf.layers, factory)(**kwargs)
    x = tf.ones(list(shape))
    layer.apply(x).dispose()
    before = tf.memory()["num_tensors"]
    y = layer.apply(x)
    assert tf.memory()["num_tensors"] == before + 1
    tf.dispose([x, y])
    layer.dispose()


@pytest.mark.parametrize("class_name", list(_DEFAULT_ARGS))
def test_from_tfjs_config_round_trip(tf, class_name):
    want = json.loads(TFJS_DEFAULT_CONFIGS[class_name])
    # TF.js's getConfig() writes "dtype" only for a layer given a dtype or an input shape
    # (checked with TF.js 4.22: tf.layers.globalMaxPooling1d({}).getConfig() has no dtype).
    want.pop("dtype", None)
    layer = LAYER_CLASSES[class_name].from_config(dict(want, name="from_tfjs"))
    config = layer.get_config()
    assert config.pop("name") == "from_tfjs"
    if class_name == "SeparableConv2D":  # TF.js writes no depth_multiplier
        config.pop("depth_multiplier")
    assert config == want
