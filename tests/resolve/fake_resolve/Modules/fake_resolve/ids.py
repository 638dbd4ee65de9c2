import itertools
import uuid

_counter = itertools.count(1)


def new_id():
    return str(uuid.UUID(int=next(_counter) * 7919 + (1 << 100)))
