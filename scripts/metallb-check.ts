/**
 * MetalLB's own controller (go.universe.tf/metallb/controller, built by
 * test/cluster/build.sh as `metallb-controller`) against the API server, on
 * the MetalLB objects and LoadBalancer Services of the examples, created for
 * real: does every Service get the address it asked for (annotation
 * metallb.io/loadBalancerIPs) from the pool it named (metallb.io/address-pool),
 * and do Services with one metallb.io/allow-shared-ip key and address really
 * share it?
 */
import { ChildProcess, spawn } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import * as YAML from 'yaml';
import { Cluster, freePort } from './cluster';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

function ipToInt(ip: string): number {
  return ip.split('.').reduce((a, b) => a * 256 + Number(b), 0);
}

/** Whether an IPv4 address is in one of an IPAddressPool's `addresses` (CIDR or from-to range). */
export function inPool(ip: string, addresses: string[]): boolean {
  if (!/^\d+\.\d+\.\d+\.\d+$/.test(ip)) return false;
  const n = ipToInt(ip);
  return addresses.some((a) => {
    const range = /^([\d.]+)\s*-\s*([\d.]+)$/.exec(a);
    if (range) return n >= ipToInt(range[1]) && n <= ipToInt(range[2]);
    const cidr = /^([\d.]+)\/(\d+)$/.exec(a);
    if (!cidr) return false;
    const bits = Number(cidr[2]);
    const size = 2 ** (32 - bits);
    const base = Math.floor(ipToInt(cidr[1]) / size) * size;
    return n >= base && n < base + size;
  });
}

export async function checkMetalLb(cluster: Cluster, examples: Map<string, any[]>): Promise<string[]> {
  const problems: string[] = [];
  const controller = path.join(cluster.bin, 'metallb-controller');
  let checked = 0;
  for (const [name, objects] of examples) {
    const metallb = objects.filter((o) => String(o.apiVersion).startsWith('metallb.io/'));
    if (metallb.length === 0) continue;
    const namespace = metallb[0].metadata.namespace;
    const services = objects.filter((o) => o.kind === 'Service' && o.spec?.type === 'LoadBalancer');
    // this example's objects alone, for real; Secrets the example only references get a stand-in
    cluster.kubectl(['delete', 'ipaddresspools.metallb.io,l2advertisements.metallb.io,bgpadvertisements.metallb.io,bgppeers.metallb.io,bfdprofiles.metallb.io,communities.metallb.io', '--all', '-n', namespace]);
    for (const ns of new Set([namespace, ...services.map((s) => s.metadata.namespace ?? 'default')])) {
      if (cluster.kubectl(['get', 'namespace', ns, '-o', 'name']).status !== 0) cluster.kubectlOk(['create', 'namespace', ns]);
    }
    for (const p of metallb.filter((o) => o.kind === 'BGPPeer' && o.spec?.passwordSecret)) {
      const s = p.spec.passwordSecret;
      if (!objects.some((o) => o.kind === 'Secret' && o.metadata.name === s.name)) {
        cluster.kubectl(['create', 'secret', 'generic', s.name, '-n', s.namespace ?? namespace, '--type=kubernetes.io/basic-auth', '--from-literal=password=stand-in']);
      }
    }
    // the controller reads its own Pod (owner references of its ConfigurationState): a stand-in that never runs (no kubelet)
    const self = {
      apiVersion: 'v1', kind: 'Pod', metadata: { name: 'metallb-controller', namespace },
      spec: {
        securityContext: { runAsNonRoot: true, runAsUser: 65534, seccompProfile: { type: 'RuntimeDefault' } },
        containers: [{ name: 'controller', image: 'quay.io/metallb/controller:v0.16.1', securityContext: { allowPrivilegeEscalation: false, capabilities: { drop: ['ALL'] } } }],
      },
    };
    cluster.kubectlOk(['apply', '--server-side', '-f', '-'], JSON.stringify(self));
    const file = path.join(cluster.dir, `metallb-${name}.yaml`);
    const mine = [...metallb, ...objects.filter((o) => o.kind === 'Secret' && o.metadata.namespace === namespace), ...services];
    fs.writeFileSync(file, mine.map((o) => YAML.stringify(o)).join('---\n'));
    cluster.kubectlOk(['apply', '--server-side', '-f', file]);

    const [metrics, health] = [await freePort(), await freePort()];
    const log = path.join(cluster.dir, `metallb-controller-${name}.log`);
    const fd = fs.openSync(log, 'w');
    const child: ChildProcess = spawn(controller, [
      `--namespace=${namespace}`, '--pod-name=metallb-controller', '--webhook-mode=disabled', `--port=${metrics}`, `--health-probe-port=${health}`, '--log-level=info',
    ], { stdio: ['ignore', fd, fd], env: { ...process.env, KUBECONFIG: cluster.kubeconfig, METALLB_BGP_TYPE: 'frr-k8s' } });
    try {
      const deadline = Date.now() + 90_000;
      let got: any[] = [];
      for (;;) {
        got = services.map((s) => JSON.parse(cluster.kubectlOk(['get', 'service', s.metadata.name, '-n', s.metadata.namespace ?? 'default', '-o', 'json'])));
        if (got.every((s) => (s.status?.loadBalancer?.ingress ?? []).length > 0)) break;
        if (child.exitCode !== null || Date.now() > deadline) break;
        await sleep(1000);
      }
      const pools = new Map<string, string[]>(metallb.filter((o) => o.kind === 'IPAddressPool').map((o) => [o.metadata.name, o.spec.addresses]));
      const shared = new Map<string, Set<string>>();
      for (const s of got) {
        checked++;
        const id = `metallb: ${name} Service ${s.metadata.namespace}/${s.metadata.name}`;
        const ips: string[] = (s.status?.loadBalancer?.ingress ?? []).map((i: any) => i.ip);
        const a = s.metadata.annotations ?? {};
        if (ips.length === 0) {
          const events = cluster.kubectl(['get', 'events', '-n', s.metadata.namespace, '--field-selector', `involvedObject.name=${s.metadata.name}`, '-o', 'custom-columns=REASON:.reason,MESSAGE:.message', '--no-headers']).stdout.trim();
          problems.push(`${id}: MetalLB's controller gave no address in 90 s (${events || 'no events'}; log ${fs.readFileSync(log, 'utf8').split('\n').filter((l) => /error|fail/i.test(l)).slice(0, 3).join(' | ')})`);
          continue;
        }
        const wanted = a['metallb.io/loadBalancerIPs'];
        if (wanted && wanted.split(',').map((x: string) => x.trim()).sort().join(',') !== [...ips].sort().join(',')) problems.push(`${id}: asked for ${wanted}, MetalLB gave ${ips.join(',')}`);
        const pool = a['metallb.io/address-pool'];
        if (pool && !ips.every((ip) => inPool(ip, pools.get(pool) ?? []))) problems.push(`${id}: ${ips.join(',')} is not in pool ${pool} (${(pools.get(pool) ?? ['missing']).join(',')})`);
        const key = a['metallb.io/allow-shared-ip'];
        if (key) for (const ip of ips) shared.set(`${key}|${ip}`, (shared.get(`${key}|${ip}`) ?? new Set()).add(s.metadata.name));
        console.log(`${id}: ${ips.join(',')}${pool ? ` from pool ${pool}` : ''}${key ? ` shared under ${key}` : ''}`);
      }
      for (const s of got) {
        const key = s.metadata.annotations?.['metallb.io/allow-shared-ip'];
        const wanted = s.metadata.annotations?.['metallb.io/loadBalancerIPs'];
        if (key && wanted) {
          const partners = got.filter((o) => o !== s && o.metadata.annotations?.['metallb.io/allow-shared-ip'] === key && o.metadata.annotations?.['metallb.io/loadBalancerIPs'] === wanted);
          for (const p of partners) {
            const mine2 = (s.status?.loadBalancer?.ingress ?? []).map((i: any) => i.ip).join(',');
            const theirs = (p.status?.loadBalancer?.ingress ?? []).map((i: any) => i.ip).join(',');
            if (mine2 !== theirs) problems.push(`metallb: ${name} ${s.metadata.name} and ${p.metadata.name} share key ${key} but got ${mine2} and ${theirs}`);
          }
        }
      }
    } finally {
      if (child.exitCode === null) child.kill('SIGTERM');
      await new Promise((r) => (child.exitCode !== null ? r(undefined) : child.once('exit', r)));
      fs.closeSync(fd);
      cluster.kubectl(['delete', '-f', file, '--wait=false']);
    }
  }
  console.log(`metallb: ${checked} LoadBalancer Services checked with MetalLB's controller; ${problems.length} problems`);
  return problems;
}
