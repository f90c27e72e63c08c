ERROR: The document lists no room mailboxes (Room settings → Room mailboxes).
