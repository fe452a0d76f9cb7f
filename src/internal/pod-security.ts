/**
 * Pod Security Standards checks (baseline and restricted), written from the
 * published policy (kubernetes/pod-security-admission, policy/check_*.go).
 * Used by the library's lint rules and by its tests: one implementation.
 */

const WORKLOAD_POD_SPEC: Record<string, (o: any) => any> = {
  Pod: (o) => o.spec,
  Deployment: (o) => o.spec?.template?.spec,
  DaemonSet: (o) => o.spec?.template?.spec,
  StatefulSet: (o) => o.spec?.template?.spec,
  ReplicaSet: (o) => o.spec?.template?.spec,
  ReplicationController: (o) => o.spec?.template?.spec,
  Job: (o) => o.spec?.template?.spec,
  CronJob: (o) => o.spec?.jobTemplate?.spec?.template?.spec,
};

/** The pod spec of a workload object, or undefined when the object runs no pods. */
export function podSpecOf(obj: any): any | undefined {
  const f = WORKLOAD_POD_SPEC[obj?.kind];
  return f ? f(obj) : undefined;
}

/** The pod template labels of a workload object (the pod's own labels for a Pod). */
export function podLabelsOf(obj: any): Record<string, string> | undefined {
  if (obj?.kind === 'Pod') return obj.metadata?.labels ?? {};
  if (obj?.kind === 'CronJob') return obj.spec?.jobTemplate?.spec?.template?.metadata?.labels ?? {};
  return WORKLOAD_POD_SPEC[obj?.kind] ? obj.spec?.template?.metadata?.labels ?? {} : undefined;
}

const BASELINE_CAPABILITIES = new Set([
  'AUDIT_WRITE', 'CHOWN', 'DAC_OVERRIDE', 'FOWNER', 'FSETID', 'KILL', 'MKNOD', 'NET_BIND_SERVICE',
  'SETFCAP', 'SETGID', 'SETPCAP', 'SETUID', 'SYS_CHROOT',
]);
const SAFE_SYSCTLS = new Set([
  'kernel.shm_rmid_forced', 'net.ipv4.ip_local_port_range', 'net.ipv4.ip_unprivileged_port_start',
  'net.ipv4.tcp_syncookies', 'net.ipv4.ping_group_range', 'net.ipv4.ip_local_reserved_ports',
  'net.ipv4.tcp_keepalive_time', 'net.ipv4.tcp_fin_timeout', 'net.ipv4.tcp_keepalive_intvl', 'net.ipv4.tcp_keepalive_probes',
]);
const RESTRICTED_VOLUMES = ['configMap', 'csi', 'downwardAPI', 'emptyDir', 'ephemeral', 'persistentVolumeClaim', 'projected', 'secret', 'image'];

function allContainers(spec: any): any[] {
  return [...(spec.initContainers ?? []), ...(spec.containers ?? []), ...(spec.ephemeralContainers ?? [])];
}

/** Violations of Pod Security "baseline" (each a short sentence naming the field). */
export function baselineViolations(spec: any): string[] {
  const v: string[] = [];
  for (const f of ['hostNetwork', 'hostPID', 'hostIPC']) if (spec[f] === true) v.push(`${f} is true`);
  if (spec.securityContext?.windowsOptions?.hostProcess === true) v.push('windowsOptions.hostProcess is true');
  for (const vol of spec.volumes ?? []) if (vol.hostPath) v.push(`volume ${vol.name} uses hostPath`);
  for (const s of spec.securityContext?.sysctls ?? []) if (!SAFE_SYSCTLS.has(s.name)) v.push(`sysctl ${s.name} is not safe`);
  const podSc = spec.securityContext ?? {};
  if (podSc.seccompProfile?.type === 'Unconfined') v.push('pod seccompProfile is Unconfined');
  checkSeLinux(podSc.seLinuxOptions, 'pod', v);
  if (podSc.appArmorProfile && !['RuntimeDefault', 'Localhost'].includes(podSc.appArmorProfile.type)) v.push('pod appArmorProfile is not RuntimeDefault/Localhost');
  for (const c of allContainers(spec)) {
    const sc = c.securityContext ?? {};
    const who = `container ${c.name}`;
    for (const p of c.ports ?? []) if (p.hostPort) v.push(`${who} uses hostPort ${p.hostPort}`);
    if (sc.privileged === true) v.push(`${who} is privileged`);
    for (const cap of sc.capabilities?.add ?? []) if (!BASELINE_CAPABILITIES.has(cap)) v.push(`${who} adds capability ${cap}`);
    if (sc.seccompProfile?.type === 'Unconfined') v.push(`${who} seccompProfile is Unconfined`);
    if (sc.procMount && sc.procMount !== 'Default') v.push(`${who} procMount is ${sc.procMount}`);
    if (sc.windowsOptions?.hostProcess === true) v.push(`${who} windowsOptions.hostProcess is true`);
    if (sc.appArmorProfile && !['RuntimeDefault', 'Localhost'].includes(sc.appArmorProfile.type)) v.push(`${who} appArmorProfile is not RuntimeDefault/Localhost`);
    checkSeLinux(sc.seLinuxOptions, who, v);
    for (const probe of ['livenessProbe', 'readinessProbe', 'startupProbe']) {
      const p = c[probe];
      if (p?.httpGet?.host || p?.tcpSocket?.host) v.push(`${who} ${probe} sets host`);
    }
  }
  return v;
}

function checkSeLinux(o: any, who: string, v: string[]) {
  if (!o) return;
  if (o.type && !['container_t', 'container_init_t', 'container_kvm_t', 'container_engine_t'].includes(o.type)) v.push(`${who} seLinuxOptions.type ${o.type} is not allowed`);
  if (o.user || o.role) v.push(`${who} seLinuxOptions sets user/role`);
}

/** Violations of Pod Security "restricted" (baseline included). */
export function podSecurityViolations(spec: any): string[] {
  const v = baselineViolations(spec);
  const podSc = spec.securityContext ?? {};
  for (const vol of spec.volumes ?? []) {
    const type = Object.keys(vol).find((k) => k !== 'name');
    if (type && !RESTRICTED_VOLUMES.includes(type)) v.push(`volume ${vol.name} has type ${type}`);
  }
  if (podSc.runAsUser === 0) v.push('pod runAsUser is 0');
  const podSeccompOk = ['RuntimeDefault', 'Localhost'].includes(podSc.seccompProfile?.type);
  for (const c of [...(spec.initContainers ?? []), ...(spec.containers ?? []), ...(spec.ephemeralContainers ?? [])]) {
    const sc = c.securityContext ?? {};
    const who = `container ${c.name}`;
    if (sc.allowPrivilegeEscalation !== false) v.push(`${who} does not set allowPrivilegeEscalation=false`);
    if (sc.runAsNonRoot === false || (sc.runAsNonRoot !== true && podSc.runAsNonRoot !== true)) v.push(`${who} does not run as non-root (runAsNonRoot)`);
    if (sc.runAsUser === 0) v.push(`${who} runAsUser is 0`);
    if (!(sc.capabilities?.drop ?? []).includes('ALL')) v.push(`${who} does not drop ALL capabilities`);
    for (const cap of sc.capabilities?.add ?? []) if (cap !== 'NET_BIND_SERVICE') v.push(`${who} adds capability ${cap} (restricted allows only NET_BIND_SERVICE)`);
    const t = sc.seccompProfile?.type;
    if (!(['RuntimeDefault', 'Localhost'].includes(t) || (t === undefined && podSeccompOk))) v.push(`${who} has no RuntimeDefault/Localhost seccompProfile`);
  }
  return [...new Set(v)];
}
