/**
 * A throwaway Kubernetes control plane for checks: etcd + kube-apiserver built
 * from Go modules (test/cluster/build.sh), on 127.0.0.1 only, in a temp dir.
 * No kubelet, no controller-manager: namespaces, CRDs, defaulting, validation,
 * CEL rules and admission (Pod Security, ValidatingAdmissionPolicy) all run
 * inside the API server.
 */
import { ChildProcess, execFileSync, spawn, spawnSync } from 'child_process';
import * as fs from 'fs';
import * as net from 'net';
import * as os from 'os';
import * as path from 'path';

const root = path.join(__dirname, '..');

/** Builds (or finds in the cache) the engines, or takes them from ENGINES_DIR; returns their directory. Exits 127 with a message when Go is missing. */
export function engines(): string {
  if (process.env.ENGINES_DIR) return process.env.ENGINES_DIR;
  if (spawnSync('go', ['version'], { stdio: 'ignore' }).error) {
    console.error('verify-cluster: Go is not installed. The API-server check builds kube-apiserver, etcd and kubectl from Go modules '
      + '(test/cluster/go.mod, Go >= 1.26). Install Go, or skip this check: `npm test` needs Node only.');
    process.exit(127);
  }
  const started = Date.now();
  const out = execFileSync(path.join(root, 'test', 'cluster', 'build.sh'), { stdio: ['ignore', 'pipe', 'inherit'], encoding: 'utf8' }).trim().split('\n').pop()!;
  console.log(`engines: ${out} (${((Date.now() - started) / 1000).toFixed(1)} s)`);
  return out;
}

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = net.createServer();
    s.unref();
    s.on('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const port = (s.address() as net.AddressInfo).port;
      s.close(() => resolve(port));
    });
  });
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export interface Cluster {
  readonly bin: string;
  readonly dir: string;
  readonly kubeconfig: string;
  readonly server: string;
  /** kubectl with this cluster's kubeconfig; never throws: returns status and both outputs */
  kubectl(args: string[], input?: string): { status: number; stdout: string; stderr: string };
  /** kubectl that throws with its output on a non-zero exit */
  kubectlOk(args: string[], input?: string): string;
  stop(): void;
}

/** Starts etcd and kube-apiserver; resolves once /readyz answers ok. Stops both if the start fails. */
export async function startCluster(bin: string): Promise<Cluster> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cdk8s-expose-cluster-'));
  const children: ChildProcess[] = [];
  let stopped = false;
  const stop = () => {
    if (stopped) return;
    stopped = true;
    for (const c of children.reverse()) {
      if (c.exitCode === null && c.pid !== undefined) {
        try { process.kill(c.pid, 'SIGTERM'); } catch { /* already gone */ }
      }
    }
    // etcd and the API server exit within a second on SIGTERM; make sure before removing their files
    const deadline = Date.now() + 10_000;
    for (const c of children) {
      while (c.exitCode === null && c.signalCode === null && Date.now() < deadline && isAlive(c.pid)) spawnSync('sleep', ['0.1']);
      if (isAlive(c.pid)) { try { process.kill(c.pid!, 'SIGKILL'); } catch { /* gone */ } }
    }
    if (!process.env.VERIFY_CLUSTER_KEEP) fs.rmSync(dir, { recursive: true, force: true });
  };
  process.on('exit', stop);
  for (const sig of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) process.on(sig, () => { stop(); process.exit(130); });

  try {
    const [etcdClient, etcdPeer, secure] = [await freePort(), await freePort(), await freePort()];
    const run = (name: string, args: string[]) => {
      const log = fs.openSync(path.join(dir, `${name}.log`), 'w');
      const c = spawn(path.join(bin, name), args, { stdio: ['ignore', log, log] });
      children.push(c);
      return c;
    };
    const etcdUrl = `http://127.0.0.1:${etcdClient}`;
    const peerUrl = `http://127.0.0.1:${etcdPeer}`;
    run('etcd', [
      '--name=default', `--data-dir=${path.join(dir, 'etcd')}`,
      `--listen-client-urls=${etcdUrl}`, `--advertise-client-urls=${etcdUrl}`,
      `--listen-peer-urls=${peerUrl}`, `--initial-advertise-peer-urls=${peerUrl}`, `--initial-cluster=default=${peerUrl}`,
      '--unsafe-no-fsync', '--log-level=warn',
    ]);
    const saKey = path.join(dir, 'sa.key');
    const saPub = path.join(dir, 'sa.pub');
    execFileSync('openssl', ['genrsa', '-out', saKey, '2048'], { stdio: 'ignore' });
    execFileSync('openssl', ['rsa', '-in', saKey, '-pubout', '-out', saPub], { stdio: 'ignore' });
    const token = execFileSync('openssl', ['rand', '-hex', '24'], { encoding: 'utf8' }).trim();
    fs.writeFileSync(path.join(dir, 'tokens.csv'), `${token},verify-cluster,verify-cluster,"system:masters"\n`, { mode: 0o600 });
    const certDir = path.join(dir, 'certs');
    run('kube-apiserver', [
      `--etcd-servers=${etcdUrl}`,
      '--bind-address=127.0.0.1', '--advertise-address=127.0.0.1', `--secure-port=${secure}`,
      `--cert-dir=${certDir}`,
      '--service-account-issuer=https://kubernetes.default.svc.cluster.local',
      `--service-account-key-file=${saPub}`, `--service-account-signing-key-file=${saKey}`,
      // dual-stack, as the library's ipFamilies / RequireDualStack output expects of a cluster
      '--service-cluster-ip-range=10.96.0.0/16,fd00:10:96::/112',
      `--token-auth-file=${path.join(dir, 'tokens.csv')}`, '--anonymous-auth=false',
      '--authorization-mode=RBAC',
      // no controller-manager creates the default ServiceAccount (envtest does the same)
      '--disable-admission-plugins=ServiceAccount',
      // endpoints of the kubernetes Service may not be a loopback address
      '--endpoint-reconciler-type=none',
    ]);
    const server = `https://127.0.0.1:${secure}`;
    const kubeconfig = path.join(dir, 'kubeconfig');
    const certFile = path.join(certDir, 'apiserver.crt');
    const kubectl = (args: string[], input?: string) => {
      const r = spawnSync(path.join(bin, 'kubectl'), args, {
        input, encoding: 'utf8', maxBuffer: 256 * 1024 * 1024,
        env: { ...process.env, KUBECONFIG: kubeconfig },
      });
      return { status: r.status ?? 1, stdout: r.stdout ?? '', stderr: r.stderr ?? String(r.error ?? '') };
    };
    const kubectlOk = (args: string[], input?: string) => {
      const r = kubectl(args, input);
      if (r.status !== 0) throw new Error(`kubectl ${args.join(' ')} failed (${r.status}):\n${r.stdout}${r.stderr}`);
      return r.stdout;
    };
    const cluster: Cluster = { bin, dir, kubeconfig, server, kubectl, kubectlOk, stop };

    const deadline = Date.now() + 180_000;
    for (;;) {
      for (const c of children) {
        if (c.exitCode !== null || c.signalCode !== null) throw new Error(`${c.spawnfile} exited (${c.exitCode ?? c.signalCode}); log:\n${tail(c.spawnfile, dir)}`);
      }
      if (fs.existsSync(certFile) && !fs.existsSync(kubeconfig)) {
        fs.writeFileSync(kubeconfig, [
          'apiVersion: v1', 'kind: Config', 'current-context: verify',
          'clusters:', '- name: verify', '  cluster:', `    server: ${server}`, `    certificate-authority: ${certFile}`,
          'users:', '- name: verify', '  user:', `    token: ${token}`,
          'contexts:', '- name: verify', '  context:', '    cluster: verify', '    user: verify',
        ].join('\n') + '\n', { mode: 0o600 });
      }
      if (fs.existsSync(kubeconfig) && kubectl(['get', '--raw', '/readyz']).stdout.trim() === 'ok') break;
      if (Date.now() > deadline) throw new Error(`kube-apiserver not ready after 180 s; log:\n${tail('kube-apiserver', dir)}`);
      await sleep(500);
    }
    return cluster;
  } catch (e) {
    stop();
    throw e;
  }
}

function isAlive(pid: number | undefined): boolean {
  if (pid === undefined) return false;
  try {
    // an exited child the (blocked) event loop has not reaped yet is a zombie: state Z
    return fs.readFileSync(`/proc/${pid}/stat`, 'utf8').replace(/^.*\) /s, '')[0] !== 'Z';
  } catch {
    return false;
  }
}

function tail(name: string, dir: string): string {
  const f = path.join(dir, `${path.basename(name)}.log`);
  return fs.existsSync(f) ? fs.readFileSync(f, 'utf8').split('\n').slice(-30).join('\n') : '(no log)';
}
