from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.urls import include, path

from hubportal.middleware import too_many_requests
from hubs.views import home

from .api import api
from .views import favicon, healthz

handler429 = too_many_requests  # allauth's limits answer with it too

urlpatterns = [
    path("healthz", healthz, name="healthz"),
    path("favicon.ico", favicon, name="favicon"),
    path("i18n/", include("django.conf.urls.i18n")),
    path("api/v1/", api.urls),
]

# German pages live at /..., English ones at /en/...
urlpatterns += i18n_patterns(
    path("", home, name="home"),
    path("hubs/", include("hubs.urls")),
    path("hubs/", include("showroom.urls")),
    path("events/", include("events.urls")),
    path("coworking/", include("coworking.urls")),
    path("funding/", include("funding.urls")),
    path("pages/", include("pages.urls")),
    path("figures/", include("figures.urls")),
    path("accounts/", include("allauth.urls")),
    path("accounts/profile/", include("accounts.urls")),
    path("admin/", admin.site.urls),
    prefix_default_language=False,
)
