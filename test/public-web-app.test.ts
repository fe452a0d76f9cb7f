import { Chart, Size, Testing } from 'cdk8s';
import { Exposure, ExposeErrors, ExternalTrafficPolicy, IngressController, PublicWebApp, PublicWebAppProps, Tls } from '../src';
import { newChart, objectOf, objectsOf } from './util/app';
import { expectValid } from './util/schema';

const TLS = Tls.certManager({ clusterIssuer: 'letsencrypt-prod' });

function synthApp(props: Partial<PublicWebAppProps> = {}) {
  const { chart } = newChart();
  const app = new PublicWebApp(chart, 'web', { image: 'ghcr.io/acme/shop:1.4.2', host: 'shop.example.com', tls: TLS, ...props });
  return { chart, app, objects: expectValid(chart) };
}

describe('PublicWebApp (issue example)', () => {
  test('emits a hardened Deployment, Service, Ingress, NetworkPolicy and PDB', () => {
    const { chart } = newChart();
    new PublicWebApp(chart, 'web', {
      image: 'ghcr.io/acme/shop:1.4.2',
      port: 8080,
      host: 'shop.example.com',
      tls: Tls.certManager({ clusterIssuer: 'letsencrypt-prod' }),
      exposure: Exposure.ingress({
        controller: IngressController.nginx(),
        rateLimit: { requestsPerSecond: 20 },
        allowSourceRanges: ['203.0.113.0/24'],
      }),
    });
    const objects = expectValid(chart);
    expect(objects.map((o) => o.kind).sort()).toEqual(['Deployment', 'Ingress', 'NetworkPolicy', 'PodDisruptionBudget', 'Service']);
    expect(objects).toMatchSnapshot();
  });
});

describe('defaults', () => {
  const { objects, app } = synthApp();
  const deployment = objectOf(objects, 'Deployment');
  const pod = deployment.spec.template.spec;
  const container = pod.containers[0];

  test('two replicas spread over nodes and zones without blocking scheduling', () => {
    expect(deployment.spec.replicas).toBe(2);
    expect(pod.topologySpreadConstraints.map((c: any) => [c.topologyKey, c.whenUnsatisfiable])).toEqual([
      ['kubernetes.io/hostname', 'ScheduleAnyway'],
      ['topology.kubernetes.io/zone', 'ScheduleAnyway'],
    ]);
    expect(pod.affinity).toBeUndefined();
  });

  test('pod passes Pod Security restricted', () => {
    expect(pod.securityContext).toMatchObject({ runAsNonRoot: true, runAsUser: 10001 });
    expect(container.securityContext).toEqual({
      allowPrivilegeEscalation: false,
      capabilities: { drop: ['ALL'] },
      privileged: false,
      readOnlyRootFilesystem: true,
      runAsGroup: 10001,
      runAsNonRoot: true,
      runAsUser: 10001,
      seccompProfile: { type: 'RuntimeDefault' },
    });
    expect(pod.automountServiceAccountToken).toBe(false);
    expect(pod.hostNetwork).toBe(false);
  });

  test('writable emptyDir at /tmp next to the read-only root filesystem', () => {
    expect(container.volumeMounts).toEqual([{ mountPath: '/tmp', name: 'writable-tmp' }]);
    expect(pod.volumes).toEqual([{ emptyDir: {}, name: 'writable-tmp' }]);
  });

  test('requests and limits, TCP probes on the app port', () => {
    expect(container.resources).toEqual({ limits: { cpu: '500m', memory: '256Mi' }, requests: { cpu: '100m', memory: '128Mi' } });
    expect(container.ports).toEqual([{ containerPort: 8080, name: 'http' }]);
    expect(container.readinessProbe.tcpSocket).toEqual({ port: 8080 });
    expect(container.livenessProbe.tcpSocket).toEqual({ port: 8080 });
  });

  test('ClusterIP Service with a named port; the Ingress is the only way in', () => {
    const service = objectOf(objects, 'Service');
    expect(service.spec.type).toBe('ClusterIP');
    expect(service.spec.ports).toEqual([{ name: 'http', port: 80, protocol: 'TCP', targetPort: 8080 }]);
    expect(service.spec.selector).toEqual({ 'app.kubernetes.io/name': 'web' });
    expect(service.spec.externalIPs).toBeUndefined();
  });

  test('NetworkPolicy: in only from the ingress controller namespace on the app port; out only to DNS', () => {
    const np = objectOf(objects, 'NetworkPolicy');
    expect(np.spec.podSelector).toEqual({ matchLabels: { 'app.kubernetes.io/name': 'web' } });
    expect(np.spec.policyTypes).toEqual(['Ingress', 'Egress']);
    expect(np.spec.ingress).toEqual([{
      from: [{ namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'ingress-nginx' } } }],
      ports: [{ port: 8080, protocol: 'TCP' }],
    }]);
    expect(np.spec.egress).toHaveLength(1);
    expect(np.spec.egress[0].ports).toEqual([{ port: 53, protocol: 'UDP' }, { port: 53, protocol: 'TCP' }]);
  });

  test('PodDisruptionBudget keeps all but one pod', () => {
    expect(objectOf(objects, 'PodDisruptionBudget').spec).toEqual({ maxUnavailable: 1, selector: { matchLabels: { 'app.kubernetes.io/name': 'web' } } });
  });

  test('default exposure is an nginx Ingress with TLS and the HTTPS redirect', () => {
    const ingress = objectOf(objects, 'Ingress');
    expect(ingress.spec.ingressClassName).toBe('nginx');
    expect(ingress.spec.tls).toEqual([{ hosts: ['shop.example.com'], secretName: 'web-tls' }]);
    expect(ingress.metadata.annotations).toEqual({
      'cert-manager.io/cluster-issuer': 'letsencrypt-prod',
      'nginx.ingress.kubernetes.io/ssl-redirect': 'true',
    });
    expect(ingress.spec.rules[0].http.paths).toEqual([{ backend: { service: { name: 'web', port: { number: 80 } } }, path: '/', pathType: 'Prefix' }]);
  });

  test('escape hatches expose every object', () => {
    expect(app.deployment).toBeDefined();
    expect(app.workload).toBe(app.deployment);
    expect(app.daemonSet).toBeUndefined();
    expect(app.service.name).toBe('web');
    expect(app.ingress).toBeDefined();
    expect(app.networkPolicy.name).toBe('web');
    expect(app.podDisruptionBudget?.name).toBe('web');
    expect(app.container.name).toBe('app');
    expect(app.name).toBe('web');
    expect(app.namespace).toBe('shop');
  });

  test('access info and port-forward command name the real objects', () => {
    expect(app.accessInfo()).toContain('URL: https://shop.example.com/');
    expect(app.accessInfo()).toContain('kubectl get ingress web -n shop');
    expect(app.portForwardCommand()).toBe('kubectl port-forward -n shop service/web 8080:80');
    expect(app.portForwardCommand(9000)).toBe('kubectl port-forward -n shop service/web 9000:80');
  });
});

describe('options', () => {
  test('one replica: no PodDisruptionBudget, no spread', () => {
    const { objects } = synthApp({ replicas: 1 });
    expect(objectsOf(objects, 'PodDisruptionBudget')).toHaveLength(0);
    expect(objectOf(objects, 'Deployment').spec.template.spec.topologySpreadConstraints).toBeUndefined();
  });

  test('HTTP probes on healthCheckPath, env, command, custom resources and user', () => {
    const { objects } = synthApp({
      healthCheckPath: '/healthz',
      env: { LOG_LEVEL: 'info' },
      command: ['/app'],
      args: ['--serve'],
      runAsUser: 2000,
      writablePaths: ['/tmp', '/var/cache/app'],
      name: 'shop-web',
      labels: { team: 'shop' },
    });
    const container = objectOf(objects, 'Deployment').spec.template.spec.containers[0];
    expect(container.readinessProbe.httpGet).toEqual({ path: '/healthz', port: 8080, scheme: 'HTTP' });
    expect(container.env).toEqual([{ name: 'LOG_LEVEL', value: 'info' }]);
    expect(container.command).toEqual(['/app']);
    expect(container.args).toEqual(['--serve']);
    expect(container.securityContext.runAsUser).toBe(2000);
    expect(container.volumeMounts.map((m: any) => m.mountPath)).toEqual(['/tmp', '/var/cache/app']);
    expect(objectOf(objects, 'Service').metadata.name).toBe('shop-web');
    expect(objectOf(objects, 'Service').metadata.labels.team).toBe('shop');
  });

  test('egress to listed CIDRs, or anywhere when asked', () => {
    let np = objectOf(synthApp({ egressCidrs: ['10.0.5.0/24'] }).objects, 'NetworkPolicy');
    expect(np.spec.egress[1]).toEqual({ to: [{ ipBlock: { cidr: '10.0.5.0/24' } }] });
    np = objectOf(synthApp({ allowAllEgress: true }).objects, 'NetworkPolicy');
    expect(np.spec.egress).toEqual([{}]);
  });

  test('plain HTTP only when asked for explicitly', () => {
    const { chart } = newChart();
    new PublicWebApp(chart, 'web', { image: 'nginx:1.27', exposure: Exposure.ingress({ allowPlainHttp: true }) });
    const objects = expectValid(chart);
    const ingress = objectOf(objects, 'Ingress');
    expect(ingress.spec.tls).toBeUndefined();
    expect(ingress.metadata.annotations).toBeUndefined();
    expect(ingress.spec.rules).toEqual([{ http: { paths: [{ backend: { service: { name: 'web', port: { number: 80 } } }, path: '/', pathType: 'Prefix' }] } }]);
  });

  test('TLS from an existing Secret', () => {
    const ingress = objectOf(synthApp({ tls: Tls.fromSecret('shop-cert') }).objects, 'Ingress');
    expect(ingress.spec.tls).toEqual([{ hosts: ['shop.example.com'], secretName: 'shop-cert' }]);
    expect(ingress.metadata.annotations['cert-manager.io/cluster-issuer']).toBeUndefined();
  });

  test('cert-manager Issuer in the namespace and a custom secret name', () => {
    const ingress = objectOf(synthApp({ tls: Tls.certManager({ issuer: 'local-ca', secretName: 'cert' }) }).objects, 'Ingress');
    expect(ingress.metadata.annotations['cert-manager.io/issuer']).toBe('local-ca');
    expect(ingress.spec.tls[0].secretName).toBe('cert');
  });

  test('nginx rate limit with burst, body size and extra annotations', () => {
    const ingress = objectOf(synthApp({
      exposure: Exposure.ingress({ rateLimit: { requestsPerSecond: 10, burst: 30 }, maxRequestBodySize: Size.mebibytes(8), annotations: { 'example.com/team': 'shop' } }),
    }).objects, 'Ingress');
    expect(ingress.metadata.annotations).toMatchObject({
      'nginx.ingress.kubernetes.io/limit-rps': '10',
      'nginx.ingress.kubernetes.io/limit-burst-multiplier': '3',
      'nginx.ingress.kubernetes.io/proxy-body-size': '8192k',
      'example.com/team': 'shop',
    });
  });

  test('wildcard host and a sub-path', () => {
    const ingress = objectOf(synthApp({ host: '*.example.com', path: '/api' }).objects, 'Ingress');
    expect(ingress.spec.rules[0].host).toBe('*.example.com');
    expect(ingress.spec.rules[0].http.paths[0].path).toBe('/api');
  });

  test('two apps on the same host with different paths are fine', () => {
    const { chart } = newChart();
    new PublicWebApp(chart, 'web', { image: 'a:1', host: 'shop.example.com', tls: TLS });
    new PublicWebApp(chart, 'api', { image: 'b:1', host: 'shop.example.com', path: '/api', tls: TLS });
    expect(objectsOf(expectValid(chart), 'Ingress')).toHaveLength(2);
  });
});

describe('refused input', () => {
  function expectRefused(props: Partial<PublicWebAppProps>, ...fragments: string[]) {
    const { chart } = newChart();
    let error: any;
    try {
      new PublicWebApp(chart, 'web', { image: 'ghcr.io/acme/shop:1.4.2', host: 'shop.example.com', tls: TLS, ...props });
    } catch (e) {
      error = e;
    }
    expect(error).toBeDefined();
    expect(ExposeErrors.isExposeError(error)).toBe(true);
    expect(error.message).toContain("PublicWebApp 'shop/web'");
    expect(error.message).toContain('Fix:');
    for (const f of fragments) expect(error.message).toContain(f);
    return error;
  }

  test('empty image', () => void expectRefused({ image: '' }, 'image=""'));
  test('image with spaces', () => void expectRefused({ image: 'nginx latest' }, 'image="nginx latest"'));
  test('port outside 1-65535', () => void expectRefused({ port: 70000 }, 'port=70000', '1 to 65535'));
  test('port 0', () => void expectRefused({ port: 0 }, 'port=0'));
  test('fractional port', () => void expectRefused({ port: 80.5 }, 'port=80.5'));
  test('service port outside range', () => void expectRefused({ servicePort: -1 }, 'servicePort=-1'));
  test('negative replicas', () => void expectRefused({ replicas: -1 }, 'replicas=-1'));
  test('host that is not a DNS name', () => void expectRefused({ host: 'Shop_Example.com' }, 'host="Shop_Example.com"'));
  test('wildcard not leading', () => void expectRefused({ host: 'shop.*.example.com' }, 'host="shop.*.example.com"'));
  test('IP address as host', () => void expectRefused({ host: '203.0.113.10' }, 'host="203.0.113.10"'));
  test('path not starting with /', () => void expectRefused({ path: 'api' }, 'path="api"'));
  test('TLS without a host', () => void expectRefused({ host: undefined }, 'tls=', 'needs a host'));
  test('TLS secret name invalid', () => void expectRefused({ tls: Tls.fromSecret('Bad_Name') }, 'tls="Bad_Name"'));
  test('cert-manager with both issuers', () => void expectRefused({ tls: Tls.certManager({ issuer: 'a', clusterIssuer: 'b' }) }, 'tls.clusterIssuer', 'exactly one'));
  test('cert-manager with no issuer', () => void expectRefused({ tls: Tls.certManager({}) }, 'exactly one'));
  test('plain HTTP Ingress not asked for', () => void expectRefused({ tls: undefined }, 'tls=(unset)', 'allowPlainHttp'));
  test('rate limit 0', () => void expectRefused({ exposure: Exposure.ingress({ rateLimit: { requestsPerSecond: 0 } }) }, 'exposure.rateLimit.requestsPerSecond=0'));
  test('rate limit negative', () => void expectRefused({ exposure: Exposure.ingress({ rateLimit: { requestsPerSecond: -5 } }) }, 'exposure.rateLimit.requestsPerSecond=-5'));
  test('burst below the rate', () => void expectRefused({ exposure: Exposure.ingress({ rateLimit: { requestsPerSecond: 10, burst: 5 } }) }, 'exposure.rateLimit.burst=5'));
  test('invalid CIDR', () => void expectRefused({ exposure: Exposure.ingress({ allowSourceRanges: ['203.0.113.0/33'] }) }, 'exposure.allowSourceRanges[0]="203.0.113.0/33"'));
  test('empty allowlist', () => void expectRefused({ exposure: Exposure.ingress({ allowSourceRanges: [] }) }, 'exposure.allowSourceRanges=[]'));
  test('nginx cannot honour a burst that is not a multiple of the rate', () => void
  expectRefused({ exposure: Exposure.ingress({ rateLimit: { requestsPerSecond: 10, burst: 15 } }) }, 'exposure.rateLimit.burst=15', 'limit-burst-multiplier'));
  test('nginx snippet annotations are refused', () => void
  expectRefused({ exposure: Exposure.ingress({ annotations: { 'nginx.ingress.kubernetes.io/server-snippet': 'return 200;' } }) }, 'server-snippet', 'Critical'));
  test('invalid annotation key', () => void expectRefused({ exposure: Exposure.ingress({ annotations: { 'bad key': 'x' } }) }, 'exposure.annotations="bad key"'));
  test('name longer than Kubernetes allows', () => void expectRefused({ name: 'a'.repeat(64) }, 'name="aaaa'));
  test('name that is not a DNS label', () => void expectRefused({ name: 'Web' }, 'name="Web"'));
  test('name starting with a digit (Services need DNS-1035)', () => void expectRefused({ name: '1web' }, 'name="1web"'));
  test('root user', () => void expectRefused({ runAsUser: 0 }, 'runAsUser=0'));
  test('invalid env name', () => void expectRefused({ env: { '1BAD': 'x' } }, 'env="1BAD"'));
  test('writable path /', () => void expectRefused({ writablePaths: ['/'] }, 'writablePaths[0]="/"'));
  test('invalid egress CIDR', () => void expectRefused({ egressCidrs: ['10.0.0.0'] }, 'egressCidrs[0]="10.0.0.0"'));
  test('invalid label', () => void expectRefused({ labels: { team: 'a b' } }, 'labels.team="a b"'));

  test('two apps claiming the same host + path in one chart', () => {
    const { chart } = newChart();
    new PublicWebApp(chart, 'web', { image: 'a:1', host: 'shop.example.com', tls: TLS });
    expect(() => new PublicWebApp(chart, 'web2', { image: 'b:1', host: 'shop.example.com', tls: TLS }))
      .toThrow(/PublicWebApp 'shop\/web2': host="shop.example.com\/": 'shop\/web' already routes this host and path/);
  });

  test('two apps claiming the same host + path in different charts of one App', () => {
    const { app, chart } = newChart();
    new PublicWebApp(chart, 'web', { image: 'a:1', host: 'shop.example.com', tls: TLS });
    const other = new Chart(app, 'other', { namespace: 'other' });
    expect(() => new PublicWebApp(other, 'web', { image: 'b:1', host: 'shop.example.com', tls: TLS })).toThrow(/already routes this host and path/);
  });

  test('two apps with the same name in one namespace', () => {
    const { chart } = newChart();
    new PublicWebApp(chart, 'web', { image: 'a:1', host: 'a.example.com', tls: TLS });
    expect(() => new PublicWebApp(chart, 'web-b', { name: 'web', image: 'b:1', host: 'b.example.com', tls: TLS })).toThrow(/name="web": another PublicWebApp/);
  });

  test('separate Apps do not share claims', () => {
    for (let i = 0; i < 2; i++) {
      const chart = Testing.chart();
      new PublicWebApp(chart, 'web', { image: 'a:1', host: 'shop.example.com', tls: TLS });
    }
  });
});

describe('notes()', () => {
  const IMAGE = 'ghcr.io/acme/shop:1.4.2';
  /** The --overrides of the notes' netshoot pod: a securityContext that passes Pod Security restricted. */
  const restricted = (pod: string, url: string) => JSON.stringify({
    apiVersion: 'v1',
    spec: {
      securityContext: { runAsNonRoot: true, runAsUser: 65534, runAsGroup: 65534, seccompProfile: { type: 'RuntimeDefault' } },
      containers: [{
        name: pod,
        image: 'nicolaka/netshoot',
        args: ['curl', '-sv', '--max-time', '5', url],
        stdin: true,
        stdinOnce: true,
        tty: true,
        securityContext: { allowPrivilegeEscalation: false, capabilities: { drop: ['ALL'] } },
      }],
    },
  });

  test('ingress-nginx: URL, the three checks with the real names, the controller logs', () => {
    const { chart } = newChart();
    const web = new PublicWebApp(chart, 'web', { image: IMAGE, host: 'shop.example.com', tls: TLS, healthCheckPath: '/healthz' });
    expect(web.notes().split('\n')).toEqual([
      'ingress exposure of shop/web (namespace shop)',
      'URL: https://shop.example.com/',
      '',
      'Before applying, the cluster must have (not created by these manifests):',
      '  - IngressClass nginx: Ingress shop/web sets spec.ingressClassName nginx; the nginx controller serves only Ingresses of an IngressClass that names it, created when the controller is installed',
      '    kubectl get ingressclass nginx',
      '  - ClusterIssuer letsencrypt-prod: cert-manager issues the certificate of Ingress shop/web into Secret web-tls through it (annotation cert-manager.io/cluster-issuer); without it no certificate is issued',
      '    kubectl get clusterissuers.cert-manager.io letsencrypt-prod',
      '',
      'Reach it:',
      "  Open https://shop.example.com/ (DNS for shop.example.com must point at the nginx Ingress controller's load balancer).",
      "  kubectl get ingress web -n shop  # ADDRESS column: the controller's external address",
      '',
      'Inside the cluster:',
      "  web.shop.svc.cluster.local:80  # cluster DNS name of the Service: <service>.<namespace>.svc.cluster.local resolves to its ClusterIP; from namespace shop 'web' alone is enough (the pod's DNS search path)",
      "  A headless Service (clusterIP: None), as a StatefulSet uses, resolves to the ready pods' IPs instead, and each pod gets <pod>.<service>.<namespace>.svc.cluster.local.",
      '',
      'If it does not answer, check in this order:',
      '1. Does the Service have ready endpoints?',
      '  kubectl get endpoints web -n shop',
      '  kubectl get endpointslices -n shop -l kubernetes.io/service-name=web  # the same from the EndpointSlice API (v1 Endpoints is deprecated since Kubernetes 1.33)',
      '  No addresses: no Ready pod matches app.kubernetes.io/name=web. kubectl get pods -n shop -l app.kubernetes.io/name=web, then kubectl describe pod on one of them: the readiness probe is GET /healthz on port 8080.',
      '2. Does the Service answer from inside the cluster?',
      `  kubectl run netshoot-web -n ingress-nginx --rm -it --restart=Never --image=nicolaka/netshoot --overrides='${restricted('netshoot-web', 'http://web.shop.svc.cluster.local:80/')}'`,
      '    (run in namespace ingress-nginx: the NetworkPolicy admits pods of that namespace only)',
      '  kubectl port-forward -n shop service/web 8080:80, then curl http://localhost:8080/  # bypasses NetworkPolicy: answers here but not above means the policy or DNS',
      '3. Does the edge reach the Service?',
      '  kubectl logs -n ingress-nginx -l app.kubernetes.io/name=ingress-nginx --tail=100',
      '  kubectl describe service web -n shop  # Selector, Port http 80/TCP, TargetPort 8080/TCP (the container port), Endpoints and Events',
      '  kubectl describe ingress web -n shop  # Events: rejected annotations, missing TLS Secret or backend',
      '  Security response headers: not per app with nginx: HSTS from the controller ConfigMap (hsts, on by default), the others from its add-headers, for every Ingress',
    ]);
  });

  // issue 11 fault 16: the namespace is not known at synth time, so no `default` is guessed
  test('without a namespace: no -n flags, the short name where the pod runs in the app\'s namespace, <namespace> elsewhere', () => {
    const { chart } = newChart(null);
    const web = new PublicWebApp(chart, 'web', { image: IMAGE, exposure: Exposure.clusterIp() });
    const notes = web.notes();
    expect(notes).toContain('kubectl get endpoints web\n');
    expect(notes).toContain(`kubectl run netshoot-web --rm -it --restart=Never --image=nicolaka/netshoot --overrides='${restricted('netshoot-web', 'http://web:80/')}'`);
    expect(notes).toContain('Internal only: in the cluster at http://web.<namespace>.svc.cluster.local:80/');
    expect(notes).toContain('http://localhost:8001/api/v1/namespaces/<namespace>/services/web:http/proxy/');
    expect(notes).toContain("<namespace>: the namespace the manifests were applied to (kubectl config view --minify -o jsonpath='{..namespace}'; empty means default).");
    expect(notes).not.toContain(' -n ');
    expect(notes).not.toContain('default.svc');
    expect(web.kubectlProxyUrl(8001, 'team-a')).toBe('http://localhost:8001/api/v1/namespaces/team-a/services/web:http/proxy/');
    const ingress = new PublicWebApp(chart, 'shop', { image: IMAGE, host: 'shop.example.com', tls: TLS });
    expect(ingress.notes()).toContain('"http://shop.<namespace>.svc.cluster.local:80/"');
  });

  test('clusterIp: the in-cluster curl is expected to time out, unless a namespace is allowed in', () => {
    const { chart } = newChart();
    const closed = new PublicWebApp(chart, 'closed', { image: IMAGE, exposure: Exposure.clusterIp() });
    expect(closed.notes()).toContain('expected to time out: the NetworkPolicy admits no client outside the app');
    const open = new PublicWebApp(chart, 'open', { image: IMAGE, exposure: Exposure.clusterIp({ allowFromNamespaces: ['monitoring'] }) });
    expect(open.notes()).toContain(`kubectl run netshoot-open -n monitoring --rm -it --restart=Never --image=nicolaka/netshoot --overrides='${restricted('netshoot-open', 'http://open.shop.svc.cluster.local:80/')}'`);
  });

  test('nodePort with source ranges: the curl is refused by design; the edge check curls the node port', () => {
    const { chart } = newChart();
    // 192.168.0.0/16 is Calico's default pod pool: the notes promise a time-out only once the pod network is known to lie outside it
    chart.node.setContext('cdk8s-expose:podCidrs', ['10.244.0.0/16']);
    const web = new PublicWebApp(chart, 'web', { image: IMAGE, exposure: Exposure.nodePort({ allowSourceRanges: ['192.168.0.0/16'], externalTrafficPolicy: ExternalTrafficPolicy.LOCAL }) });
    const notes = web.notes();
    expect(notes).toContain('expected to time out: the NetworkPolicy admits only 192.168.0.0/16');
    expect(notes).toContain("kubectl get svc web -n shop -o jsonpath='{.spec.ports[0].nodePort}'");
    // issue 11 fault 16: kube-proxy DROPs on a node without a local endpoint (timeout); it REJECTs only when the Service has no endpoint at all
    expect(notes).toContain('From a machine outside the cluster: curl -sv --max-time 5 http://<node-ip>:<nodePort>/  # a timeout is a firewall or security group, or a node without a ready pod of the app (externalTrafficPolicy Local: kube-proxy drops the packets there); \'connection refused\' means the Service has no ready endpoint at all');
    expect(notes).not.toMatch(/refused' is kube-proxy|no ready pod on that node/);
  });

  test('loadBalancer: EXTERNAL-IP, Events and health checks', () => {
    const { chart } = newChart();
    const web = new PublicWebApp(chart, 'web', { image: IMAGE, exposure: Exposure.loadBalancer({ loadBalancerSourceRanges: ['203.0.113.0/24'] }) });
    const notes = web.notes();
    expect(notes).toContain('kubectl get svc web -n shop  # EXTERNAL-IP');
    expect(notes).toContain('kubectl describe service web -n shop');
    expect(notes).toContain("health checks: with externalTrafficPolicy Local only nodes running a pod pass (kubectl get svc web -n shop -o jsonpath='{.spec.healthCheckNodePort}')");
  });

  test('hostPort and hostNetwork: port clashes on the node', () => {
    const { chart } = newChart();
    const hp = new PublicWebApp(chart, 'db', { image: IMAGE, port: 8086, replicas: 1, exposure: Exposure.hostPort({ acknowledgePrivilegedNamespace: true }) });
    expect(hp.notes()).toContain("didn't have free ports");
    expect(hp.notes()).toContain("ss -ltn 'sport = :8086'");
    const hn = new PublicWebApp(chart, 'tomcat', { image: IMAGE, exposure: Exposure.hostNetwork({ acknowledgePrivilegedNamespace: true }) });
    expect(hn.notes()).toContain("'address already in use'");
    expect(hn.notes()).toContain("ss -ltnp 'sport = :8080'");
  });

  test('externalIps: the route to the address', () => {
    const { chart } = newChart();
    const web = new PublicWebApp(chart, 'web', { image: IMAGE, exposure: Exposure.externalIps(['203.0.113.10']) });
    expect(web.notes()).toContain('URL: http://203.0.113.10:80/');
    expect(web.notes()).toContain('traceroute 203.0.113.10');
  });

  test('gateway: route and Gateway status', () => {
    const { chart } = newChart();
    const web = new PublicWebApp(chart, 'web', { image: IMAGE, host: 'shop.example.com', exposure: Exposure.gateway({ gateway: { name: 'shared', namespace: 'infra', sectionName: 'https' } }) });
    const notes = web.notes();
    expect(notes).toContain('kubectl describe httproute web -n shop');
    expect(notes).toContain('kubectl describe gateway shared -n infra');
  });
});
