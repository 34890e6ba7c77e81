"""Full-screen views; each has a same-stem .tcss file beside it."""
