#!/usr/bin/env node
import { createInterface } from 'node:readline/promises';
import { config } from 'dotenv';
import { errorMessage } from '../core/errorMessage';
import { colorWanted } from '../render/terminal';
import { type Input, type Output, runCli } from './main';

config({ quiet: true });

const output = (stream: NodeJS.WriteStream): Output => ({
  write: (text) => stream.write(text),
  color: colorWanted(stream, process.env),
  terminal: stream.isTTY === true,
});

/** The question goes to stderr, so stdout holds only the answer. */
const input: Input = {
  terminal: process.stdin.isTTY === true,
  ask: async (question) => {
    const lines = createInterface({ input: process.stdin, output: process.stderr });
    try {
      return await lines.question(question);
    } finally {
      lines.close();
    }
  },
};

const io = { env: process.env, stdout: output(process.stdout), stderr: output(process.stderr), stdin: input };
runCli(process.argv.slice(2), io)
  .then((code) => {
    process.exitCode = code;
  })
  .catch((err: unknown) => {
    process.stderr.write(`dd-instance failed: ${errorMessage(err)}\n`);
    process.exitCode = 1;
  });
