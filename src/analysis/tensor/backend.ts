/**
 * The only place that chooses and initialises the tfjs backend.
 * Measured on CPU-only machines (see STACK-NOTES): WebGL and WebGPU run through SwiftShader
 * software emulation there and are 5-200x slower than WASM. So: WebGPU only on a real (not
 * fallback) adapter, WebGL only when its renderer is not a software one, otherwise WASM with SIMD,
 * then CPU. Every setBackend() result is checked: tfjs silently stays on another backend otherwise.
 */
import * as tf from '@tensorflow/tfjs';

export type BackendName = 'webgpu' | 'webgl' | 'wasm' | 'cpu';

export interface BackendInfo {
  name: BackendName;
  /** why this backend, in words (shown on the Data panel) */
  reason: string;
  /** backends tried and why they were skipped */
  skipped: string[];
}

export interface BackendEnv {
  /** wasm binaries: a directory prefix, or a map file name -> URL (Vite `?url` imports) */
  wasmPaths?: string | Record<string, string>;
}

let current: BackendInfo | null = null;

const SOFTWARE_GL = /swiftshader|llvmpipe|software|basic render/i;

/** Pick and initialise a backend ('auto' = fastest real one). Idempotent per preference. */
export async function initBackend(pref: 'auto' | BackendName = 'auto', env: BackendEnv = {}): Promise<BackendInfo> {
  if (current && (pref === 'auto' || pref === current.name)) return current;
  const skipped: string[] = [];
  const order: BackendName[] = pref === 'auto' ? ['webgpu', 'webgl', 'wasm', 'cpu'] : [pref, 'wasm', 'cpu'];
  for (const name of order) {
    const check = await usable(name, env);
    if (!check.ok) {
      skipped.push(`${name}: ${check.why}`);
      continue;
    }
    try {
      if (await tf.setBackend(name)) {
        await tf.ready();
        current = { name, reason: check.why, skipped };
        return current;
      }
      skipped.push(`${name}: setBackend returned false`);
    } catch (e) {
      skipped.push(`${name}: ${(e as Error).message}`);
    }
  }
  throw new Error(`no tfjs backend could be initialised (${skipped.join('; ')})`);
}

/** The set-up that backendReady() runs, registered by initBackendOnFirstUse (none: backendReady does nothing). */
let onFirstUse: { pref: 'auto' | BackendName; env: BackendEnv; ready?: Promise<unknown> } | null = null;

/** For a worker whose usual work needs no tfjs (the churn worker: its logistic, GBDT and forest jobs
 *  are plain TypeScript): the backend is set up when a model first needs it (backendReady), not when
 *  the worker starts. On a page whose file is picked as it appears, that start competes for the two
 *  cores with the file's parse and the mapping step (issue 19's cold path); the set-up (WebGPU and
 *  WebGL probes, the wasm module's fetch and compile) is then never paid unless an MLP job runs there. */
export function initBackendOnFirstUse(pref: 'auto' | BackendName = 'auto', env: BackendEnv = {}): void {
  onFirstUse = { pref, env };
}

/** Called by the models before their first tfjs op: sets up the backend registered with
 *  initBackendOnFirstUse, once. Does nothing where initBackend already ran or none is registered. */
export async function backendReady(): Promise<void> {
  if (current || !onFirstUse) return;
  await (onFirstUse.ready ??= initBackend(onFirstUse.pref, onFirstUse.env));
}

/** The backend in use, or null before initBackend. */
export function currentBackend(): BackendInfo | null {
  return current;
}

async function usable(name: BackendName, env: BackendEnv): Promise<{ ok: boolean; why: string }> {
  // Node has no WebGPU/WebGL for tfjs; browsers (pages and workers) have no `process`.
  const isBrowser = typeof (globalThis as { process?: unknown }).process === 'undefined';
  switch (name) {
    case 'webgpu': {
      const gpu = isBrowser ? (navigator as unknown as { gpu?: { requestAdapter(): Promise<GpuAdapterLike | null> } }).gpu : undefined;
      if (!gpu) return { ok: false, why: 'WebGPU not available' };
      const adapter = await gpu.requestAdapter().catch(() => null);
      if (!adapter) return { ok: false, why: 'no WebGPU adapter' };
      const fallback = adapter.info?.isFallbackAdapter ?? adapter.isFallbackAdapter ?? false;
      if (fallback) return { ok: false, why: 'software (fallback) adapter only' };
      await import('@tensorflow/tfjs-backend-webgpu');
      return { ok: true, why: `real GPU via WebGPU (${adapter.info?.vendor || 'unknown vendor'})` };
    }
    case 'webgl': {
      if (!isBrowser || typeof OffscreenCanvas === 'undefined') return { ok: false, why: 'WebGL not available' };
      const gl = new OffscreenCanvas(1, 1).getContext('webgl2') as WebGL2RenderingContext | null;
      if (!gl) return { ok: false, why: 'no WebGL2 context' };
      const ext = gl.getExtension('WEBGL_debug_renderer_info');
      const renderer = String(ext ? gl.getParameter(ext.UNMASKED_RENDERER_WEBGL) : gl.getParameter(gl.RENDERER));
      gl.getExtension('WEBGL_lose_context')?.loseContext();
      if (SOFTWARE_GL.test(renderer)) return { ok: false, why: `software renderer (${renderer.slice(0, 60)})` };
      // the built site's tfjs leaves the WebGL backend out (tensor/tfjsLean.ts): registered here, on a real GPU only
      await import('@tensorflow/tfjs-backend-webgl');
      return { ok: true, why: `real GPU via WebGL (${renderer.slice(0, 60)})` };
    }
    case 'wasm': {
      if (!env.wasmPaths) return { ok: false, why: 'no wasm binaries configured' };
      const wasm = await import('@tensorflow/tfjs-backend-wasm');
      // Threads need COOP/COEP and hang in a production Vite build; one thread is as fast on 2 cores.
      tf.env().set('WASM_HAS_MULTITHREAD_SUPPORT', false);
      wasm.setWasmPaths(env.wasmPaths as never);
      return { ok: true, why: 'no real GPU: WASM (SIMD) is the fastest CPU backend' };
    }
    case 'cpu':
      return { ok: true, why: 'plain JavaScript fallback' };
  }
}

interface GpuAdapterLike {
  info?: { isFallbackAdapter?: boolean; vendor?: string };
  isFallbackAdapter?: boolean;
}
