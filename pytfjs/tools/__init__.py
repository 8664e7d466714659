"""Developer tools (documentation generators, audits)."""
