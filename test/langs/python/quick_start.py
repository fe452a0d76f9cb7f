# region imports
from cdk8s import App, Chart
from cdk8s_expose import Exposure, IngressController, PublicWebApp, RateLimit, Tls
# endregion imports


def quick_start() -> None:
    """The README quick start (README "PublicWebApp"); the app writes to $CDK8S_OUTDIR."""
    # region quick-start
    app = App()
    chart = Chart(app, "shop", namespace="shop")
    PublicWebApp(chart, "web",
        image="ghcr.io/acme/shop:1.4.2",
        port=8080,
        host="shop.example.com",
        tls=Tls.cert_manager(cluster_issuer="letsencrypt-prod"),
        exposure=Exposure.ingress(
            controller=IngressController.nginx(),
            rate_limit=RateLimit(requests_per_second=20),
            allow_source_ranges=["203.0.113.0/24"],
        ),
    )
    app.synth()
    # endregion quick-start
