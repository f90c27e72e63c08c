ERROR: server_app has no client ID (a GUID) in the document: renewal needs the existing app.
