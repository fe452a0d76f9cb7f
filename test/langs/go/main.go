// The cross-language smoke program, Go edition (see test/langs/typescript/main.ts,
// the reference it is compared with, and scripts/smoke-langs.ts).
//
// Usage: CDK8S_OUTDIR=<outdir> go run . <outdir> (the quick start's App writes to
// $CDK8S_OUTDIR). Writes the charts (<chart>.k8s.yaml), lint.txt (the exposure
// linter's findings) and error.txt (the message of a refused input).
package main

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"github.com/aws/jsii-runtime-go"
	"github.com/cdk8s-expose/cdk8s-expose-go/cdk8sexpose"
	"github.com/cdk8s-team/cdk8s-core-go/cdk8s/v2"
)

func main() {
	outdir := "dist/smoke-langs/out/go"
	if len(os.Args) > 1 {
		outdir = os.Args[1]
	}
	must(os.MkdirAll(outdir, 0o755))
	defer jsii.Close()
	quickStart()

	app := cdk8s.NewApp(&cdk8s.AppProps{Outdir: jsii.String(outdir)})
	// a BareMetalLB with a pool, and an app on one of its addresses
	infra := cdk8s.NewChart(app, jsii.String("metallb"), nil)
	lb := cdk8sexpose.NewBareMetalLB(infra, jsii.String("lb"), &cdk8sexpose.BareMetalLBProps{
		Pools:         &[]*cdk8sexpose.AddressPool{{Name: jsii.String("public"), Addresses: jsii.Strings("192.168.10.240-192.168.10.250")}},
		Advertisement: cdk8sexpose.Advertisement_L2(nil),
	})
	lan := cdk8s.NewChart(app, jsii.String("lan"), &cdk8s.ChartProps{Namespace: jsii.String("lan")})
	cdk8sexpose.NewPublicWebApp(lan, jsii.String("web"), &cdk8sexpose.PublicWebAppProps{
		Image:     jsii.String("nginxinc/nginx-unprivileged:1.27"),
		Port:      jsii.Number(8080),
		RunAsUser: jsii.Number(101),
		Exposure: cdk8sexpose.Exposure_LoadBalancer(&cdk8sexpose.LoadBalancerExposureOptions{
			Provider:                 lb.Provider(&cdk8sexpose.MetalLbProviderOptions{Pool: jsii.String("public"), Address: jsii.String("192.168.10.241")}),
			LoadBalancerSourceRanges: jsii.Strings("192.168.0.0/16"),
		}),
	})

	// a MeshGateway with an app routed through it
	mesh := cdk8s.NewChart(app, jsii.String("mesh"), &cdk8s.ChartProps{Namespace: jsii.String("store")})
	edge := cdk8sexpose.NewMeshGateway(mesh, jsii.String("edge"), &cdk8sexpose.MeshGatewayProps{
		Hosts: jsii.Strings("*.example.com"),
		Tls:   cdk8sexpose.MeshTls_Simple(&cdk8sexpose.SimpleMeshTlsOptions{CredentialName: jsii.String("wildcard-cert")}),
	})
	cdk8sexpose.NewPublicWebApp(mesh, jsii.String("web"), &cdk8sexpose.PublicWebAppProps{
		Image: jsii.String("ghcr.io/acme/store:2.0.1"),
		Port:  jsii.Number(8080),
		Host:  jsii.String("store.example.com"),
		Exposure: cdk8sexpose.Exposure_Mesh(edge, &cdk8sexpose.MeshExposureOptions{
			Retries: &cdk8sexpose.MeshRetries{Attempts: jsii.Number(3), PerTryTimeout: jsii.String("2s")},
			Timeout: jsii.String("10s"),
		}),
	})

	// the exposure linter: at synth over the whole app, and on hand-written JSON
	check := cdk8sexpose.ExposureLinter_Check(app, &cdk8sexpose.ExposureLintCheckOptions{PrintWarnings: jsii.Bool(false)})
	app.Synth()
	lines := []string{"# ExposureLinter.check(app) after app.synth()"}
	lines = append(lines, format(check.Findings())...)
	lines = append(lines, "# new ExposureLinter().lint(objects)")
	legacy := map[string]interface{}{
		"apiVersion": "v1",
		"kind":       "Service",
		"metadata":   map[string]interface{}{"name": "legacy", "namespace": "default"},
		"spec": map[string]interface{}{
			"type":     "NodePort",
			"selector": map[string]interface{}{"app": "legacy"},
			"ports":    []interface{}{map[string]interface{}{"port": 80, "nodePort": 80}},
		},
	}
	lines = append(lines, format(cdk8sexpose.NewExposureLinter(nil).Lint(&[]interface{}{legacy}))...)
	must(os.WriteFile(filepath.Join(outdir, "lint.txt"), []byte(strings.Join(lines, "\n")+"\n"), 0o644))

	// the error path: a refused input raises the library's error (a panic in Go)
	message := refused(filepath.Join(outdir, "refused"))
	must(os.WriteFile(filepath.Join(outdir, "error.txt"), []byte(message+"\n"), 0o644))
}

func refused(outdir string) (message string) {
	defer func() {
		if r := recover(); r != nil {
			message = fmt.Sprint(r)
		}
	}()
	bad := cdk8s.NewChart(cdk8s.NewApp(&cdk8s.AppProps{Outdir: jsii.String(outdir)}), jsii.String("bad"), nil)
	cdk8sexpose.NewPublicWebApp(bad, jsii.String("web"), &cdk8sexpose.PublicWebAppProps{
		Image:    jsii.String("ghcr.io/acme/shop:1.4.2"),
		Port:     jsii.Number(8080),
		Exposure: cdk8sexpose.Exposure_NodePort(&cdk8sexpose.NodePortExposureOptions{NodePort: jsii.Number(80)}),
	})
	return "no error"
}

// format gives E/W (the severity enum compared in Go) and the library's line for each finding.
func format(findings *[]*cdk8sexpose.LintFinding) []string {
	lines := *cdk8sexpose.ExposureLinter_FormatFindings(findings)
	out := []string{}
	for i, f := range *findings {
		sev := "W "
		if f.Severity == cdk8sexpose.LintSeverity_ERROR {
			sev = "E "
		}
		out = append(out, sev+*lines[i])
	}
	return out
}

func must(err error) {
	if err != nil {
		panic(err)
	}
}
