package smoke;

// region imports
import io.github.cdk8s_expose.CertManagerTlsOptions;
import io.github.cdk8s_expose.Exposure;
import io.github.cdk8s_expose.IngressController;
import io.github.cdk8s_expose.IngressExposureOptions;
import io.github.cdk8s_expose.PublicWebApp;
import io.github.cdk8s_expose.RateLimit;
import io.github.cdk8s_expose.Tls;
import java.util.List;
import org.cdk8s.App;
import org.cdk8s.Chart;
import org.cdk8s.ChartProps;
// endregion imports

/** The README quick start (README "PublicWebApp"); the app writes to $CDK8S_OUTDIR. */
final class QuickStart {
    static void run() {
        // region quick-start
        App app = new App();
        Chart chart = new Chart(app, "shop", ChartProps.builder().namespace("shop").build());
        PublicWebApp.Builder.create(chart, "web")
                .image("ghcr.io/acme/shop:1.4.2")
                .port(8080)
                .host("shop.example.com")
                .tls(Tls.certManager(CertManagerTlsOptions.builder().clusterIssuer("letsencrypt-prod").build()))
                .exposure(Exposure.ingress(IngressExposureOptions.builder()
                        .controller(IngressController.nginx())
                        .rateLimit(RateLimit.builder().requestsPerSecond(20).build())
                        .allowSourceRanges(List.of("203.0.113.0/24"))
                        .build()))
                .build();
        app.synth();
        // endregion quick-start
    }

    private QuickStart() {}
}
