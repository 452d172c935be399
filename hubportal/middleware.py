class ContentSecurityPolicyMiddleware:
    """A strict Content-Security-Policy: everything comes from the portal itself.

    No CDNs, fonts or trackers; no inline scripts or styles. KERN UX's icons are
    data: URIs inside its CSS, hence `img-src data:`.
    """

    POLICY = "; ".join(
        [
            "default-src 'self'",
            "img-src 'self' data:",
            "style-src 'self'",
            "script-src 'self'",
            "font-src 'self'",
            "object-src 'none'",
            "base-uri 'self'",
            "form-action 'self'",
            "frame-ancestors 'none'",
        ]
    )

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        response.headers.setdefault("Content-Security-Policy", self.POLICY)
        return response
