import { runButtonValue } from '../../../../src/render/runButtonValue';
import { RUN_ACTIONS } from '../../../../src/render/slackIds';
import { startSampleDatadog } from '../../../../src/sample/sampleDatadog';
import { RUNNING_REF } from '../../../support/follows';
import { removeKeys, requireRedis, TEST_REDIS_URL, uniquePrefix } from '../../../support/redis';
import { type BotUnderTest, startBotUnderTest } from '../../../support/runningBot';
import { click } from '../../../support/slackUser';

/** Two replicas on one Redis and one Datadog: the same Cancel clicked on both at once is one cancel call. */
jest.setTimeout(30_000);

test('the same cancel clicked on two replicas at once makes one PUT, and both answers show the run', async () => {
  await requireRedis();
  const prefix = uniquePrefix('cancel-replicas');
  const datadog = await startSampleDatadog();
  const replicas: BotUnderTest[] = [];
  try {
    const env = {
      DD_API_URL: datadog.url,
      REDIS_URL: TEST_REDIS_URL,
      REDIS_PREFIX: prefix,
      ACTIONS_ENABLED: '1',
      ALLOWED_ACTOR_USER_IDS: 'U0ACTOR,U0OTHER',
    };
    replicas.push(await startBotUnderTest(env), await startBotUnderTest(env));
    const value = runButtonValue(RUNNING_REF, 'datadoghq.com');
    const answers = await Promise.all(
      replicas.map((replica, index) =>
        click(replica, RUN_ACTIONS.cancel, value, { userId: index === 0 ? 'U0ACTOR' : 'U0OTHER' }),
      ),
    );
    expect(datadog.requests.filter((request) => request.method === 'PUT')).toHaveLength(1);
    for (const [answer] of answers) {
      expect(answer).toMatchObject({ replace_original: true });
      expect(JSON.stringify(answer)).toContain(RUNNING_REF.instanceId);
      expect(JSON.stringify(answer)).not.toContain('Datadog has no running run');
    }
  } finally {
    await Promise.all(replicas.map((replica) => replica.close()));
    await datadog.close();
    await removeKeys(prefix);
  }
});
