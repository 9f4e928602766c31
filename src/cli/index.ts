#!/usr/bin/env node
import { config } from 'dotenv';
import { errorMessage } from '../core/errorMessage';
import { colorWanted } from '../render/terminal';
import { type Output, runCli } from './main';

config({ quiet: true });

const output = (stream: NodeJS.WriteStream): Output => ({
  write: (text) => stream.write(text),
  color: colorWanted(stream, process.env),
  terminal: stream.isTTY === true,
});

runCli(process.argv.slice(2), { env: process.env, stdout: output(process.stdout), stderr: output(process.stderr) })
  .then((code) => {
    process.exitCode = code;
  })
  .catch((err: unknown) => {
    process.stderr.write(`dd-instance failed: ${errorMessage(err)}\n`);
    process.exitCode = 1;
  });
