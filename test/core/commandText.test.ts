import { MAX_COMMAND_CHARS, parseCommandText } from '../../src/core/commandText';

const WF = 'ccf73164-1998-4785-a7a3-8d06c7e5f558';
const RUN = '305a472b-71ab-4ce8-8f8d-75db635627b5';
const URL = `https://app.datadoghq.com/workflow/${WF}?instance=${RUN}`;

describe('parseCommandText', () => {
  test.each(['', '   ', 'help', 'HELP', '--help', '?'])('%j asks for help', (text) => {
    expect(parseCommandText(text)).toEqual({ kind: 'help' });
  });

  test.each([
    ['two IDs', `${WF} ${RUN}`],
    ['upper case', `${WF.toUpperCase()} ${RUN.toUpperCase()}`],
    ['stray spaces and punctuation', `  ${WF},   ${RUN}.  `],
    ['backticks and quotes', `\`${WF}\` "${RUN}"`],
    ['a run link', URL],
    ['a run link in Slack form', `<${URL}|the run>`],
    ['a run link with &amp;', `https://app.datadoghq.eu/workflow/${WF}?foo=1&amp;instance=${RUN}`],
    ['labels with = and :', `workflow=${WF} instance:${RUN}`],
    ['labels out of order', `instance ${RUN} workflow ${WF}`],
  ])('%s', (_name, text) => {
    expect(parseCommandText(text)).toMatchObject({ kind: 'run', run: { workflowId: WF, instanceId: RUN } });
  });

  test('bare IDs are uncertain, so the other order may be tried; links and labels are certain', () => {
    expect(parseCommandText(`${WF} ${RUN}`)).toMatchObject({ run: { certain: false } });
    expect(parseCommandText(URL)).toMatchObject({ run: { certain: true } });
    expect(parseCommandText(`instance ${RUN} workflow ${WF}`)).toMatchObject({ run: { certain: true } });
  });

  test('a workflow ID alone asks for its recent runs, with --last', () => {
    expect(parseCommandText(WF)).toEqual({ kind: 'recent', workflowId: WF, limit: 10 });
    expect(parseCommandText(`${WF} --last 25`)).toEqual({ kind: 'recent', workflowId: WF, limit: 25 });
    expect(parseCommandText(`https://app.datadoghq.com/workflow/${WF}`)).toEqual({
      kind: 'recent',
      workflowId: WF,
      limit: 10,
    });
  });

  test.each([
    ['a truncated ID', `${WF.slice(0, -1)} ${RUN}`, /is not a workflow or instance ID/],
    ['junk', 'please help me', /“please”, “help” and “me” are not workflow or instance IDs/],
    ['a foreign link', 'https://example.com/x', /is not a link to a Datadog workflow run/],
    ['three IDs', `${WF} ${RUN} ${RUN.replace('3', '4')}`, /one workflow ID and one instance ID/],
    ['an instance alone', `instance ${RUN}`, /needs its workflow ID/],
    ['--last out of range', `${WF} --last 99`, /from 1 to 25/],
    ['--last with a run', `${WF} ${RUN} --last 5`, /workflow ID alone/],
    ['a label with junk', `foo=${WF}`, /is not a workflow or instance ID/],
    ['a path traversal', `../../api/v1/validate ${RUN}`, /is not a workflow or instance ID/],
  ])('%s is refused with a reason', (_name, text, reason) => {
    const parsed = parseCommandText(text);
    expect(parsed.kind).toBe('invalid');
    expect(parsed.kind === 'invalid' && parsed.reason).toMatch(reason);
  });

  test.each([
    ['--last 1', 1],
    ['--last 25', 25],
    ['--last=5', 5],
    ['--LAST=7', 7],
    ['-last 3', 3],
  ])('%s lists that many recent runs', (flag, limit) => {
    expect(parseCommandText(`${WF} ${flag}`)).toEqual({ kind: 'recent', workflowId: WF, limit });
    expect(parseCommandText(`${flag} ${WF}`)).toEqual({ kind: 'recent', workflowId: WF, limit });
  });

  test.each(['--last 0', '--last 26', '--last -1', '--last 1.5', '--last abc', '--last=', '--last'])(
    '%s is refused with the range',
    (flag) => {
      expect(parseCommandText(`${WF} ${flag}`)).toEqual({
        kind: 'invalid',
        reason: '`--last` takes a number of runs from 1 to 25.',
      });
    },
  );

  test('two runs in one command are refused: one run at a time', () => {
    const other = `https://app.datadoghq.com/workflow/${WF}?instance=${RUN.replace('3', '4')}`;
    expect(parseCommandText(`${URL} ${other}`)).toEqual({
      kind: 'invalid',
      reason: 'Give one workflow ID and one instance ID (or one run link).',
    });
  });

  test('a labelled ID and a bare one are paired, the label deciding which is which', () => {
    for (const text of [`instance ${RUN} ${WF}`, `${WF} instance ${RUN}`, `workflow ${WF} ${RUN}`]) {
      expect(parseCommandText(text)).toMatchObject({ kind: 'run', run: { workflowId: WF, instanceId: RUN } });
    }
  });
});

describe('exact words and edges', () => {
  const reason = (text: string) => {
    const parsed = parseCommandText(text);
    return parsed.kind === 'invalid' ? parsed.reason : parsed.kind;
  };

  test('each refusal in full', () => {
    expect(reason('please')).toBe(
      '“please” is not a workflow or instance ID: both are UUIDs, like `123e4567-e89b-12d3-a456-426614174000`.',
    );
    expect(reason('https://example.com/x')).toBe('“https://example.com/x” is not a link to a Datadog workflow run.');
    expect(reason(`foo=${WF}`)).toBe(
      `“foo=${WF}” is not a workflow or instance ID: both are UUIDs, like \`123e4567-e89b-12d3-a456-426614174000\`.`,
    );
    expect(reason('wf1 run2 https://example.com/x https://example.com/y')).toBe(
      '“wf1” and “run2” are not workflow or instance IDs: both are UUIDs, like `123e4567-e89b-12d3-a456-426614174000`. “https://example.com/x” and “https://example.com/y” are not links to a Datadog workflow run.',
    );
    expect(reason(`instance ${RUN}`)).toBe('An instance ID needs its workflow ID too.');
    expect(reason(`${WF} ${RUN} --last 5`)).toBe('`--last` goes with a workflow ID alone, to list its recent runs.');
  });

  test('past five unread words, the rest are counted, not quoted', () => {
    expect(reason('a b c d e f g')).toBe(
      '“a”, “b”, “c”, “d”, “e” and 2 more are not workflow or instance IDs: both are UUIDs, like `123e4567-e89b-12d3-a456-426614174000`.',
    );
  });

  test('a long word is quoted back cut to 40 characters', () => {
    expect(reason('x'.repeat(40))).toMatch(/^“x{40}” is not/);
    expect(reason('x'.repeat(41))).toMatch(/^“x{39}…” is not/);
  });

  test('text over the cap is refused unread, with both lengths', () => {
    expect(reason(' '.repeat(MAX_COMMAND_CHARS))).toBe('help');
    expect(reason(`${WF} ${RUN}`.padEnd(MAX_COMMAND_CHARS + 1))).toBe(
      'That is 4,001 characters: a lookup needs a workflow ID and a run ID, or a run link, and the bot reads at most 4,000.',
    );
  });

  test('help only as a word alone', () => {
    expect(parseCommandText('-h')).toEqual({ kind: 'help' });
    expect(parseCommandText('"help"')).toEqual({ kind: 'help' });
    expect(reason('help me')).toMatch(/^“help” and “me” are not/);
    expect(reason('helpful')).toMatch(/^“helpful” is not/);
  });

  test('every opening and closing mark around an ID is cut', () => {
    for (const [open, close] of [
      ['"', '"'],
      ["'", "'"],
      ['`', '`'],
      ['(', ')'],
      ['[', ']'],
      ['{', '}'],
      ['<', '>'],
      ['((', '));'],
    ])
      expect(parseCommandText(`${open}${WF}${close} ${open}${RUN}${close}.`)).toMatchObject({
        kind: 'run',
        run: { workflowId: WF, instanceId: RUN },
      });
    for (const end of ['.', ',', ';', ':', '!', '?'])
      expect(parseCommandText(`workflow ${WF}${end} run ${RUN}${end}`)).toMatchObject({ kind: 'run' });
  });

  test('label words in their forms, alone or before = and :', () => {
    for (const text of [
      `wf ${WF} execution ${RUN}`,
      `workflow_id=${WF} run_id=${RUN}`,
      `WORKFLOW-ID: ${WF} instance-ids ${RUN}`,
      `workflows ${WF} runs ${RUN}`,
      `id ${WF} instance ${RUN}`,
      `workflow=${WF},instance=${RUN}`,
    ])
      expect(parseCommandText(text)).toEqual({ kind: 'run', run: { workflowId: WF, instanceId: RUN, certain: true } });
  });

  test('a label is used once: the next ID takes it, the one after is read by position', () => {
    expect(parseCommandText(`instance ${RUN} ${WF}`)).toEqual({
      kind: 'run',
      run: { workflowId: WF, instanceId: RUN, certain: true },
    });
  });

  test('a label word given as a value is still a label', () => {
    expect(parseCommandText(`id=instance ${RUN} workflow ${WF}`)).toEqual({
      kind: 'run',
      run: { workflowId: WF, instanceId: RUN, certain: true },
    });
  });

  test('a run link with a label in front of it is read as the link', () => {
    expect(parseCommandText(`run ${URL}`)).toEqual({
      kind: 'run',
      run: { workflowId: WF, instanceId: RUN, certain: true, site: 'datadoghq.com' },
    });
  });

  test('a link whose label looks like IDs is read by its URL only', () => {
    const other = 'a1b2c3d4-0001-4e5f-8a9b-0c1d2e3f4a5b';
    expect(parseCommandText(`<${URL}|${other}>`)).toMatchObject({ kind: 'run', run: { instanceId: RUN } });
  });

  test('an HTTP link in upper case is still a link', () => {
    expect(parseCommandText(`HTTPS://app.datadoghq.com/workflow/${WF}?instance=${RUN}`)).toMatchObject({
      kind: 'run',
      run: { workflowId: WF, instanceId: RUN },
    });
  });

  test('--last with a link to a workflow, and --last given twice keeps the last', () => {
    expect(parseCommandText(`https://app.datadoghq.com/workflow/${WF} --last 3`)).toEqual({
      kind: 'recent',
      workflowId: WF,
      limit: 3,
    });
    expect(parseCommandText(`${WF} --last 3 --last=4`)).toEqual({ kind: 'recent', workflowId: WF, limit: 4 });
  });
});
