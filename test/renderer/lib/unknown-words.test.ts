import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mostlyUnknown, unknownCount } from '../../../renderer/src/lib/unknown-words.ts';

test('unknown tokens are counted per occurrence; the warning needs more than half', () => {
  assert.equal(unknownCount({ tokens: ['zorp', 'the', 'zorp'], unknown: ['zorp'] }), 2);
  assert.equal(mostlyUnknown({ tokens: ['zorp', 'the', 'zorp'], unknown: ['zorp'] }), true);
  assert.equal(mostlyUnknown({ tokens: ['zorp', 'the'], unknown: ['zorp'] }), false, 'exactly half is not most');
  assert.equal(mostlyUnknown({ tokens: [], unknown: [] }), false);
});
