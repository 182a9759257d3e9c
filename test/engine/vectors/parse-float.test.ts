import { test } from 'node:test';
import assert from 'node:assert/strict';
import { isNanLiteral, parseFloatBytes } from '../../../engine/vectors/parse-float.ts';

const parse = (s: string) => {
  const bytes = Buffer.from(`  ${s}  `, 'latin1'); // the parser must stay inside [start, end)
  return parseFloatBytes(bytes, 2, 2 + s.length);
};

test('gives the same double as Number() for the spellings vector files use', () => {
  const cases = [
    '0', '-0', '1', '-1', '+2', '0.1', '-0.30000001', '1e-3', '2.5E2', '-7.', '.5', '-.25', '1e+22', '1e-22',
    '123456789012345', '0.000001234', '3.4028235e38', '1.17549435e-38', '1.401298464324817e-45', '9007199254740993',
    '0.12345678901234567890', '1e300', '-1e-300', '00012.5000', '4.9406564584124654e-324',
  ];
  for (const s of cases) assert.ok(Object.is(parse(s), Number(s)), `${s}: ${parse(s)} vs ${Number(s)}`);
});

test('random shortest float32 spellings round-trip exactly', () => {
  let seed = 1;
  for (let i = 0; i < 20_000; i++) {
    seed = (Math.imul(seed, 1103515245) + 12345) >>> 0;
    const x = Math.fround(((seed / 2 ** 32) - 0.5) * 10 ** ((i % 13) - 6));
    for (const s of [String(x), x.toPrecision(6), x.toExponential(4), x.toFixed(8)]) {
      assert.equal(parse(s), Number(s), s);
    }
  }
});

test('Python\'s nan and inf are numbers; anything else is NaN', () => {
  assert.equal(parse('inf'), Infinity);
  assert.equal(parse('-inf'), -Infinity);
  assert.equal(parse('Infinity'), Infinity);
  assert.ok(Number.isNaN(parse('nan')));
  const nan = Buffer.from('NaN');
  assert.ok(isNanLiteral(nan, 0, 3));
  for (const s of ['', '-', '.', 'e5', '1e', '1.2.3', '0x10', 'abc', '1,5', '1 2', '--1', '1e5x']) {
    assert.ok(Number.isNaN(parse(s)), s);
    assert.ok(!isNanLiteral(Buffer.from(s), 0, s.length), s);
  }
});
