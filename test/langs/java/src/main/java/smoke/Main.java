package smoke;

import io.github.cdk8s_expose.*;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.cdk8s.App;
import org.cdk8s.AppProps;
import org.cdk8s.Chart;
import org.cdk8s.ChartProps;

/**
 * The cross-language smoke program, Java edition (see test/langs/typescript/main.ts,
 * the reference it is compared with, and scripts/smoke-langs.ts).
 *
 * Usage: CDK8S_OUTDIR=outdir Main outdir (the quick start's App() writes to $CDK8S_OUTDIR). Writes the charts (chart.k8s.yaml), lint.txt (the
 * exposure linter's findings) and error.txt (the message of a refused input).
 */
public final class Main {
    public static void main(String[] args) throws IOException {
        Path outdir = Path.of(args.length > 0 ? args[0] : "dist/smoke-langs/out/java");
        Files.createDirectories(outdir);
        QuickStart.run();

        App app = new App(AppProps.builder().outdir(outdir.toString()).build());
        // a BareMetalLB with a pool, and an app on one of its addresses
        Chart infra = new Chart(app, "metallb");
        BareMetalLB lb = BareMetalLB.Builder.create(infra, "lb")
                .pools(List.of(AddressPool.builder().name("public").addresses(List.of("192.168.10.240-192.168.10.250")).build()))
                .advertisement(Advertisement.l2())
                .build();
        Chart lan = new Chart(app, "lan", ChartProps.builder().namespace("lan").build());
        PublicWebApp.Builder.create(lan, "web")
                .image("nginxinc/nginx-unprivileged:1.27")
                .port(8080)
                .runAsUser(101)
                .exposure(Exposure.loadBalancer(LoadBalancerExposureOptions.builder()
                        .provider(lb.provider(MetalLbProviderOptions.builder().pool("public").address("192.168.10.241").build()))
                        .loadBalancerSourceRanges(List.of("192.168.0.0/16"))
                        .build()))
                .build();

        // a MeshGateway with an app routed through it
        Chart mesh = new Chart(app, "mesh", ChartProps.builder().namespace("store").build());
        MeshGateway edge = MeshGateway.Builder.create(mesh, "edge")
                .hosts(List.of("*.example.com"))
                .tls(MeshTls.simple(SimpleMeshTlsOptions.builder().credentialName("wildcard-cert").build()))
                .build();
        PublicWebApp.Builder.create(mesh, "web")
                .image("ghcr.io/acme/store:2.0.1")
                .port(8080)
                .host("store.example.com")
                .exposure(Exposure.mesh(edge, MeshExposureOptions.builder()
                        .retries(MeshRetries.builder().attempts(3).perTryTimeout("2s").build())
                        .timeout("10s")
                        .build()))
                .build();

        // the exposure linter: at synth over the whole app, and on hand-written JSON
        ExposureLintCheck check = ExposureLinter.check(app, ExposureLintCheckOptions.builder().printWarnings(false).build());
        app.synth();
        List<String> lines = new ArrayList<>();
        lines.add("# ExposureLinter.check(app) after app.synth()");
        lines.addAll(format(check.getFindings()));
        lines.add("# new ExposureLinter().lint(objects)");
        Map<String, Object> legacy = Map.of(
                "apiVersion", "v1",
                "kind", "Service",
                "metadata", Map.of("name", "legacy", "namespace", "default"),
                "spec", Map.of("type", "NodePort", "selector", Map.of("app", "legacy"),
                        "ports", List.of(Map.of("port", 80, "nodePort", 80))));
        lines.addAll(format(new ExposureLinter().lint(List.of(legacy))));
        Files.writeString(outdir.resolve("lint.txt"), String.join("\n", lines) + "\n");

        // the error path: a refused input raises the library's error
        String message = "no error";
        try {
            Chart bad = new Chart(new App(AppProps.builder().outdir(outdir.resolve("refused").toString()).build()), "bad");
            PublicWebApp.Builder.create(bad, "web")
                    .image("ghcr.io/acme/shop:1.4.2")
                    .port(8080)
                    .exposure(Exposure.nodePort(NodePortExposureOptions.builder().nodePort(80).build()))
                    .build();
        } catch (RuntimeException e) {
            message = e.getMessage();
        }
        Files.writeString(outdir.resolve("error.txt"), message + "\n");
    }

    /** E/W (the severity enum compared in Java) and the library's line for each finding. */
    private static List<String> format(List<LintFinding> findings) {
        List<String> lines = ExposureLinter.formatFindings(findings);
        List<String> out = new ArrayList<>();
        for (int i = 0; i < findings.size(); i++) {
            out.add((findings.get(i).getSeverity() == LintSeverity.ERROR ? "E " : "W ") + lines.get(i));
        }
        return out;
    }

    private Main() {}
}
