import { parseCommandText } from '../../src/core/commandText';

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
    ['junk', 'please help me', /“please” is not a workflow or instance ID/],
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
