/**
 * tfjs-node-gpu loads on a machine without a usable GPU and then silently runs on the CPU. So before trusting it
 * we look for what it actually needs (CUDA 11.2 runtime, cuDNN 8.1, an NVIDIA device) and report what is missing.
 */
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
  if (process.platform !== 'linux' && process.platform !== 'win32') return { ok: false, detail: `CUDA is not supported on ${process.platform}` };
  if (process.platform === 'linux' && !existsSync('/dev/nvidia0') && !existsSync('/proc/driver/nvidia/version')) {
    return { ok: false, detail: 'no NVIDIA GPU driver found (/dev/nvidia0 missing)' };
  }
  const ldconfig = ldconfigLibraries();
  const dirs = librarySearchDirs();
  const missing = REQUIRED_LIBS.filter((lib) => !ldconfig.includes(lib) && !dirs.some((d) => existsSync(path.join(d, lib))));
  if (missing.length > 0) return { ok: false, detail: `${missing.join(' and ')} not found (tfjs-node-gpu needs CUDA 11.2 and cuDNN 8.1)` };
  return { ok: true, detail: gpuName() };
}

function gpuName(): string {
  try {
    const out = execFileSync('nvidia-smi', ['-L'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'], timeout: 3000 });
    return out.split('\n')[0]?.trim() || 'NVIDIA GPU';
  } catch {
    const dir = '/proc/driver/nvidia/gpus';
    return existsSync(dir) ? `NVIDIA GPU (${readdirSync(dir).length} found)` : 'NVIDIA GPU';
  }
}
