// Runs in a worker thread, outside jest's module system, because the
// @kubernetes-models packages for Istio, Gateway API and cert-manager are
// ES modules only. Validates objects with the upstream model classes and
// reports unknown fields: the generated validators read every property their
// schema declares (and enumerate maps), so any own key of an object that was
// never read is a field the API server would reject or prune.
import { workerData, parentPort } from 'node:worker_threads';

const PACKAGES = ['kubernetes-models', '@kubernetes-models/istio', '@kubernetes-models/gateway-api', '@kubernetes-models/cert-manager'];
const cache = new Map();

async function findModel(apiVersion, kind) {
  const key = `${apiVersion}/${kind}`;
  if (cache.has(key)) return cache.get(key);
  let found;
  for (const pkg of PACKAGES) {
    try {
      const mod = await import(`${pkg}/${apiVersion}`);
      const Cls = mod[kind] ?? mod.default?.[kind];
      if (typeof Cls === 'function' && Cls.apiVersion === apiVersion && Cls.kind === kind) {
        found = Cls;
        break;
      }
    } catch {
      // not in this package
    }
  }
  cache.set(key, found);
  return found;
}

function tracked(value, path, nodes) {
  if (value === null || typeof value !== 'object') return value;
  const node = { path, value, read: new Set(), enumerated: false };
  nodes.push(node);
  const children = new Map();
  return new Proxy(value, {
    get(target, key, receiver) {
      const v = Reflect.get(target, key, receiver);
      if (typeof key !== 'string') return v;
      node.read.add(key);
      if (v !== null && typeof v === 'object' && Object.prototype.hasOwnProperty.call(target, key)) {
        if (!children.has(key)) children.set(key, tracked(v, Array.isArray(target) ? `${path}[${key}]` : `${path}.${key}`, nodes));
        return children.get(key);
      }
      return v;
    },
    has(target, key) {
      if (typeof key === 'string') node.read.add(key);
      return Reflect.has(target, key);
    },
    ownKeys(target) {
      node.enumerated = true;
      return Reflect.ownKeys(target);
    },
  });
}

async function validate(obj) {
  const where = `${obj?.kind} ${obj?.metadata?.namespace ?? ''}/${obj?.metadata?.name}`;
  const Cls = await findModel(obj?.apiVersion, obj?.kind);
  if (!Cls) return [`${where}: no upstream model for ${obj?.apiVersion} ${obj?.kind}`];
  const nodes = [];
  const proxy = tracked(obj, '', nodes);
  try {
    Cls.prototype.validate.call(proxy);
  } catch (e) {
    return [`${where}: ${e.message}`];
  }
  const errors = [];
  for (const n of nodes) {
    if (n.enumerated || Array.isArray(n.value)) continue;
    for (const k of Object.keys(n.value)) {
      if (!n.read.has(k)) errors.push(`${where}: unknown field ${n.path ? n.path.slice(1) + '.' : ''}${k}`);
    }
  }
  return errors;
}

const { signal, port } = workerData;
port.on('message', async (objects) => {
  let result;
  try {
    result = [];
    for (const o of objects) result.push(...(await validate(o)));
  } catch (e) {
    result = [`validator crashed: ${e?.stack ?? e}`];
  }
  port.postMessage(result);
  Atomics.store(signal, 0, 1);
  Atomics.notify(signal, 0);
});
port.postMessage('ready');
