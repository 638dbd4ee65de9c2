"""What every client-side transaction handle shares: one end, and `with` that commits or rolls back."""


class TransactionScope:
    """Mixin for a transaction handle with `transaction_id`, `commit()` and `rollback()`.

    Leaving a `with` block commits; leaving it by an exception rolls back and re-raises the original
    exception (a failed rollback is noted on it, not raised instead)."""

    transaction_id: str
    active: bool

    def _mark_ended(self):
        if not self.active:
            raise RuntimeError(f"transaction {self.transaction_id} has already ended")
        self.active = False

    def __enter__(self):
        return self

    def __exit__(self, exc_type, exc, tb):
        if not self.active:
            return False
        if exc_type is None:
            self.commit()
        else:
            try:
                self.rollback()
            except Exception as rollback_error:  # keep the original error; note the failed rollback on it
                if hasattr(exc, "add_note"):
                    exc.add_note(f"rollback also failed: {rollback_error}")
        return False
