import fc from 'fast-check';
import { parseInstanceBody } from '../../src/datadog/schemas';
import { blockKitProblems } from '../../src/render/limits';
import { HIDDEN_VALUE } from '../../src/render/parameterMask';
import { presentRun, presentRunModal } from '../../src/render/slackReplies';
import { presentUnfurls } from '../../src/render/unfurlCard';
import { HOSTILE } from '../support/runs';

/** Whatever JSON Datadog sends as a run, every surface's output fits Block Kit and carries nothing live from it. */

const REF = { workflowId: 'ccf73164-1998-4785-a7a3-8d06c7e5f558', instanceId: '305a472b-71ab-4ce8-8f8d-75db635627b5' };
const SITE = 'datadoghq.com' as const;
const AT = new Date('2026-11-28T03:10:00Z');

const hostileText = fc.oneof(
  fc.string({ maxLength: 400 }),
  fc.constantFrom(HOSTILE, '<!everyone>', '<!subteam^S0ADMIN>', '<#C0SECRET>', '<mailto:a@b.c|x>', 'x'.repeat(30_000)),
  fc.string({ minLength: 3000, maxLength: 12_000 }),
);
const anyJson = fc.jsonValue({ maxDepth: 4 });
const field = fc.oneof(hostileText, anyJson);

/** A body shaped like Datadog's, each field any JSON or hostile text; and, now and then, any JSON at all. */
const body = fc.oneof(
  {
    weight: 4,
    arbitrary: fc.record(
      {
        data: fc.record(
          {
            id: fc.oneof(fc.constant(REF.instanceId), hostileText),
            type: fc.constant('instances'),
            attributes: fc.record(
              {
                instanceStatus: fc.oneof(
                  fc.record({ detailsKind: field, displayName: field }, { requiredKeys: [] }),
                  anyJson,
                ),
                startTimestamp: field,
                endTimestamp: field,
                errorDetail: field,
                source: fc.oneof(
                  fc.record({ manual: fc.record({ actingUser: fc.record({ userName: field, userEmail: field }) }) }),
                  anyJson,
                ),
                sourceForTemplating: fc.oneof(
                  fc.record({ type: field, initiator: fc.record({ name: field, email: field }) }),
                  anyJson,
                ),
                stepStateAssociations: fc.oneof(
                  fc.array(fc.record({ stepName: field, stepState: field, error: field }, { requiredKeys: [] }), {
                    maxLength: 400,
                  }),
                  anyJson,
                ),
              },
              { requiredKeys: [] },
            ),
          },
          { requiredKeys: ['id'] },
        ),
        included: fc.oneof(
          fc.array(fc.record({ type: fc.constant('workflows'), attributes: fc.record({ name: field }) })),
          anyJson,
        ),
      },
      { requiredKeys: ['data'] },
    ),
  },
  { weight: 1, arbitrary: anyJson },
);

/** The mrkdwn texts Slack parses (plain_text is never parsed), and the fallback text. */
function parsedTexts(payload: unknown): string[] {
  const texts: string[] = [];
  const visit = (value: unknown): void => {
    if (Array.isArray(value)) value.forEach(visit);
    else if (value && typeof value === 'object') {
      const node = value as Record<string, unknown>;
      if (node.type === 'mrkdwn' && typeof node.text === 'string') texts.push(node.text);
      Object.values(node).forEach(visit);
    }
  };
  visit(payload);
  const fallback = (payload as { text?: unknown }).text;
  return typeof fallback === 'string' ? [...texts, fallback] : texts;
}

/** Slack's live markup: a mention, a broadcast, a channel link, or any link but the bot's own to Datadog. */
function liveMarkup(text: string): string[] {
  return [...text.matchAll(/<([!@#]|[a-z]+:)[^>]*>?/gi)]
    .map((match) => match[0])
    .filter((token) => !token.startsWith('<!date^') && !token.startsWith(`<https://app.${SITE}/`));
}

/** Every surface's output for a body read as the run REF: the reply, the modal and the unfurl cards, each checked against Block Kit. */
function everySurface(raw: unknown): { read: boolean; payloads: unknown[] } {
  const parsed = parseInstanceBody(raw, REF);
  const outcome = {
    ref: REF,
    result: parsed.ok
      ? ({ ok: true, value: parsed.value } as const)
      : ({ ok: false, failure: { kind: 'invalid_response', reason: parsed.reason } } as const),
    at: AT,
  };
  const reply = presentRun(outcome, SITE);
  const modal = presentRunModal(outcome, SITE);
  const cards = presentUnfurls(
    { runs: [{ url: 'https://app.datadoghq.com/x', run: outcome }], otherSite: [], skipped: 0 },
    SITE,
  );
  expect(blockKitProblems(reply)).toEqual([]);
  expect(blockKitProblems(modal, 'modal')).toEqual([]);
  for (const card of Object.values(cards)) expect(blockKitProblems(card, 'unfurl')).toEqual([]);
  return { read: parsed.ok, payloads: [reply, modal, ...Object.values(cards)] };
}

test('any JSON as a run body: every surface fits Block Kit, with no mention, broadcast or link from the data', () => {
  let read = 0;
  fc.assert(
    fc.property(body, (raw) => {
      const surfaces = everySurface(raw);
      if (surfaces.read) read++;
      for (const payload of surfaces.payloads)
        for (const text of parsedTexts(payload)) expect(liveMarkup(text)).toEqual([]);
    }),
    { numRuns: 120 },
  );
  // Many bodies must be read as runs, or the property would only ever check the failure reply. About 48 of 120 are
  // (40 to 56 over 30 runs); 20 is six standard deviations below, so a random run cannot fail it.
  expect(read).toBeGreaterThan(20);
});

test('the check itself sees live markup', () => {
  expect(liveMarkup('a <!channel> b <@U1> <#C1> <https://evil.example|x> <mailto:a@b.c>')).toHaveLength(5);
  expect(liveMarkup('<!date^1700000000^{date}|x> <https://app.datadoghq.com/workflow/x|Open> &lt;!here&gt;')).toEqual(
    [],
  );
});

/** Values no other part of a generated body can hold, so finding one in a payload means a secret was shown. */
const SECRET_MARK = 'sekretvalue';
const secretValue = fc.stringMatching(/^[a-z0-9]{0,30}$/).map((tail) => `${SECRET_MARK}${tail}`);
const stepName = fc.oneof({ weight: 6, arbitrary: fc.constantFrom('A', 'B') }, { weight: 1, arbitrary: hostileText });
const parameter = fc.oneof(
  {
    weight: 3,
    arbitrary: fc.record({
      name: fc.constantFrom('token', 'apiKey', 'DB_PASSWORD', 'clientSecret', 'Authorization', 'private_key', 'creds'),
      value: fc.oneof(secretValue, fc.array(secretValue), fc.record({ inner: secretValue }), fc.integer()),
    }),
  },
  fc.record({ name: fc.oneof(hostileText, fc.constantFrom('namespace', 'query')), value: anyJson }),
  anyJson,
);
const spec = fc.record(
  {
    steps: fc.array(
      fc.record(
        {
          name: stepName,
          actionId: field,
          parameters: fc.oneof(
            { weight: 4, arbitrary: fc.array(parameter, { maxLength: 60 }) },
            { weight: 1, arbitrary: anyJson },
          ),
          outboundEdges: fc.array(fc.record({ nextStepName: stepName, branchName: field }), { maxLength: 4 }),
        },
        { requiredKeys: ['name'] },
      ),
      { minLength: 1, maxLength: 60 },
    ),
    triggers: fc.array(fc.record({ startStepNames: fc.array(stepName, { maxLength: 3 }) }), { maxLength: 3 }),
  },
  { requiredKeys: [] },
);
const runWithSpec = fc.record({
  data: fc.record({
    id: fc.constant(REF.instanceId),
    type: fc.constant('instances'),
    attributes: fc.record({
      instanceStatus: fc.constant({ detailsKind: 'STEP_ERROR', displayName: 'Failed' }),
      stepStateAssociations: fc.array(
        fc.record({ stepName, stepState: fc.constantFrom('ERROR', 'SUCCEEDED', 'IN_PROGRESS', 'SKIPPED') }),
        { minLength: 1, maxLength: 40 },
      ),
      errorDetail: field,
    }),
  }),
  included: fc.tuple(fc.record({ type: fc.constant('spec_versions'), attributes: fc.record({ spec }) })),
});

test('any spec: every surface fits Block Kit and shows no value of a secret-named parameter', () => {
  let hidden = 0;
  fc.assert(
    fc.property(runWithSpec, (raw) => {
      const { payloads } = everySurface(raw);
      for (const payload of payloads) expect(JSON.stringify(payload)).not.toContain(SECRET_MARK);
      if (JSON.stringify(payloads[1]).includes(HIDDEN_VALUE)) hidden++;
    }),
    { numRuns: 100 },
  );
  // The property must see secret parameters in the modal, or it would only check runs that have none. About 25 of
  // 100 runs do (21 to 29 over 4 runs); 8 is four standard deviations below, so a random run cannot fail it.
  expect(hidden).toBeGreaterThan(8);
});
