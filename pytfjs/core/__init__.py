"""The engine core: standard library only."""
