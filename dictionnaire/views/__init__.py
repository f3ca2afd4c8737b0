"""The dictionary's views, one module per audience: ``public``, ``drafting`` (pupils and their adult),
``classes`` (the adults' space) and ``exports`` (open data)."""
