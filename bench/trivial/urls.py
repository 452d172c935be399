from django.db import connection
from django.http import HttpResponse
from django.template import engines
from django.urls import path

TEMPLATE = engines["django"].from_string("<!doctype html><title>ok</title><p>{{ n }}</p>")


def trivial(request):
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
        (n,) = cursor.fetchone()
    return HttpResponse(TEMPLATE.render({"n": n}, request))


urlpatterns = [path("", trivial)]
