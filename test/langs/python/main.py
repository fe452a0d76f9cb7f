"""The cross-language smoke program, Python edition (see test/langs/typescript/main.ts,
the reference it is compared with, and scripts/smoke-langs.ts).

Usage: CDK8S_OUTDIR=<outdir> main.py <outdir> (the quick start's App() writes to $CDK8S_OUTDIR). Writes the charts (<chart>.k8s.yaml), lint.txt (the
exposure linter's findings) and error.txt (the message of a refused input).
"""
import os
import sys
import typing

from cdk8s import App, Chart
from cdk8s_expose import (
    Advertisement, AddressPool, BareMetalLB, Exposure, ExposureLinter, LintFinding, LintSeverity,
    MeshGateway, MeshRetries, MeshTls, PublicWebApp,
)

from quick_start import quick_start


def main(outdir: str) -> None:
    os.makedirs(outdir, exist_ok=True)
    quick_start()

    app = App(outdir=outdir)
    # a BareMetalLB with a pool, and an app on one of its addresses
    infra = Chart(app, "metallb")
    lb = BareMetalLB(infra, "lb",
        pools=[AddressPool(name="public", addresses=["192.168.10.240-192.168.10.250"])],
        advertisement=Advertisement.l2(),
    )
    lan = Chart(app, "lan", namespace="lan")
    PublicWebApp(lan, "web",
        image="nginxinc/nginx-unprivileged:1.27",
        port=8080,
        run_as_user=101,
        exposure=Exposure.load_balancer(
            provider=lb.provider(pool="public", address="192.168.10.241"),
            load_balancer_source_ranges=["192.168.0.0/16"],
        ),
    )

    # a MeshGateway with an app routed through it
    mesh = Chart(app, "mesh", namespace="store")
    edge = MeshGateway(mesh, "edge",
        hosts=["*.example.com"],
        tls=MeshTls.simple(credential_name="wildcard-cert"),
    )
    PublicWebApp(mesh, "web",
        image="ghcr.io/acme/store:2.0.1",
        port=8080,
        host="store.example.com",
        exposure=Exposure.mesh(edge, retries=MeshRetries(attempts=3, per_try_timeout="2s"), timeout="10s"),
    )

    # the exposure linter: at synth over the whole app, and on hand-written JSON
    check = ExposureLinter.check(app, print_warnings=False)
    app.synth()
    lines = ["# ExposureLinter.check(app) after app.synth()"]
    lines += fmt(check.findings)
    lines.append("# new ExposureLinter().lint(objects)")
    legacy = {
        "apiVersion": "v1",
        "kind": "Service",
        "metadata": {"name": "legacy", "namespace": "default"},
        "spec": {"type": "NodePort", "selector": {"app": "legacy"}, "ports": [{"port": 80, "nodePort": 80}]},
    }
    lines += fmt(ExposureLinter().lint([legacy]))
    with open(os.path.join(outdir, "lint.txt"), "w") as out:
        out.write("\n".join(lines) + "\n")

    # the error path: a refused input raises the library's error
    message = "no error"
    try:
        bad = Chart(App(outdir=os.path.join(outdir, "refused")), "bad")
        PublicWebApp(bad, "web", image="ghcr.io/acme/shop:1.4.2", port=8080, exposure=Exposure.node_port(node_port=80))
    except RuntimeError as e:
        message = str(e)
    with open(os.path.join(outdir, "error.txt"), "w") as out:
        out.write(message + "\n")


def fmt(findings: typing.List[LintFinding]) -> typing.List[str]:
    """E/W (the severity enum compared in Python) and the library's line for each finding."""
    lines = ExposureLinter.format_findings(findings)
    return [("E " if f.severity == LintSeverity.ERROR else "W ") + line for f, line in zip(findings, lines)]


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else "dist/smoke-langs/out/python")
