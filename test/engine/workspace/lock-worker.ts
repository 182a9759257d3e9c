// A process that takes and releases locks on command, for the cross-process tests of engine/workspace/lock.ts.
// stdin, a command a line: `lock FILE PURPOSE` → `won` | `lost PID`; `release FILE` → `released`; `hold FILE` →
// takes the lock and prints `holding`, then keeps it until killed.
import { createInterface } from 'node:readline';
import { tryLock, type HeldLock } from '../../../engine/workspace/lock.ts';

const mine = new Map<string, HeldLock>();
const lines = createInterface({ input: process.stdin });
lines.on('line', async (line) => {
  const [command, file, purpose = 'training'] = line.split(' ');
  try {
    if (command === 'lock' || command === 'hold') {
      const attempt = await tryLock(file, purpose);
      if ('held' in attempt) mine.set(file, attempt.held);
      process.stdout.write('held' in attempt ? (command === 'hold' ? 'holding\n' : 'won\n') : `lost ${attempt.owner.pid}\n`);
    } else if (command === 'release') {
      await mine.get(file)?.release();
      mine.delete(file);
      process.stdout.write('released\n');
    }
  } catch (error) {
    process.stdout.write(`error ${(error as Error).message}\n`);
  }
});
process.stdout.write('ready\n');
