/** Slack's names for the bot's entry points; manifest.yml declares the same (test/manifest.test.ts keeps them equal). */

export const COMMAND = '/dd-instance';

/** The "Look up Datadog run" message shortcut. */
export const LOOKUP_RUN_SHORTCUT = 'lookup_datadog_run';

export const RUN_ACTIONS = {
  refresh: 'run_refresh',
  share: 'run_share',
  fullError: 'run_full_error',
  view: 'run_view',
  follow: 'run_follow',
  /** Shown only to allowed actors, on a running run; checked again on the click. */
  cancel: 'run_cancel',
  /** On an ended run, for those who may act: opens the Run again form. */
  runAgain: 'run_again',
} as const;

/** The Run again form (a modal): its submission starts the new run. */
export const RUN_AGAIN_VIEW = 'run_again_form';

/** "Stop following" on the follow confirmation. */
export const STOP_FOLLOWING_ACTION = 'run_stop_following';

/** "Stop" beside a followed run in App Home: no response_url there, so the Home view is published again instead. */
export const HOME_STOP_FOLLOWING_ACTION = 'home_stop_following';

/** A link button: Slack still sends its click, which is only acked. */
export const OPEN_IN_DATADOG_ACTION = 'open_in_datadog';
