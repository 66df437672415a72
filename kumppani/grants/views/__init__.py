"""Grants pages, by audience: the public calls, and the applicant's."""
