"""Placeholder until the matching core lands (replaced in the next commit)."""


def jobs_for(key_person, *, top: int = 10):
    return []


def seekers_for(user, posting, *, top: int = 10):
    return []
