"""The switches of a national deployment, read from the environment (see the README, « Passer à l'échelle »).

Each function takes the environment as a mapping, so tests can check every switch without touching os.environ.
"""


def replica_database(environ, database_from_url):
    """``DATABASE_REPLICA_URL``: a PostgreSQL read replica; reads go there, writes to the primary."""
    url = environ.get("DATABASE_REPLICA_URL", "")
    if not url:
        return None
    replica = database_from_url(url)
    # In tests the replica is the primary itself (Django's mirror), so reads see what tests write.
    replica["TEST"] = {"MIRROR": "default"}
    return replica


def media_storage(environ):
    """``AWS_STORAGE_BUCKET_NAME`` (and the usual ``AWS_*`` variables): uploads on S3-compatible storage.

    Needs the ``s3`` extra (``pip install -e '.[s3]'``: django-storages and boto3).
    """
    bucket = environ.get("AWS_STORAGE_BUCKET_NAME", "")
    if not bucket:
        return {"BACKEND": "django.core.files.storage.FileSystemStorage"}
    options = {
        "bucket_name": bucket,
        "default_acl": None,
        "file_overwrite": False,
        "querystring_auth": environ.get("AWS_QUERYSTRING_AUTH", "false").lower() in {"1", "true", "yes"},
    }
    for option, variable in (
        ("endpoint_url", "AWS_S3_ENDPOINT_URL"),
        ("region_name", "AWS_S3_REGION_NAME"),
        ("custom_domain", "AWS_S3_CUSTOM_DOMAIN"),
        ("location", "AWS_LOCATION"),
    ):
        if environ.get(variable):
            options[option] = environ[variable]
    # Credentials are read by boto3 itself from AWS_ACCESS_KEY_ID / AWS_SECRET_ACCESS_KEY (or the instance role).
    return {"BACKEND": "storages.backends.s3.S3Storage", "OPTIONS": options}
