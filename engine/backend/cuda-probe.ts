/**
 * tfjs-node-gpu loads on a machine without a usable GPU and then silently runs on the CPU. So before trusting it
 * we look for what it actually needs (CUDA 11.2 runtime, cuDNN 8.1, an NVIDIA device) and report what is missing.
 */
import { userText } from '../../contract/user-text.ts';
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import path from 'node:path';

export interface CudaProbe {
  ok: boolean;
  /** What is missing, or the GPU found. */
  detail: string;
}

const REQUIRED_LIBS = ['libcudart.so.11.0', 'libcudnn.so.8'];

function librarySearchDirs(): string[] {
  const fromEnv = (process.env.LD_LIBRARY_PATH ?? '').split(path.delimiter).filter(Boolean);
  return [...fromEnv, '/usr/local/cuda/lib64', '/usr/local/cuda-11.2/lib64', '/usr/lib/x86_64-linux-gnu', '/usr/lib64', '/usr/lib'];
}

function ldconfigLibraries(): string {
  try {
    return execFileSync('ldconfig', ['-p'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'], timeout: 2000 });
  } catch {
    return '';
  }
}

export function probeCuda(): CudaProbe {
  if (process.platform !== 'linux' && process.platform !== 'win32') return { ok: false, detail: userText('CUDA is not supported on {platform}', { platform: process.platform }) };
  if (process.platform === 'linux' && !existsSync('/dev/nvidia0') && !existsSync('/proc/driver/nvidia/version')) {
    return { ok: false, detail: userText('no NVIDIA GPU driver found (/dev/nvidia0 missing)') };
  }
  const ldconfig = ldconfigLibraries();
  const dirs = librarySearchDirs();
  const missing = REQUIRED_LIBS.filter((lib) => !ldconfig.includes(lib) && !dirs.some((d) => existsSync(path.join(d, lib))));
  if (missing.length > 0) return { ok: false, detail: notFound(missing) };
  return { ok: true, detail: gpuName() };
}

function gpuName(): string {
  try {
    const out = execFileSync('nvidia-smi', ['-L'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'], timeout: 3000 });
    return out.split('\n')[0]?.trim() || 'NVIDIA GPU';
  } catch {
    const dir = '/proc/driver/nvidia/gpus';
    return existsSync(dir) ? userText('NVIDIA GPU ({count} found)', { count: readdirSync(dir).length }) : 'NVIDIA GPU';
  }
}

/** The CUDA libraries the GPU backend needs and the loader cannot find (one or both of REQUIRED_LIBS). */
function notFound(missing: string[]): string {
  if (missing.length === 1) return userText('{library} not found (tfjs-node-gpu needs CUDA 11.2 and cuDNN 8.1)', { library: missing[0] });
  return userText('{first} and {second} not found (tfjs-node-gpu needs CUDA 11.2 and cuDNN 8.1)', { first: missing[0], second: missing.slice(1).join(' and ') });
}
