import { type SampleDatadog, type SampleDatadogOptions, startSampleDatadog } from '../../src/sample/sampleDatadog';

/** One sample Datadog for a test file, its scripts and recorded requests cleared before each test. */
export function sampleDatadogForFile(options?: SampleDatadogOptions): () => SampleDatadog {
  let datadog: SampleDatadog | undefined;
  beforeAll(async () => {
    datadog = await startSampleDatadog(options);
  });
  afterAll(async () => {
    await datadog?.close();
  });
  beforeEach(() => datadog?.reset());
  return () => {
    if (!datadog)
      throw new Error('the sample Datadog is not running: call sampleDatadogForFile at the top of the file');
    return datadog;
  };
}
