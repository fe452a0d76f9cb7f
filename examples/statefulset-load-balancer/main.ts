// An MQTT broker the team already runs as a cdk8s-plus StatefulSet (three
// Mosquitto members, a headless Service cdk8s-plus creates for their stable
// DNS names), exposed to the factories' network through
// a LoadBalancer open only to that network. The StatefulSet is the team's:
// WorkloadExposure adds the Service, the NetworkPolicy and the PDB in front of
// it and leaves its pods alone.
import { App, Chart, Size } from 'cdk8s';
import * as kplus from 'cdk8s-plus-28';
import { Exposure, WorkloadExposure } from '../../src';

export function build(app: App): void {
  const chart = new Chart(app, 'mqtt', { namespace: 'iot' });
  const broker = new kplus.StatefulSet(chart, 'broker', {
    replicas: 3,
    securityContext: { ensureNonRoot: true, user: 1883, group: 1883, fsGroup: 1883 },
    containers: [{
      name: 'mosquitto',
      image: 'eclipse-mosquitto:2.0.20',
      ports: [{ number: 1883, name: 'mqtt' }],
      resources: {
        cpu: { request: kplus.Cpu.millis(100), limit: kplus.Cpu.millis(500) },
        memory: { request: Size.mebibytes(64), limit: Size.mebibytes(256) },
      },
      readiness: kplus.Probe.fromTcpSocket({ port: 1883 }),
      securityContext: {
        ensureNonRoot: true,
        user: 1883,
        group: 1883,
        allowPrivilegeEscalation: false,
        readOnlyRootFilesystem: true,
        capabilities: { drop: [kplus.Capability.ALL] },
        seccompProfile: { type: kplus.SeccompProfileType.RUNTIME_DEFAULT },
      },
    }],
  });
  broker.containers[0].mount('/mosquitto/data', kplus.Volume.fromEmptyDir(chart, 'data', 'data'));

  new WorkloadExposure(chart, 'mqtt-public', {
    workload: broker,
    port: 1883,
    exposure: Exposure.loadBalancer({ allowSourceRanges: ['198.51.100.0/24'] }),
    // the bridge in namespace iot-bridge keeps reaching the members through the headless Service
    internalPeers: [{ namespace: 'iot-bridge' }],
  });
}

if (require.main === module) {
  const app = new App();
  build(app);
  app.synth();
}
