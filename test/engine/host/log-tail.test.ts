// The engine's log tail: lines split across chunks, a bounded ring that keeps the newest, long lines cut.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { PassThrough } from 'node:stream';
import { LogTail, captureOutput } from '../../../engine/host/log-tail.ts';

test('lines are joined across chunks; an unfinished last line is included', () => {
  const tail = new LogTail(10);
  tail.write('first li');
  tail.write('ne\r\nsecond\nthi');
  assert.deepEqual(tail.lines(), ['first line', 'second', 'thi']);
});

test('the ring keeps only the newest lines, oldest first', () => {
  const tail = new LogTail(3);
  for (let i = 1; i <= 8; i++) tail.write(`line ${i}\n`);
  assert.deepEqual(tail.lines(), ['line 6', 'line 7', 'line 8']);
});

test('a huge line is cut, so the tail costs bounded memory', () => {
  const tail = new LogTail(2);
  tail.write(`${'x'.repeat(50_000)}\n`);
  tail.write('y'.repeat(50_000));
  const [cut, partial] = tail.lines();
  assert.ok(cut.length <= 2001 && cut.endsWith('…'));
  assert.ok(partial.length <= 2000);
});

test('captureOutput keeps the stream in the tail and echoes it', async () => {
  const source = new PassThrough();
  const echo = new PassThrough();
  const echoed: string[] = [];
  echo.on('data', (c: Buffer) => echoed.push(c.toString()));
  const tail = new LogTail();
  captureOutput(source, tail, echo);
  source.write('hello\nworld\n');
  await new Promise((r) => setImmediate(r));
  assert.deepEqual(tail.lines(), ['hello', 'world']);
  assert.equal(echoed.join(''), 'hello\nworld\n');
});
