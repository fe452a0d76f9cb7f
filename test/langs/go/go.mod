module cdk8s-expose-smoke

go 1.25.0

require (
	github.com/aws/jsii-runtime-go v1.140.0
	github.com/cdk8s-expose/cdk8s-expose-go/cdk8sexpose v0.0.0
	github.com/cdk8s-team/cdk8s-core-go/cdk8s/v2 v2.70.2
)

require (
	github.com/Masterminds/semver/v3 v3.5.0 // indirect
	github.com/aws/constructs-go/constructs/v10 v10.3.0 // indirect
	github.com/cdk8s-team/cdk8s-plus-go/cdk8splus28/v2 v2.5.6 // indirect
	github.com/fatih/color v1.19.0 // indirect
	github.com/mattn/go-colorable v0.1.14 // indirect
	github.com/mattn/go-isatty v0.0.24 // indirect
	github.com/yuin/goldmark v1.7.16 // indirect
	golang.org/x/lint v0.0.0-20241112194109-818c5a804067 // indirect
	golang.org/x/mod v0.39.0 // indirect
	golang.org/x/sync v0.22.0 // indirect
	golang.org/x/sys v0.47.0 // indirect
	golang.org/x/telemetry v0.0.0-20260811182544-a038080d80e5 // indirect
	golang.org/x/tools v0.49.0 // indirect
	golang.org/x/tools/cmd/godoc v0.1.0-deprecated // indirect
	golang.org/x/tools/godoc v0.1.0-deprecated // indirect
)

// region replace
// cdk8s-expose from the jsii-pacmak output (until the module is published)
replace github.com/cdk8s-expose/cdk8s-expose-go/cdk8sexpose => ../../../dist/smoke-langs/go/cdk8sexpose

// The Go module proxy serves cdk8s-core-go v2.70.2 but not v2.70.0, the version
// cdk8s-expose and cdk8s-plus-28 ask for: every requirement resolves to v2.70.2.
replace github.com/cdk8s-team/cdk8s-core-go/cdk8s/v2 => github.com/cdk8s-team/cdk8s-core-go/cdk8s/v2 v2.70.2

// endregion replace
