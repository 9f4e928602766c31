import { INPUT_NUMBER_LIMIT, parseSubmittedInputs, startingValues } from '../../src/core/runInputs';

describe('startingValues', () => {
  const inputs = [
    { name: 'service', type: 'STRING', defaultValue: 'payments-api' },
    { name: 'revisions', type: 'NUMBER', defaultValue: 1 },
    { name: 'dryRun', type: 'BOOLEAN' },
  ];

  test("the run's own inputs first, then the declared defaults; an input with neither has no value", () => {
    expect(startingValues(inputs, { service: 'ledger-api', dryRun: false })).toEqual({
      service: 'ledger-api',
      revisions: 1,
      dryRun: false,
    });
    expect(startingValues(inputs)).toEqual({ service: 'payments-api', revisions: 1 });
  });

  test('a value the run was given as null is kept: it is what the run had', () => {
    expect(startingValues(inputs, { revisions: null })).toMatchObject({ revisions: null });
  });
});

describe('parseSubmittedInputs', () => {
  test('each type read back as its typed value; an empty field is left out so Datadog applies its default', () => {
    expect(
      parseSubmittedInputs([
        { name: 'service', type: 'STRING', text: 'ledger-api' },
        { name: 'note', type: 'STRING', text: null },
        { name: 'revisions', type: 'NUMBER', text: '2.5' },
        { name: 'dryRun', type: 'BOOLEAN', checked: true },
        { name: 'force', type: 'BOOLEAN', checked: false },
        { name: 'labels', type: 'OBJECT', text: '{"team": "payments"}' },
        { name: 'regions', type: 'ARRAY_STRING', text: '["us-east-1", "eu-west-1"]' },
        { name: 'ports', type: 'ARRAY_NUMBER', text: '[80, 443]' },
        { name: 'flags', type: 'ARRAY_BOOLEAN', text: '[true]' },
        { name: 'targets', type: 'ARRAY_OBJECT', text: '[{"id": 1}]' },
        { name: 'later', type: 'DATE_SOMETHING', text: '"2026-12-01"' },
      ]),
    ).toEqual({
      ok: true,
      payload: {
        service: 'ledger-api',
        revisions: 2.5,
        dryRun: true,
        force: false,
        labels: { team: 'payments' },
        regions: ['us-east-1', 'eu-west-1'],
        ports: [80, 443],
        flags: [true],
        targets: [{ id: 1 }],
        later: '2026-12-01',
      },
    });
  });

  test('invalid JSON, a wrong element type and a number out of range each get an error on their own field', () => {
    const parsed = parseSubmittedInputs([
      { name: 'service', type: 'STRING', text: 'fine' },
      { name: 'labels', type: 'OBJECT', text: '{team: payments' },
      { name: 'ports', type: 'ARRAY_NUMBER', text: '[80, "443"]' },
      { name: 'revisions', type: 'NUMBER', text: String(INPUT_NUMBER_LIMIT * 4) },
      { name: 'count', type: 'NUMBER', text: 'twelve' },
      { name: 'regions', type: 'ARRAY_STRING', text: '"us-east-1"' },
      { name: 'target', type: 'OBJECT', text: '[1]' },
    ]);
    expect(parsed).toEqual({
      ok: false,
      errors: {
        labels: expect.stringMatching(/not valid JSON/),
        ports: 'Item 2 is not a number: every item must be.',
        revisions: expect.stringMatching(/^Enter a number between -9007199254740991 and 9007199254740991/),
        count: 'Enter a number.',
        regions: 'Enter a JSON array of texts, in [ ].',
        target: expect.stringMatching(/JSON object/),
      },
    });
  });
});
