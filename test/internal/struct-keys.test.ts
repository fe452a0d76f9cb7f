import * as fs from 'fs';
import * as path from 'path';
import { Testing } from 'cdk8s';
import * as ts from 'typescript';
import { renderStructKeys, structKeysOf, GENERATED } from '../../scripts/struct-keys';
import {
  Advertisement, BareMetalLB, Exposure, ExposureLinter, ExposureLintValidation, IngressController, LoadBalancerProvider, MeshGateway, MeshTls,
  PublicWebApp, Tls,
} from '../../src';
import { STRUCT_KEYS } from '../../src/internal/struct-keys.generated';

const ROOT = path.join(__dirname, '..', '..');

/** Exported interfaces of src/ whose members are all properties, with their property names (own and inherited). */
function interfacesInSource(): Map<string, Set<string>> {
  const own = new Map<string, { props: string[]; parents: string[] }>();
  const walk = (dir: string) => {
    for (const f of fs.readdirSync(dir, { withFileTypes: true })) {
      const p = path.join(dir, f.name);
      if (f.isDirectory()) { if (f.name !== 'imports') walk(p); continue; }
      if (!f.name.endsWith('.ts')) continue;
      const sf = ts.createSourceFile(p, fs.readFileSync(p, 'utf-8'), ts.ScriptTarget.Latest, true);
      sf.forEachChild((n) => {
        if (!ts.isInterfaceDeclaration(n) || !n.modifiers?.some((m) => m.kind === ts.SyntaxKind.ExportKeyword)) return;
        const props = n.members.filter(ts.isPropertySignature).map((m) => m.name.getText(sf));
        const parents = (n.heritageClauses ?? []).flatMap((h) => h.types.map((t) => t.expression.getText(sf)));
        own.set(n.name.text, { props, parents });
      });
    }
  };
  walk(path.join(ROOT, 'src'));
  const all = (name: string): string[] => [...(own.get(name)?.parents ?? []).flatMap(all), ...(own.get(name)?.props ?? [])];
  return new Map([...own.keys()].map((k) => [k, new Set(all(k))]));
}

describe('the struct key table cannot drift', () => {
  const REGENERATE = 'a struct changed: regenerate the table with `npx projen compile && npx ts-node --project test/tsconfig.json --transpile-only scripts/struct-keys.ts`';

  test('every struct of the table has exactly the properties of its TypeScript interface', () => {
    const source = interfacesInSource();
    const drift = Object.entries(STRUCT_KEYS)
      .filter(([struct, props]) => [...(source.get(struct) ?? [])].sort().join() !== Object.keys(props).sort().join())
      .map(([struct, props]) => `${struct}: table ${Object.keys(props).sort().join(', ')}; source ${[...(source.get(struct) ?? [])].sort().join(', ')}`);
    expect(drift.length === 0 ? 'in sync' : `${REGENERATE}\n${drift.join('\n')}`).toBe('in sync');
  });

  const jsii = path.join(ROOT, '.jsii');
  // The assembly exists after `npx projen compile` (the build compiles before it tests).
  (fs.existsSync(jsii) ? test : test.skip)('the committed table is what scripts/struct-keys.ts generates from the jsii assembly', () => {
    const assembly = JSON.parse(fs.readFileSync(jsii, 'utf-8'));
    const inSync = fs.readFileSync(GENERATED, 'utf-8') === renderStructKeys(structKeysOf(assembly));
    expect(inSync ? 'in sync' : REGENERATE).toBe('in sync');
  });

  (fs.existsSync(jsii) ? test : test.skip)('every struct a public constructor or method takes is checked (recorded by its factory or checked by its construct)', () => {
    const assembly = JSON.parse(fs.readFileSync(jsii, 'utf-8'));
    const src = fs.readdirSync(path.join(ROOT, 'src'), { recursive: true }).filter((f) => String(f).endsWith('.ts') && !String(f).endsWith('struct-keys.generated.ts'))
      .map((f) => fs.readFileSync(path.join(ROOT, 'src', String(f)), 'utf-8')).join('\n');
    const taken = new Set<string>();
    for (const t of Object.values<any>(assembly.types)) {
      if (t.kind !== 'class') continue; // interface methods (ICdk8sValidationReport, ...) are called BY the library
      for (const m of [t.initializer, ...(t.methods ?? [])].filter(Boolean)) {
        for (const p of m.parameters ?? []) {
          const fqn: string | undefined = p.type?.fqn;
          if (fqn?.startsWith('cdk8s-expose.') && assembly.types[fqn].datatype) taken.add(fqn.slice('cdk8s-expose.'.length));
        }
      }
    }
    // given BY the library, not by users: bind() arguments of providers, findings handed back to formatFinding()
    taken.delete('LoadBalancerBindOptions');
    taken.delete('LintFinding');
    expect(taken.size).toBeGreaterThan(20);
    for (const struct of taken) expect([struct, src.includes(`'${struct}'`)]).toEqual([struct, true]);
  });
});

describe('unknown keys are refused with the nearest valid name (issue 11 fault 15)', () => {
  beforeAll(() => { process.env.CDK8S_EXPOSE_QUIET = '1'; });
  const web = (props: any) => new PublicWebApp(Testing.chart(), 'web', { image: 'ghcr.io/acme/web:1.0.0', ...props });
  const js = (o: object): any => o; // what a JavaScript caller can pass

  test('PublicWebAppProps and every exposure factory', () => {
    expect(() => web({ replica: 3 })).toThrow(
      /^PublicWebApp 'test\/web': replica=3: is not an option of PublicWebAppProps, so it would be silently ignored\. Fix: did you mean replicas\? \(PublicWebAppProps takes /);
    expect(() => web({ exposure: Exposure.nodePort(js({ nodeport: 30036 })) }))
      .toThrow(/'test\/web': exposure\.nodeport=30036: is not an option of NodePortExposureOptions.*Fix: did you mean nodePort\?/);
    expect(() => web({ exposure: Exposure.clusterIp(js({ allowFromNamespace: ['a'] })) })).toThrow(/exposure\.allowFromNamespace=\["a"\].*did you mean allowFromNamespaces\?/);
    expect(() => web({ exposure: Exposure.loadBalancer(js({ allowPublicAcess: true })) })).toThrow(/exposure\.allowPublicAcess=true.*did you mean allowPublicAccess\?/);
    expect(() => web({ exposure: Exposure.hostPort(js({ acknowledgePrivilegedNamespace: true, hostport: 80 })) })).toThrow(/exposure\.hostport=80.*did you mean hostPort\?/);
    expect(() => web({ exposure: Exposure.hostNetwork(js({ acknowledgePrivilegedNamespace: true, daemonset: false })) })).toThrow(/exposure\.daemonset=false.*did you mean daemonSet\?/);
    expect(() => web({ exposure: Exposure.gateway(js({ gatewayClassName: 'eg', gatewayNamspace: 'edge' })) })).toThrow(/exposure\.gatewayNamspace="edge".*did you mean gatewayNamespace\?/);
    expect(() => web({ exposure: Exposure.ingress(js({ totallyUnrelated: 1 })) })).toThrow(/exposure\.totallyUnrelated=1: .*Fix: use one of allowPlainHttp, /);
  });

  test('nested structs and objects made by factories, with the full prop path', () => {
    expect(() => web({ host: 'a.example.com', exposure: Exposure.ingress(js({ rateLimit: { requestPerSecond: 5 } })) }))
      .toThrow(/exposure\.rateLimit\.requestPerSecond=5: is not an option of RateLimit.*did you mean requestsPerSecond\?/);
    expect(() => web({ exposure: Exposure.ingress({ controller: IngressController.traefik(js({ classname: 'x' })) }) }))
      .toThrow(/exposure\.controller\.classname="x": is not an option of TraefikIngressControllerOptions.*did you mean className\?/);
    expect(() => web({ exposure: Exposure.loadBalancer({ allowPublicAccess: true, provider: LoadBalancerProvider.aws(js({ schema: 'internal' })) }) }))
      .toThrow(/exposure\.provider\.schema="internal": is not an option of AwsLoadBalancerOptions.*did you mean scheme\?/);
    expect(() => web({ exposure: Exposure.loadBalancer({ provider: LoadBalancerProvider.alibaba(js({ networkLoadBalancer: true, zoneMappings: [{ zoneId: 'cn-hangzhou-k', vswitchId: 'vsw-a' }] })) }) }))
      .toThrow(/exposure\.provider\.zoneMappings\[0\]\.vswitchId="vsw-a".*did you mean vSwitchId\?/);
    expect(() => web({ host: 'a.example.com', tls: Tls.certManager(js({ clusterIsuer: 'le' })) })).toThrow(/tls\.clusterIsuer="le".*did you mean clusterIssuer\?/);
  });

  test('constructs with their own props: MeshGateway, BareMetalLB (pools, advertisements, providers), linter', () => {
    const chart = Testing.chart();
    expect(() => new MeshGateway(chart, 'gw', js({ hosts: ['a.example.com'], tls: MeshTls.simple({ credentialName: 'c' }), namepsace: 'x' })))
      .toThrow(/^MeshGateway 'test\/gw': namepsace="x".*did you mean namespace\?/);
    expect(() => new MeshGateway(chart, 'gw2', { hosts: ['a.example.com'], tls: MeshTls.simple(js({ credentialName: 'c', credential: 'd' })) }))
      .toThrow(/tls\.credential="\(redacted\)": is not an option of SimpleMeshTlsOptions.*did you mean credentialName\?/); // secret-like keys are never echoed
    expect(() => new BareMetalLB(chart, 'lb', { pools: [js({ name: 'p', adresses: ['192.168.1.1/32'] })] }))
      .toThrow(/^BareMetalLB 'test\/lb': pools\[0\]\.adresses=\["192\.168\.1\.1\/32"\].*did you mean addresses\?/);
    expect(() => new BareMetalLB(chart, 'lb2', { pools: [{ name: 'p', addresses: ['192.168.1.1/32'] }], advertisement: Advertisement.l2(js({ pool: ['p'] })) }))
      .toThrow(/advertisement\.pool=\["p"\].*did you mean pools\?/);
    const lb = new BareMetalLB(chart, 'lb3', { pools: [{ name: 'p', addresses: ['192.168.1.1/32'] }] });
    expect(() => lb.provider(js({ pool: 'p', adress: '192.168.1.1' }))).toThrow(/provider\.adress="192\.168\.1\.1".*did you mean address\?/);
    expect(() => new ExposureLinter(js({ disabledRule: ['x'] }))).toThrow(/^ExposureLinter 'options': disabledRule=\["x"\].*did you mean disabledRules\?/);
    expect(() => new ExposureLintValidation(js({ failOnWarning: true }))).toThrow(/failOnWarning=true.*did you mean failOnWarnings\?/);
    expect(() => ExposureLinter.check(Testing.chart(), js({ printWarning: false }))).toThrow(/printWarning=false.*did you mean printWarnings\?/);
  });

  test('valid props, inherited keys and keys set to undefined pass', () => {
    expect(() => web({ replicas: 3, exposure: Exposure.clusterIp(), unknownButUndefined: undefined })).not.toThrow();
    expect(() => new ExposureLintValidation({ failOnWarnings: true, disabledRules: ['ingress-no-tls'] })).not.toThrow();
    expect(() => ExposureLinter.check(Testing.chart(), { printWarnings: false, nodePortRangeMin: 30000 })).not.toThrow();
  });
});
