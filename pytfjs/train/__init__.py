"""Training: optimizers (``tf.train.sgd`` ... ``tf.train.nadam``) and learning-rate schedules."""
from .optimizers import (AdadeltaOptimizer, AdagradOptimizer, AdamaxOptimizer, AdamOptimizer,
                         AdamWOptimizer, MomentumOptimizer, NadamOptimizer, NamedTensor,
                         Optimizer, RMSPropOptimizer, SGDOptimizer, adadelta, adagrad, adam,
                         adamax, adamw, momentum, nadam, optimizer_from_config, rmsprop, sgd)
from .schedules import (CosineDecay, ExponentialDecay, LearningRateSchedule,
                        PiecewiseConstantDecay)

__all__ = [
    "Optimizer", "SGDOptimizer", "MomentumOptimizer", "RMSPropOptimizer", "AdamOptimizer",
    "AdamaxOptimizer", "AdadeltaOptimizer", "AdagradOptimizer", "AdamWOptimizer", "NadamOptimizer",
    "NamedTensor", "sgd", "momentum", "rmsprop", "adam", "adamax", "adadelta", "adagrad", "adamw",
    "nadam", "optimizer_from_config", "LearningRateSchedule", "ExponentialDecay",
    "PiecewiseConstantDecay", "CosineDecay",
]
