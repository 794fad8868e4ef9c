"""make bench: the numbers that matter, measured on this machine into BENCHMARKS.md."""
