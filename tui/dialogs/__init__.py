"""Small modal dialogs opened over a list screen."""
