"""Ofsted Annex A: the lists an inspection asks for, exported from the records."""
