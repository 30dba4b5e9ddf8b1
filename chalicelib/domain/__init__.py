"""Pure domain logic: no AWS, no I/O, no clock of its own (time is passed in)."""
