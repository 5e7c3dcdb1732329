from django.contrib.auth.hashers import Argon2PasswordHasher


class LightArgon2PasswordHasher(Argon2PasswordHasher):
    """Argon2id with tiny cost parameters, for the test run only (settings.TESTING).

    Production hashes use Django's defaults (100 MiB, 2 passes); tests hash hundreds of passwords
    and only need the same algorithm, not its cost.
    """

    time_cost = 1
    memory_cost = 256
    parallelism = 1
