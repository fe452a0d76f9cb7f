// Command netpol-verdicts answers "is this traffic allowed?" for a list of
// flows against a set of NetworkPolicies, with the policy engine of cyclonus
// (github.com/mattfenwick/cyclonus/pkg/matcher, the model behind the
// upstream NetworkPolicy conformance tool). Input (stdin, JSON):
//
//	{"policies": <NetworkPolicyList>, "flows": [{"name": "...", "traffic": <matcher.Traffic>}]}
//
// Output (stdout, JSON): [{"name": "...", "allowed": bool, "ingress": bool, "egress": bool}]
package main

import (
	"encoding/json"
	"fmt"
	"os"

	"github.com/mattfenwick/cyclonus/pkg/matcher"
	networkingv1 "k8s.io/api/networking/v1"
)

type flow struct {
	Name    string           `json:"name"`
	Traffic *matcher.Traffic `json:"traffic"`
}

type input struct {
	Policies networkingv1.NetworkPolicyList `json:"policies"`
	Flows    []flow                         `json:"flows"`
}

type verdict struct {
	Name    string `json:"name"`
	Allowed bool   `json:"allowed"`
	Ingress bool   `json:"ingress"`
	Egress  bool   `json:"egress"`
}

func main() {
	var in input
	if err := json.NewDecoder(os.Stdin).Decode(&in); err != nil {
		fmt.Fprintf(os.Stderr, "netpol-verdicts: bad input: %v\n", err)
		os.Exit(2)
	}
	policies := make([]*networkingv1.NetworkPolicy, 0, len(in.Policies.Items))
	for i := range in.Policies.Items {
		policies = append(policies, &in.Policies.Items[i])
	}
	engine := matcher.BuildNetworkPolicies(false, policies)
	out := make([]verdict, 0, len(in.Flows))
	for _, f := range in.Flows {
		r := engine.IsTrafficAllowed(f.Traffic)
		out = append(out, verdict{Name: f.Name, Allowed: r.IsAllowed(), Ingress: r.Ingress.IsAllowed(), Egress: r.Egress.IsAllowed()})
	}
	if err := json.NewEncoder(os.Stdout).Encode(out); err != nil {
		os.Exit(1)
	}
}
