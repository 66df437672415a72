"""The meetings pages, by audience."""
