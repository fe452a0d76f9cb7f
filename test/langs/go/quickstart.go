package main

// region imports
import (
	"github.com/aws/jsii-runtime-go"
	"github.com/cdk8s-expose/cdk8s-expose-go/cdk8sexpose"
	"github.com/cdk8s-team/cdk8s-core-go/cdk8s/v2"
)

// endregion imports

// quickStart is the README quick start (README "PublicWebApp"); the app writes to $CDK8S_OUTDIR.
func quickStart() {
	// region quick-start
	app := cdk8s.NewApp(nil)
	chart := cdk8s.NewChart(app, jsii.String("shop"), &cdk8s.ChartProps{Namespace: jsii.String("shop")})
	cdk8sexpose.NewPublicWebApp(chart, jsii.String("web"), &cdk8sexpose.PublicWebAppProps{
		Image: jsii.String("ghcr.io/acme/shop:1.4.2"),
		Port:  jsii.Number(8080),
		Host:  jsii.String("shop.example.com"),
		Tls:   cdk8sexpose.Tls_CertManager(&cdk8sexpose.CertManagerTlsOptions{ClusterIssuer: jsii.String("letsencrypt-prod")}),
		Exposure: cdk8sexpose.Exposure_Ingress(&cdk8sexpose.IngressExposureOptions{
			Controller:        cdk8sexpose.IngressController_Nginx(nil),
			RateLimit:         &cdk8sexpose.RateLimit{RequestsPerSecond: jsii.Number(20)},
			AllowSourceRanges: jsii.Strings("203.0.113.0/24"),
		}),
	})
	app.Synth()
	// endregion quick-start
}
