import { blockKitProblems } from '../../src/render/limits';
import { blockActions } from './blockActions';
import { type BotUnderTest, TEST_SECRETS } from './runningBot';
import { postSigned, slashCommand } from './signedRequest';

/** A message the bot posted to a response_url, as JSON. */
export type Reply = Record<string, unknown>;

let replyCount = 0;

/** Each reply must fit Block Kit and carry no secret, whatever it answers. */
export function checkedReply(reply: Reply | undefined): Reply {
  expect(reply).toBeDefined();
  expect(blockKitProblems(reply!)).toEqual([]);
  const serialized = JSON.stringify(reply);
  for (const secret of Object.values(TEST_SECRETS)) expect(serialized).not.toContain(secret);
  return reply!;
}

/**
 * Sends `/dd-instance <text>` signed as Slack does (fields of `form` replace the default sender's), expects the
 * empty 200 ack, and returns the one reply posted to its response_url.
 */
export async function command(bot: BotUnderTest, text: string, form: Record<string, string> = {}): Promise<Reply> {
  const name = `command-${++replyCount}`;
  const ack = await postSigned(bot.eventsUrl, { ...slashCommand(text, bot.slack.responseUrl(name)), ...form });
  expect(ack).toMatchObject({ status: 200, body: '' });
  const [reply] = await bot.slack.repliesTo(name);
  return checkedReply(reply);
}

export interface ClickOptions {
  userId?: string;
  /** How many replies the click's response_url should get before they are returned; 0 returns once acked. */
  replies?: number;
}

/** Clicks a button on an ephemeral reply as Slack does, expects the 200 ack, and returns its response_url's replies. */
export async function click(
  bot: BotUnderTest,
  actionId: string,
  value: unknown,
  { userId, replies = 1 }: ClickOptions = {},
): Promise<Reply[]> {
  const name = `click-${++replyCount}`;
  const responseUrl = bot.slack.responseUrl(name);
  expect((await postSigned(bot.eventsUrl, blockActions({ actionId, value, responseUrl, userId }))).status).toBe(200);
  if (replies === 0) return [];
  return (await bot.slack.repliesTo(name, replies)).map(checkedReply);
}
