"""The shared cache on Redis, as Django's own backend, with one difference: the
redis-py client for a server is made once per process and reused.

Django's RedisCacheClient builds a new `redis.Redis` for every cache call, and each
one sets up its table of some 170 reply handlers first: about a fifth of a
millisecond, several times per request (session, page cache, rate limits). The
client holds nothing of its own but that table and the connection pool, which
Django keeps per server anyway, so reusing it changes nothing else."""

from django.core.cache.backends import redis


class RedisCacheClient(redis.RedisCacheClient):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._clients = {}

    def get_client(self, key=None, *, write=False):
        pool = self._get_connection_pool(write)
        client = self._clients.get(id(pool))
        if client is None:
            client = self._clients[id(pool)] = self._client(connection_pool=pool)
        return client


class RedisCache(redis.RedisCache):
    def __init__(self, server, params):
        super().__init__(server, params)
        self._class = RedisCacheClient
