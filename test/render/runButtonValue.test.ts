import fc from 'fast-check';
import { parseRunButtonValue, runButtonValue } from '../../src/render/runButtonValue';

const ref = { workflowId: '6f1c2d3e-4a5b-4c6d-8e7f-9a0b1c2d3e4f', instanceId: 'a1b2c3d4-0001-4e5f-8a9b-0c1d2e3f4a5b' };

test('a value names the run and site, compactly, and reads back', () => {
  const value = runButtonValue(ref, 'datadoghq.eu');
  expect(value).toBe(`${ref.workflowId}|${ref.instanceId}|datadoghq.eu`);
  expect(parseRunButtonValue(value)).toEqual({ ...ref, site: 'datadoghq.eu' });
});

test.each([
  ['empty', ''],
  ['too few parts', `${ref.workflowId}|${ref.instanceId}`],
  ['too many parts', `${ref.workflowId}|${ref.instanceId}|datadoghq.com|extra`],
  ['not UUIDs', `../x|${ref.instanceId}|datadoghq.com`],
  ['an unknown site', `${ref.workflowId}|${ref.instanceId}|evil.example`],
  ['an object', { ...ref, site: 'datadoghq.com' }],
  ['undefined', undefined],
])('%s is refused', (_name, value) => {
  expect(parseRunButtonValue(value)).toBeUndefined();
});

test('any text at all is read without throwing', () => {
  fc.assert(
    fc.property(
      fc.string({ maxLength: 3000 }),
      (value) => parseRunButtonValue(value) === undefined || value.split('|').length === 3,
    ),
  );
});
