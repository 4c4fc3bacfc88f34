"""The audit's checks: fidelity (with a source) and text (without one)."""
