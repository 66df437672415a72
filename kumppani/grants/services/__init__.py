"""Every write of the grants app."""
