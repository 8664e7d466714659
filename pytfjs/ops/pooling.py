"""Ops: pooling (max/avg pool 2d/3d, pool, max_pool_with_argmax)."""
from __future__ import annotations

__all__: list[str] = []
